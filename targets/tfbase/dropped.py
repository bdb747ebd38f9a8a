"""Source arguments a target cannot carry, reported where they are written with its reason."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .use import is_empty


def unset(value: E.Expr | None) -> bool:
    """Nothing is lost: not written, empty, null or false (the OVH defaults)."""
    return value is None or is_empty(value) or (isinstance(value, E.Literal) and
                                                value.value is False)


def report(ctx: Ctx, node: N.Resource, reasons: Mapping[str, str],
           values: Iterable[tuple[str, E.Expr | None]]) -> None:
    """IT302 for each (path, value) that is set, with `reasons[path]` (the target's table)."""
    for path, value in values:
        if not unset(value):
            assert value is not None
            ctx.sink.add("IT302", value.span or node.span,
                         f"`{path}` of {node.address} is not translated: {reasons[path]}")
