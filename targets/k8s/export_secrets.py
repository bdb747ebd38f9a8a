"""Credentials in MKS-exported manifests: Secret values and literal env values are not copied."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler import secrets
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span

from . import scrub

PLACEHOLDER = "iac-translate.io/placeholder"
# Secret types whose keys the API server validates: an empty value would be rejected.
_EMPTY = {".dockerconfigjson": "{}"}


def secret(obj: dict[str, Any], sink: Sink, span: Span, where: str) -> None:
    """A kind Secret keeps its keys with empty values; the command to refill it is reported."""
    keys = sorted({*(obj.get("data") or {}), *(obj.get("stringData") or {})})
    obj.pop("data", None)
    obj.pop("stringData", None)
    if keys:
        obj["stringData"] = {k: _EMPTY.get(k, "") for k in keys}
    meta = obj.setdefault("metadata", {})
    meta["annotations"] = dict(meta.get("annotations") or {}, **{PLACEHOLDER: "true"})
    name, ns = meta.get("name", "?"), meta.get("namespace")
    literals = " ".join(f"--from-literal={k}=..." for k in keys)
    sink.add("IT316", span, f"{where}: the values of its {len(keys)} key(s) are not copied; "
             "it is written with empty values", f"kubectl create secret generic {name} "
             + (f"-n {ns} " if ns else "") + (literals or "") + " --dry-run=client -o yaml"
             " | kubectl apply -f -")


def _pod_specs(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        return []
    if obj.get("kind") == "Pod":
        return [spec]
    if obj.get("kind") == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    tmpl = spec.get("template")
    inner = tmpl.get("spec") if isinstance(tmpl, dict) else None
    return [inner] if isinstance(inner, dict) else []


def workload(obj: dict[str, Any], sink: Sink, span: Span, where: str) -> dict[str, Any] | None:
    """Literal credentials in env values and args of a pod template move to a new placeholder
    Secret (returned) read through secretKeyRef and `$(VAR)`."""
    meta = obj.get("metadata") or {}
    name = f"{meta.get('name', 'exported')}-credentials"
    keys: list[str] = []
    for spec in _pod_specs(obj):
        for c in [*(spec.get("initContainers") or []), *(spec.get("containers") or [])]:
            if not isinstance(c, dict):
                continue
            env = c.get("env") or []
            taken = {e.get("name", "") for e in env if isinstance(e, dict)}
            for e in env:
                value = e.get("value") if isinstance(e, dict) else None
                if not isinstance(value, str) or not value or secrets.placeholder(value):
                    continue
                if secrets.secret_name(str(e.get("name", ""))) or secrets.secret_value(value):
                    key = str(e.get("name"))
                    del e["value"]
                    e["valueFrom"] = {"secretKeyRef": {"name": name, "key": key}}
                    keys.append(key)
                    sink.add("IT316", span, f"{where}: env `{key}` of container "
                             f"`{c.get('name')}` held a literal credential; it is read from "
                             f"Secret `{name}` and its value is not written",
                             f"kubectl create secret generic {name} "
                             + (f"-n {meta['namespace']} " if meta.get("namespace") else "")
                             + f"--from-literal={key}=...")
            for field in ("command", "args"):
                if isinstance(c.get(field), list) and all(isinstance(a, str) for a in c[field]):
                    c[field], new = scrub.args(tuple(c[field]), name, taken, sink, span)
                    env.extend({"name": k, "valueFrom": {"secretKeyRef": {"name": name,
                                                                          "key": k}}}
                               for k in new)
                    keys += new
            if env:
                c["env"] = env
    if not keys:
        return None
    smeta: dict[str, Any] = {"name": name, "annotations": {PLACEHOLDER: "true"}}
    if meta.get("namespace"):
        smeta["namespace"] = meta["namespace"]
    return {"apiVersion": "v1", "kind": "Secret", "metadata": smeta, "type": "Opaque",
            "stringData": {k: "" for k in keys}}
