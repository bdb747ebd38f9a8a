"""Lowerings from neutral specs: the source paths a spec read count as consumed; timeouts kept."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.passes import fields as F

from .use import Use


def consume(u: Use, family: str) -> None:
    """Mark every argument of the family's table (compiler/passes/fields_<family>.json) as
    read: the reader gives it a neutral field, or says it is OVH-only, and the lowering
    decides from the spec what each one becomes and reports it there. `Use.done` still
    reports any argument no table lists."""
    table = F.section("data_sources" if u.node.mode == "data" else "resources", family)
    for path in table.get(u.node.canonical_type or u.node.type, {}):
        u.raw(path)


def timeouts(u: Use, allowed: tuple[str, ...]) -> E.BlockSeq | None:
    """The source `timeouts` block with only the operations the target resource has (OVH
    also has `read` and `default`); the others are reported dropped."""
    seq = u.raw("timeouts")
    if not isinstance(seq, E.BlockSeq):
        return None
    items: list[E.Object | E.DynamicBlock] = []
    for item in seq.items:
        if not isinstance(item, E.Object):
            items.append(item)
            continue
        kept = []
        for k, v in item.items:
            if (E.key_name(k) or "") in allowed:
                kept.append((k, v))
            else:
                u.ctx.sink.add("IT302", v.span or u.node.span,
                               f"`timeouts.{E.key_name(k)}` of {u.node.address} is not "
                               f"translated: {u.target} has "
                               + (f"{', '.join(allowed)} timeouts only" if allowed
                                  else "no timeouts of its own"))
        if kept:
            items.append(E.Object(tuple(kept), span=item.span))
    return E.BlockSeq(tuple(items), span=seq.span) if items else None

