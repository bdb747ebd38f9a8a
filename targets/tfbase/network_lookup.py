"""An OVH network or subnet a configuration looks up, as the cloud's data source by name."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import passthrough as P
from .context import Ctx
from .use import Use


def named(node: N.Resource, u: Use, type_: str, what: str) -> tuple[TfBlock, E.Expr | None]:
    """The data source `type_` of the name `node` looks up (None: it names none; the block
    then says TODO(IT308) `what` to name). The caller adds its cloud's arguments and says
    what the lookup finds, then `placed`."""
    b = TfBlock("data", (type_, node.name))
    name = u.expr("name")
    b.set("name", name or E.Literal(f"TODO(IT308): {what}"))
    return b, name


def placed(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    """The lookup `b` placed where `node` stood, every argument of `node` read (the lookup
    by name stands for them; the caller has said so)."""
    for k, _ in node.args:
        u.raw(k)
    P.place(ctx, node, b)
