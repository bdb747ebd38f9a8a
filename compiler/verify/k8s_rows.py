"""Rows of a Kubernetes target: each AI workload or exported object against OUT's objects."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..api import Result
from ..diagnostics import Sink
from ..frontends import ai_names, ai_sources
from ..frontends.ai_sources import looks_secret
from ..ir.ai import EnvVar
from ..span import Span
from .judge import Explainer, judge
from .k8s_facts import OUTPUT, View, name_of
from .model import Fact, Row
from .src_ai import SOURCE
from .tables import Tables

# What an exported MKS object says is read like what is written: the same extractors.
_EXPORT_FACTS = ("image", "command", "replicas", "cpu", "ram_gib", "gpu", "env_keys",
                 "secret_env", "mounts", "volumes", "namespace", "cpu_request", "ram_request",
                 "ports")

# Requests lowered to fit a node are said by the placement diagnostics at the flavor only.
_REQUESTS = {"cpu_request", "ram_request"}
_PLACEMENT = {"IT345", "IT346"}


# Facts a diagnostic at the whole workload explains (the flavor may be implied, and its
# substitution is reported at the workload).
_SIZES = {"cpu", "ram_gib", "gpu", "cpu_request", "ram_request"}


def objects(files: dict[str, str], label: str, sink: Sink) -> list[dict[str, Any]]:
    """Every Kubernetes object of the manifests (kustomization.yaml is not one)."""
    found: list[dict[str, Any]] = []
    for rel in sorted(files):
        if rel.rsplit("/", 1)[-1] in ("kustomization.yaml", "Chart.yaml", "values.yaml"):
            continue
        try:
            docs = list(yaml.safe_load_all(files[rel]))
        except RecursionError:
            sink.add("IT351", Span(f"{label}/{rel}" if label else rel, 1, 1),
                     "the output is nested too deeply to read")
            continue
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            sink.add("IT351", Span(f"{label}/{rel}" if label else rel, line, 1),
                     f"the output is not valid YAML: {str(e).splitlines()[0]}")
            continue
        for d in docs:
            if isinstance(d, dict) and d.get("kind"):
                items = d.get("items") if d.get("kind") == "List" else [d]
                found.extend(i for i in items or [] if isinstance(i, dict))
    return found


def _workloads(src: Any) -> tuple[list[Any], dict[str, list[Any]]]:
    """The source's workloads, named as the translation names them, and its exports."""
    sink = Sink()
    if isinstance(src, dict):
        files = dict(src)
    else:
        files = ai_sources.collect(list(src) if isinstance(src, list) else
                                   [src if isinstance(src, (str, Path)) else str(src)], sink)
    exports: dict[str, list[Any]] = {}
    return ai_names.assign(ai_sources.read_all(files, sink, exports), sink), exports


def rows(src: Any, result: Result, files: dict[str, str], target: str, options: Any,
         tables: Tables, label: str, sink: Sink) -> list[Row]:
    before = len(sink.sorted())
    if target == "helm":
        from .helm_render import render
        files = render(files, sink, label)
    objs = objects(files, label, sink)
    if len(sink.sorted()) > before:
        return []  # an unreadable file hides its objects: rows would call them all lost
    ns = _namespace(files)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for o in objs:
        by_name.setdefault(name_of(o), []).append(o)
    why = Explainer(result.diagnostics)
    workloads, exports = _workloads(src)
    found: list[Row] = []
    # The name the translation gave each workload (Kubernetes names: `whisper_app` is
    # written `whisper-app`, with IT324), from its provenance.
    written: dict[Any, str] = {}
    for at, address in result.trace:
        kind, _, obj = address.partition("/")
        if kind in ("Deployment", "Job", "StatefulSet"):
            written.setdefault(at, obj)
    for w in workloads:
        objs_of = by_name.get(written.get(w.span, w.name or ""), []) or \
            by_name.get(w.name or "", [])
        found.extend(_workload(w, objs_of, tables, why, objs, ns))
    for items in exports.values():
        for e in items:
            found.extend(_exported(e, objs, tables, why, ns))
    return found


def _namespace(files: dict[str, str]) -> str:
    """The namespace kustomize applies the objects in (`default` without one)."""
    try:
        k = yaml.safe_load(files.get("kustomization.yaml") or "") or {}
    except yaml.YAMLError:
        k = {}
    return str((k.get("namespace") if isinstance(k, dict) else None) or "default")


def _placement(why: Explainer) -> Explainer:
    return Explainer(d for found in why.by_line.values() for d in found
                     if d.code in _PLACEMENT)


def _workload(w: Any, objs: list[dict[str, Any]], tables: Tables, why: Explainer,
              everything: list[dict[str, Any]], ns: str) -> list[Row]:
    name = f"{w.kind} {w.name}"
    whole = Span(w.span.file, w.span.line, w.span.column)
    view = View(objs, tables, everything, ns)
    placed = _placement(why)
    kinds = sorted({str(o.get("kind")) for o in objs})
    # Only an error at the workload (it was not translated) explains writing nothing.
    errors = Explainer(d for d in why.at(whole) if d.severity.value == "error")
    got = [judge(name, "objects", Fact(True, span=whole), Fact(True) if view.main else None,
                 errors, ", ".join(kinds), whole=True)]
    if view.main is None:
        return [r for r in got if r is not None]
    for fact, read in SOURCE.items():
        stated = read(w, tables)
        written = OUTPUT[fact](view)
        written = _only_stated(fact, stated, written)
        got.append(judge(name, fact, stated, written, placed if fact in _REQUESTS else why,
                         f"{view.main.get('kind')}/"
                         f"{(view.main.get('metadata') or {}).get('name')}",
                         owner=w.span if fact in _SIZES else None))
    return [r for r in got if r is not None]


