"""`lifecycle { ignore_changes }`: source argument names become the target's, or are reported."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..mapping import data_table
from .context import Ctx


def _table(ctx: Ctx) -> dict[str, dict[str, list[str]]]:
    data = data_table(f"{ctx.target_name}/platform.json") or {}
    types: dict[str, dict[str, list[str]]] = data.get("ignore_changes", {}).get("types", {})
    return types


def lifecycle_for_target(ctx: Ctx, node: N.Resource, seq: E.BlockSeq,
                         emitted_type: str = "") -> E.BlockSeq | None:
    """Rename `ignore_changes` entries through the target's table; an entry with no
    counterpart is IT302; a lifecycle block left empty is not written (None if none is left)."""
    renames = _table(ctx).get(node.canonical_type or node.type)
    items: list[E.Object | E.DynamicBlock] = []
    for item in seq.items:
        if isinstance(item, E.Object):
            kept = []
            for k, v in item.items:
                if E.key_name(k) != "ignore_changes":
                    kept.append((k, v))
                    continue
                mapped = _ignored(ctx, node, v, renames, emitted_type)
                if mapped is not None:
                    kept.append((k, mapped))
            if not kept:
                continue
            item = E.Object(tuple(kept), span=item.span)
        items.append(item)
    return E.BlockSeq(tuple(items), span=seq.span) if items else None


def _ignored(ctx: Ctx, node: N.Resource, value: E.Expr,
             renames: dict[str, list[str]] | None, emitted_type: str) -> E.Expr | None:
    if emitted_type == node.type or not emitted_type:
        return value  # a kept resource keeps its own argument names
    if isinstance(value, E.Var) and value.name == "all":
        return value
    entries = value.items if isinstance(value, E.Tuple) else ()
    out: list[E.Expr] = []
    for entry in entries:
        t = E.traversal(entry)
        name = t[0] if t is not None else E.str_value(entry)
        targets = (renames or {}).get(name or "")
        if targets is None:
            ctx.sink.add("IT302", entry.span or value.span, f"`ignore_changes` entry `{name}` of "
                         f"{node.address} has no counterpart on the target; it is left out",
                         "ignore the target argument that carries it, if any")
            continue
        for target in targets:
            if all(E.traversal(o) != (target, []) for o in out):
                out.append(E.Var(target, span=entry.span))
    if not isinstance(value, E.Tuple):
        ctx.sink.add("IT302", value.span, f"`ignore_changes` of {node.address} is an expression; "
                     "it is left out")
    return E.Tuple(tuple(out), span=value.span) if out else None
