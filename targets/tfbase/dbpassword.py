"""A database family's generated password (OVH generates them) and its per-instance blocks."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import companions
from . import passthrough as P
from .context import Ctx

RANDOM = {"source": "hashicorp/random", "version": "~> 3.6"}


def side(ctx: Ctx, node: N.Resource, b: TfBlock) -> TfBlock:
    """Emit a block that exists once per instance of `node` (its count/for_each)."""
    P.emit_meta(ctx, b, node, {})
    return ctx.emit(node.span, b)


def password(ctx: Ctx, node: N.Resource, label: str) -> E.Expr:
    """A random_password of the databases table's `password.args` (the target's password
    policy): OVH generates database passwords, so the translation does too and writes none."""
    row: dict[str, Any] = ctx.tables.databases["password"]
    b = TfBlock("resource", ("random_password", label))
    b.note("OVH generates database passwords; random_password does it here (in the state)")
    for k, v in row["args"].items():
        b.set(k, E.Literal(v) if isinstance(v, (str, bool)) else E.Literal(v, str(v)))
    ctx.extra_providers["random"] = RANDOM
    side(ctx, node, b)
    return companions.same(node, "random_password", "result", label)
