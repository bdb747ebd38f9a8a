"""Kubernetes manifests exported from OVH Managed Kubernetes (`kubectl get -o yaml`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Sink
from ..span import Span
from .positioned import PValue


@dataclass(frozen=True)
class Exported:
    """One object as exported, with the spans of its document and of its fields."""

    obj: dict[str, Any]
    span: Span
    doc: PValue = field(compare=False)


def is_export(docs: list[PValue]) -> bool:
    """Objects a cluster returned (`kubectl get -o yaml`), not hand-written manifests: the
    API server adds uid/resourceVersion/creationTimestamp/managedFields (or status)."""
    return any(isinstance(d.value, dict) and "apiVersion" in d.value and "kind" in d.value
               and _exported(d) for d in docs)


_SERVER_FIELDS = {"uid", "resourceVersion", "creationTimestamp", "managedFields"}


def _exported(d: PValue) -> bool:
    """`kubectl create --dry-run -o yaml` writes `creationTimestamp: null` and `status: {}`:
    only values the API server filled in count."""
    kind, status = d.get("kind"), d.get("status")
    if kind is not None and kind.value == "List":
        return True
    if status is not None and isinstance(status.value, dict) and status.value:
        return True
    meta = d.get("metadata")
    if meta is None or not isinstance(meta.value, dict):
        return False
    return any(v.value not in (None, "", [], {}) for k, v in meta.value.items()
               if k in _SERVER_FIELDS)


def read(docs: list[PValue], sink: Sink) -> list[Exported]:
    """Objects of the documents (a `kind: List` is unwrapped); an object whose fields have the
    wrong shape is reported (IT105 at the value) and skipped, the others still translated."""
    out: list[Exported] = []
    for d in docs:
        if not isinstance(d.value, dict):
            continue
        items = d.get("items")
        kind = d.get("kind")
        if kind is not None and kind.value == "List" and items is not None:
            if not isinstance(items.value, list):
                sink.add("IT105", items.span, "`items` of a List must be a list of objects")
                continue
            for i in items.value:
                if not isinstance(i.value, dict):
                    sink.add("IT105", i.span, "an item of a List must be an object")
                elif _well_shaped(i, sink):
                    out.append(Exported(i.plain(), i.span, i))
        elif "apiVersion" in d.value and "kind" in d.value:
            if _well_shaped(d, sink):
                out.append(Exported(d.plain(), d.span, d))
        else:
            sink.add("IT105", d.span, "a Kubernetes document needs apiVersion and kind")
    return out


_POD = ("containers", "initContainers")
_CONTAINER = (("env", list), ("env.*", dict), ("ports", list), ("ports.*", dict),
              ("args", list), ("command", list), ("volumeMounts", list),
              ("volumeMounts.*", dict), ("resources", dict))


def _pod_rules(prefix: str) -> list[tuple[str, type]]:
    rules: list[tuple[str, type]] = [(prefix, dict), (f"{prefix}.volumes", list),
                                     (f"{prefix}.volumes.*", dict)]
    for c in _POD:
        rules += [(f"{prefix}.{c}", list), (f"{prefix}.{c}.*", dict)]
        rules += [(f"{prefix}.{c}.*.{path}", t) for path, t in _CONTAINER]
    return rules


# The shape the cleaner and the secret scrubber rely on: path (`*` = every list item) -> type.
_RULES: tuple[tuple[str, type], ...] = (
    ("apiVersion", str), ("kind", str), ("metadata", dict), ("metadata.name", str),
    ("metadata.namespace", str), ("metadata.annotations", dict), ("metadata.labels", dict),
    ("metadata.ownerReferences", list), ("spec", dict), ("data", dict), ("stringData", dict),
    ("spec.ports", list), ("spec.ports.*", dict), ("spec.selector", dict),
    ("spec.template", dict), ("spec.template.metadata", dict),
    ("spec.volumeClaimTemplates", list), ("spec.volumeClaimTemplates.*", dict),
    ("spec.volumeClaimTemplates.*.spec", dict), ("spec.volumeClaimTemplates.*.metadata", dict),
    ("spec.jobTemplate", dict), ("spec.jobTemplate.spec", dict),
    ("spec.jobTemplate.spec.template", dict),
    *_pod_rules("spec"), *_pod_rules("spec.template.spec"),
    *_pod_rules("spec.jobTemplate.spec.template.spec"),
)
# Empty in hand-written dumps (`labels:`); every reader of these treats null as empty.
_NULLABLE = {"annotations", "labels", "env"}
_NAMES: dict[type, str] = {dict: "an object", list: "a list", str: "a string"}


def _well_shaped(obj: PValue, sink: Sink) -> bool:
    ok = True
    for path, want in _RULES:
        for where, v in _find(obj, path.split("."), ""):
            if not isinstance(v.value, want) and (v.value is not None or
                                                   path.rsplit(".", 1)[-1] not in _NULLABLE):
                sink.add("IT105", v.span, f"`{where}` must be {_NAMES[want]}; the object is "
                         "not exported")
                ok = False
    if ok:  # annotation and label values are strings in Kubernetes, never nested values
        for field in ("annotations", "labels"):
            for where, v in _find(obj, ["metadata", field, "*"], ""):
                if isinstance(v.value, dict | list):
                    sink.add("IT105", v.span, f"`{where}` must be a string; the object is not "
                             "exported")
                    ok = False
    return ok


def _find(node: PValue, path: list[str], where: str) -> list[tuple[str, PValue]]:
    """The values at `path` below `node` (`*`: every list item, or every mapping value)."""
    if not path:
        return [(where, node)]
    head, rest = path[0], path[1:]
    if head == "*":
        if isinstance(node.value, list):
            return [x for k, i in enumerate(node.value) for x in _find(i, rest, f"{where}[{k}]")]
        if isinstance(node.value, dict):
            return [x for k, i in node.value.items() for x in _find(i, rest, f"{where}.{k}")]
        return []
    nxt = node.get(head)
    if nxt is None:
        return []
    return _find(nxt, rest, f"{where}.{head}" if where else head)
