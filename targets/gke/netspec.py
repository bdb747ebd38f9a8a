"""Lowering from network specs with `Use`: a spec value's argument is found by identity."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx
from ..tfbase.use import Use


def path_of(node: N.Resource, value: E.Expr) -> str | None:
    """The argument holding `value` (the value itself, or an item of a list or block), so
    diagnostics name the argument as written (`start`, `subnet_ids`, `allocation_pools`)."""
    for k, v in node.args:
        if v is value:
            return k
        if isinstance(v, (E.Tuple, E.BlockSeq)) and any(i is value for i in v.items):
            return k
    return None


def took(u: Use, first: E.Expr | None, *more: E.Expr | None) -> E.Expr | None:
    """Mark the arguments of these spec values read; the first value, rewritten."""
    for value in (first, *more):
        path = path_of(u.node, value) if value is not None else None
        if path is not None:
            u.raw(path)
    return None if first is None else u.ctx.rewrite(first, u.node.module)


def drop(u: Use, value: E.Expr | None, why: str) -> None:
    """Report the argument of a spec value as not translated (IT302), as `Use.drop`."""
    path = path_of(u.node, value) if value is not None else None
    if path is not None:
        u.drop(path, why)


def rw(ctx: Ctx, node: N.Resource, value: E.Expr | None) -> E.Expr | None:
    return None if value is None else ctx.rewrite(value, node.module)
