"""Plain values of HCL expressions and Kubernetes quantities, for comparing facts."""

from __future__ import annotations

import re
from typing import Any

from ..hcl.printer import short_hcl
from ..ir import expr as E
from ..ir.nodes import Node
from .model import Expression


def plain(e: E.Expr | None) -> Any:
    """A literal, list or map as Python data; anything computed as its Expression text.
    Nested blocks (BlockSeq) become lists of maps."""
    if e is None:
        return None
    e = E.unwrap(e)
    if isinstance(e, E.Literal):
        return e.value
    s = E.str_value(e)
    if s is not None:
        return s
    if isinstance(e, E.Tuple):
        return [plain(i) for i in e.items]
    if isinstance(e, E.Object):
        out: dict[str, Any] = {}
        for k, v in e.items:
            name = E.key_name(k)
            if name is None:
                return Expression(short_hcl(e, 200))
            out[name] = plain(v)
        return out
    if isinstance(e, E.BlockSeq):
        return [plain(i) if isinstance(i, E.Object) else _dynamic(i) for i in e.items]
    return Expression(short_hcl(e, 200))


DYNAMIC = "<dynamic>"


def _dynamic(block: E.DynamicBlock) -> dict[str, Any]:
    """A `dynamic` block as its content, with its for_each under DYNAMIC."""
    body = plain(block.content)
    out = dict(body) if isinstance(body, dict) else {}
    out[DYNAMIC] = Expression(short_hcl(block.for_each, 200))
    return out


def get(node: Node, path: str) -> Any:
    return plain(node.get(path))


def blocks(node: Node, path: str) -> list[dict[str, Any]]:
    """The bodies of nested blocks at `path` (`settings.ip_configuration`), literal ones."""
    return [b for b in plain_list(node, path) if isinstance(b, dict)]


def plain_list(node: Node, path: str) -> list[Any]:
    """Every nested block at `path` as plain data, dynamic ones as their Expression."""
    head, _, rest = path.partition(".")
    found: list[Any] = [plain(node.arg(head))]
    for part in rest.split(".") if rest else ():
        found = [b.get(part) if isinstance(b, dict) else None for b in _flat(found)]
    return [b for b in _flat(found) if b is not None]


def _flat(items: list[Any]) -> list[Any]:
    out: list[Any] = []
    for i in items:
        out.extend(i if isinstance(i, list) else [i])
    return out


def span_of(node: Node, path: str) -> Any:
    """The source text of the value at `path`: the whole `name = value` of a top-level
    argument (diagnostics stand at its name or its value), else the nested value's."""
    if "." not in path:
        return node.arg_span(path)
    value = node.get(path)
    if value is not None and value.span is not None:
        return value.span
    return node.arg_span(path.partition(".")[0])


_MEM = {"Ki": 2**10, "Mi": 2**20, "Gi": 2**30, "Ti": 2**40, "k": 10**3, "M": 10**6,
        "G": 10**9, "T": 10**12, "": 1}


def gib(quantity: Any) -> float | None:
    """A Kubernetes memory quantity in GiB (`80Gi` -> 80.0, `512Mi` -> 0.5)."""
    m = re.fullmatch(r"\s*([0-9.]+)\s*([KMGT]i?|k)?\s*", str(quantity))
    if not m:
        return None
    return round(float(m.group(1)) * _MEM[m.group(2) or ""] / 2**30, 3)


def cores(quantity: Any) -> float | None:
    """A Kubernetes CPU quantity in cores (`2` -> 2.0, `500m` -> 0.5)."""
    m = re.fullmatch(r"\s*([0-9.]+)(m?)\s*", str(quantity))
    if not m:
        return None
    return float(m.group(1)) / (1000 if m.group(2) else 1)


_REF = re.compile(r"\b(?:var|local|each\.value|each|count)\.[A-Za-z_][A-Za-z0-9_-]*")


def refs(value: Any) -> set[str]:
    """The variables, locals and iteration values an expression reads: what a reference
    rewrite keeps."""
    return set(_REF.findall(str(value))) if isinstance(value, Expression) else set()
