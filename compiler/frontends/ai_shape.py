"""Decide whether a YAML/JSON file or document really is an AI app/job/notebook body."""

from __future__ import annotations

import posixpath
import re

from .ai_spec import FIELDS, OUTPUT_ONLY
from .positioned import PValue

_KNOWN = set().union(*FIELDS.values()) | OUTPUT_ONLY | {"spec"}
# Go/Helm `{{ }}`, Terraform templatefile `%{ }`, Jinja `{% %}`.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|%\{[^}\n]*\}|\{%.*?%\}", re.S)
# Markers of files that are something else, and what they are (in messages).
_FOREIGN_KEYS = (
    ({"on", "jobs"}, "a CI workflow"),  # GitHub Actions: `on` + `jobs`
    ({"stages"}, "a GitLab CI pipeline"),
    ({"services"}, "a Compose file"),
    ({"apiVersion", "kind"}, "a Kubernetes manifest"),
)
# Fields only AI specs have (a plain `name:` or `labels:` says nothing).
_SPECIFIC = {"defaultHttpPort", "scalingStrategy", "envVars", "unsecureHttp", "probe",
             "deploymentStrategy", "sshPublicKeys", "timeoutAutoRestart", "grpcPort"}
_GITLAB = {"image", "script", "before_script", "variables", "include", "workflow"}


def foreign_file(rel: str, text: str, charts: frozenset[str]) -> str:
    """What the file is when it is not an AI body by its place or its templating, or ""."""
    parts = rel.split("/")
    if _in_chart(rel, charts):
        return "part of a Helm chart"
    if "templates" in parts[:-1] and _TEMPLATE.search(text):
        return "a Go template"
    if ".github" in parts[:-1] or parts[-1] in (".gitlab-ci.yml", ".gitlab-ci.yaml"):
        return "a CI configuration"
    return ""


# Top-level keys of other tools' files, found in the text of a file that does not load.
_FOREIGN_LINE = re.compile(r"^(apiVersion|kind|on|jobs|stages|services)[ \t]*:", re.M)


# Fields only the API server writes: the file is an MKS export, if a damaged one.
_SERVER_LINE = re.compile(r"^[ \t]+(uid|resourceVersion|managedFields)[ \t]*:[ \t]*\S", re.M)


def foreign_text(text: str) -> str:
    """What a file that is not valid YAML is, when its text says it ("" if it may be ours):
    templates (Helm, Terraform templatefile, Jinja) and manifests, workflows, compose files."""
    if _TEMPLATE.search(text):
        return "a template"
    if _SERVER_LINE.search(text):  # a damaged `kubectl get` export: its error is reported
        return ""
    m = _FOREIGN_LINE.search(text)
    return f"a file with a top-level `{m.group(1)}:` (another tool's)" if m else ""


def _in_chart(rel: str, charts: frozenset[str]) -> bool:
    d = posixpath.dirname(rel)
    while True:
        if d in charts:
            return True
        if not d:
            return False
        d = posixpath.dirname(d)


def not_a_body(doc: PValue) -> str:
    """"" when `doc` has the shape of an app/job/notebook spec (or `ovhai ... get` output
    wrapping one), else what it looks like instead."""
    if not isinstance(doc.value, dict):
        return "not an object"
    keys = set(doc.value)
    for marker, what in _FOREIGN_KEYS:
        if marker <= keys:
            return what
    if len(keys & _GITLAB) >= 2 and "script" in keys:
        return "a CI job"
    spec = doc.get("spec")
    if spec is not None and isinstance(spec.value, dict) and keys <= _KNOWN:
        doc = spec  # `ovhai ... get -o json` wraps the spec with id/status
        keys = set(doc.value)
    image, res, env = doc.get("image"), doc.get("resources"), doc.get("env")
    shaped = (image is not None and not isinstance(image.value, (dict, list))) or (
        res is not None and isinstance(res.value, dict)
        and bool(set(res.value) & {"flavor", "cpu", "gpu"})) or (
        env is not None and isinstance(env.value, dict)
        and bool(set(env.value) & {"frameworkId", "editorId"})) or (
        keys <= _KNOWN and bool(keys & _SPECIFIC))
    if not shaped:
        return "a YAML/JSON document without an image, resources or notebook environment"
    unknown = keys - _KNOWN
    if len(unknown) * 2 > len(keys):  # mostly foreign fields: some other tool's file
        return "a document whose fields are mostly not AI spec fields"
    return ""