def _ports(v: View) -> Fact:
    return Fact(sorted(str(p.get("containerPort")) for p in v.c.get("ports") or []
                       if isinstance(p, dict)))


def _export_namespace(v: View) -> Fact | None:
    """An exported object's namespace: its own, or the namespace it was dumped from."""
    return Fact(str(((v.main or {}).get("metadata") or {}).get("namespace") or v.namespace)) \
        if v.main else None


# Facts an exported object states differently from a translated workload.
_EXPORT = {"ports": _ports, "namespace": _export_namespace}


def _secret_env(v: View) -> Fact:
    """An export's credentials: env vars read from Secrets, or holding one as a value."""
    env = [e for e in v.c.get("env") or [] if isinstance(e, dict)]
    return Fact(sorted({str(e.get("name")) for e in env
                        if (e.get("valueFrom") or {}).get("secretKeyRef") or looks_secret(
                            EnvVar(str(e.get("name")), str(e.get("value", "")),
                                   Span("", 0, 0)))}))


def _only_stated(fact: str, stated: Fact | None, written: Fact | None) -> Fact | None:
    """Labels, env keys and bucket mounts: only the source's are intent (the output adds
    its own labels, env vars that carry what was taken out of arguments, other volumes)."""
    if stated is None or written is None:
        return written
    if isinstance(stated.value, dict) and isinstance(written.value, dict):
        return Fact({k: written.value[k] for k in stated.value if k in written.value},
                    written.raw)
    if fact in ("env_keys", "secret_env") and isinstance(stated.value, list) and \
            isinstance(written.value, list):
        return Fact([v for v in written.value if v in stated.value], written.raw)
    if fact == "volumes" and isinstance(stated.value, list) and isinstance(written.value, list):
        # the mounts of the source's buckets (a git or emptyDir volume mounts none)
        paths = {str(v).partition("=")[0] for v in stated.value}
        kept = [v for v in written.value if str(v).partition("=")[0] in paths]
        return Fact(kept, ", ".join(_other_buckets(stated.value, kept)) or written.raw)
    return written


def _other_buckets(stated: list[Any], written: list[Any]) -> list[str]:
    """What a diagnostic must name to explain each mount of another bucket or prefix: the
    bucket where only it differs (a name mapped, IT324), else `bucket/prefix` (`bucket/`
    for a whole bucket). One about how a volume is mounted (IT301 names the bucket) says
    nothing of a changed prefix."""
    src = {str(v).partition("=")[0]: str(v).partition("=")[2] for v in stated}
    out: list[str] = []
    for v in written:
        mount, _, path = str(v).partition("=")
        if v in stated:
            continue
        bucket, _, prefix = path.partition("/")
        was = src.get(mount, "").partition("/")
        out.append(bucket if prefix == was[2] and bucket != was[0] else f"{bucket}/{prefix}")
    return out


def _exported(e: Any, objs: list[dict[str, Any]], tables: Tables, why: Explainer,
              ns: str) -> list[Row]:
    kind = str(e.obj.get("kind"))
    meta = e.obj.get("metadata") or {}
    name = f"{kind}/{meta.get('name')}"
    mine = [o for o in objs if o.get("kind") == kind and
            (o.get("metadata") or {}).get("name") == meta.get("name")]
    src, out = View([e.obj], tables), View(mine, tables, objs, ns)
    whole = Span(e.span.file, e.span.line, e.span.column, e.span.end_line, e.span.end_column)
    if src.main is None:
        return []  # Services, claims, config: cleaned copies, not workloads
    got = [judge(name, "objects", Fact(True, span=whole), Fact(True) if mine else None,
                 Explainer(()), name)]  # every exported object is written (or an error)
    if out.main is None:
        return [r for r in got if r is not None]
    for fact in _EXPORT_FACTS:
        stated = _secret_env(src) if fact == "secret_env" else (
            _EXPORT.get(fact) or OUTPUT[fact])(src)
        if fact == "volumes" and stated is not None:
            # only mounts of a bucket the object names (a plain claim or emptyDir names none)
            stated = Fact([v for v in stated.value if not str(v).endswith("=-")])
        if stated is not None and stated.value in ([], "none"):
            stated = None  # the object says nothing of it (no command, env, mount, GPU)
        if stated is not None:
            stated = Fact(stated.value, stated.raw, whole)
        written = (_EXPORT.get(fact) or OUTPUT[fact])(out)
        got.append(judge(name, fact, stated, _only_stated(fact, stated, written),
                         _placement(why) if fact in _REQUESTS else why, name))
    return [r for r in got if r is not None]
