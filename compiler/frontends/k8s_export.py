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
    return any(isinstance(d.value, dict) and "apiVersion" in d.value and "kind" in d.value
               for d in docs)


def read(docs: list[PValue], sink: Sink) -> list[Exported]:
    """Objects of the documents (a `kind: List` is unwrapped)."""
    out: list[Exported] = []
    for d in docs:
        if not isinstance(d.value, dict):
            continue
        items = d.get("items")
        if d.plain().get("kind") == "List" and items is not None and isinstance(items.value, list):
            out.extend(Exported(i.plain(), i.span, i) for i in items.value
                       if isinstance(i.value, dict))
        elif "apiVersion" in d.value and "kind" in d.value:
            out.append(Exported(d.plain(), d.span, d))
        else:
            sink.add("IT105", d.span, "a Kubernetes document needs apiVersion and kind")
    return out
