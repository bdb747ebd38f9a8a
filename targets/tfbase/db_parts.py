"""What a database sub-resource or an untranslated cluster reads alike on every cloud."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from .context import Ctx
from .refs import RefTarget
from .use import Use


def cluster(ctx: Ctx, node: N.Resource, service_of: Callable[[Ctx, N.Resource], Any]
            ) -> tuple[N.Resource | None, Any]:
    """The cluster a sub-resource names and the cloud's service it became (`service_of`:
    None when none); (None, None) when it names no cluster of this module."""
    inst = ctx.resolve(node.field_value("cluster"), node.module)
    if not isinstance(inst, N.Resource) or inst.KIND != "Database":
        return None, None
    return inst, service_of(ctx, inst)


def read_all(ctx: Ctx, node: N.Resource, target: str) -> Use:
    """Every argument of `node` read: a lowering that says why none is kept (done() is the
    caller's, once it has)."""
    u = Use(ctx, node, target)
    for name, _ in node.args:
        u.raw(name)
    return u


def said(ctx: Ctx, node: N.Resource, target: str, code: str, message: str,
         hint: str = "") -> None:
    """`node` is not kept, for the reason `message` (one diagnostic); all it says is read."""
    u = read_all(ctx, node, target)
    ctx.sink.add(code, node.span, message, hint)
    u.done()


def nothing(ctx: Ctx, node: N.Resource) -> None:
    # Nothing is emitted: references read later (outputs, locals) become reported
    # placeholders rather than names nothing defines.
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})


def unbuilt(ctx: Ctx, node: N.Resource, target: str, inst: N.Resource | None,
            why: Callable[[N.Resource], tuple[str, str]]) -> None:
    """A sub-resource with no counterpart (IT338): its cluster is not declared in this
    module, or `why(cluster)` (the reason and its hint) it is not translated."""
    nothing(ctx, node)
    u = read_all(ctx, node, target)
    if inst is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its database "
                     "cluster is not declared in this module",
                     "declare it where the cluster is declared")
    else:
        reason, hint = why(inst)
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {reason}", hint)
    u.done()


def todo(ctx: Ctx, node: N.Resource, target: str, note: str) -> None:
    """An untranslated cluster: all it says read, and a located TODO comment (`note`) where
    it stood (its diagnostic is the caller's)."""
    u = read_all(ctx, node, target)
    placeholder = TfBlock("")
    placeholder.note(note)
    ctx.emit(node.span, placeholder)
    u.done()
