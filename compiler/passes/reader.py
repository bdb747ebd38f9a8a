"""What a pass needs of its caller to read OVH meaning: literals, references, OVH tables."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N


class Reader(Protocol):
    """Implemented by each target's lowering context (targets/tfbase/context.Ctx): the
    passes never import targets, they are handed this."""

    @property
    def ovh_flavors(self) -> Mapping[str, Any]: ...

    @property
    def ovh_regions(self) -> Mapping[str, Any]: ...

    def literal(self, expr: E.Expr | None, node: N.Resource) -> str | None:
        """The literal string `expr` stands for (through variable defaults and locals)."""
        ...

    def resolve(self, expr: E.Expr | None, module: str) -> N.Resource | None:
        """The resource `expr` references, if it is one of the configuration's."""
        ...


_T = TypeVar("_T")


def once(r: Reader, what: str, node: N.Node, read: Callable[[], _T]) -> _T:
    """`read()`, a pure reading of `node`, kept in the reader's `readings` (when it has one)
    for whoever asks again: lowerings of a node's dependants read it too."""
    memo: dict[tuple[str, int], tuple[Any, Any]] | None = getattr(r, "readings", None)
    if memo is None:
        return read()
    seen = memo.get((what, id(node)))
    if seen is not None and seen[0] is node:  # (the node kept: its id stays its own)
        out: _T = seen[1]
        return out
    out = read()
    memo[(what, id(node))] = (node, out)
    return out


@dataclass(frozen=True)
class Value:
    """A source value: the expression as written, and its literal text when it has one
    (directly or through a variable default or a local); `known` says which."""

    source: E.Expr | None
    text: str | None = None

    @property
    def known(self) -> bool:
        return self.text is not None

    @property
    def absent(self) -> bool:
        return self.source is None


def value(r: Reader, node: N.Resource, expr: E.Expr | None) -> Value:
    return Value(expr, r.literal(expr, node) if expr is not None else None)


def boolean(expr: E.Expr | None) -> bool | None:
    """A literal `true`/`false` (or "true"/"false"), else None."""
    if isinstance(expr, E.Literal) and isinstance(expr.value, bool):
        return expr.value
    s = E.str_value(expr)
    return {"true": True, "false": False}.get(s.lower()) if s is not None else None


def number(expr: E.Expr | None) -> float | None:
    if isinstance(expr, E.Literal) and isinstance(expr.value, (int, float)) and \
            not isinstance(expr.value, bool):
        return float(expr.value)
    return None
