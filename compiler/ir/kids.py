"""Per-class child lists of expression nodes, for the walkers (expr.walk, walks.*)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import chain, repeat

from . import expr as E

# The walkers ask every node of every emitted value for its children; the generic reader
# (expr._generic_kids) loops over field names with getattr and type tests, half of a walk.
# Each function here reads the fields of one class directly, in field order, when they hold
# what the class declares, and otherwise hands the node to the generic reader, so the result
# is always the generic one (tests/test_ir_kids.py compares them on every golden model).

_generic = E._generic_kids
_Expr = E.Expr
_from_pairs = chain.from_iterable


def _obj(e: E.Expr) -> list[E.Expr]:  # GetAttr, Splat
    v = e.obj  # type: ignore[attr-defined]
    return [v] if isinstance(v, _Expr) else _generic(e)


def _inner(e: E.Expr) -> list[E.Expr]:  # Parens, Interp, Directive (expr may be None)
    v = e.expr  # type: ignore[attr-defined]
    return [v] if isinstance(v, _Expr) else _generic(e)


def _operand(e: E.Unary) -> list[E.Expr]:
    v = e.operand
    return [v] if isinstance(v, _Expr) else _generic(e)


def _index(e: E.Index) -> list[E.Expr]:
    a, b = e.obj, e.key
    return [a, b] if isinstance(a, _Expr) and isinstance(b, _Expr) else _generic(e)


def _binary(e: E.Binary) -> list[E.Expr]:
    a, b = e.left, e.right
    return [a, b] if isinstance(a, _Expr) and isinstance(b, _Expr) else _generic(e)


def _conditional(e: E.Conditional) -> list[E.Expr]:
    a, b, c = e.cond, e.then, e.other
    if isinstance(a, _Expr) and isinstance(b, _Expr) and isinstance(c, _Expr):
        return [a, b, c]
    return _generic(e)


def _all_exprs(items: object) -> bool:
    return items.__class__ is tuple and all(map(isinstance, items, repeat(_Expr)))


def _items(e: E.Expr) -> list[E.Expr]:  # Tuple, BlockSeq
    v = e.items  # type: ignore[attr-defined]
    return list(v) if _all_exprs(v) else _generic(e)


def _args(e: E.Call) -> list[E.Expr]:
    v = e.args
    return list(v) if _all_exprs(v) else _generic(e)


def _object(e: E.Object) -> list[E.Expr]:
    v = e.items
    if v.__class__ is tuple and all(map(isinstance, v, repeat(tuple))):
        out = list(_from_pairs(v))  # keys and values, pair after pair
        if all(map(isinstance, out, repeat(_Expr))):
            return out
    return _generic(e)


def _template(e: E.Template) -> list[E.Expr]:
    v = e.parts
    if v.__class__ is tuple:
        out = [p for p in v if p.__class__ is not str]  # interpolations and directives
        if all(map(isinstance, out, repeat(_Expr))):
            return out  # type: ignore[return-value]
    return _generic(e)


def _optional(*values: object) -> list[E.Expr] | None:
    """The values that are not None, if each is an expression."""
    out = [x for x in values if x is not None]
    return out if all(map(isinstance, out, repeat(_Expr))) else None  # type: ignore[return-value]


def _for(e: E.ForExpr) -> list[E.Expr]:
    out = _optional(e.collection, e.value, e.key, e.cond)
    return _generic(e) if out is None else out


def _dynamic(e: E.DynamicBlock) -> list[E.Expr]:
    out = _optional(e.for_each, e.content, e.labels)
    return _generic(e) if out is None else out


def _leaf(e: E.Expr) -> list[E.Expr]:  # Literal, Var: no field holds an expression
    return []


_FAST: dict[type, Callable[..., list[E.Expr]]] = {
    E.GetAttr: _obj, E.Splat: _obj, E.Parens: _inner, E.Interp: _inner, E.Directive: _inner,
    E.Unary: _operand, E.Index: _index, E.Binary: _binary, E.Conditional: _conditional,
    E.Tuple: _items, E.BlockSeq: _items, E.Call: _args, E.Object: _object,
    E.Template: _template, E.ForExpr: _for, E.DynamicBlock: _dynamic,
    E.Literal: _leaf, E.Var: _leaf,
}
E._FAST_KIDS.update(_FAST)
for _cls in _FAST:
    E._expr_fields(_cls)  # the walkers' leaf test is then one lookup from the first node
