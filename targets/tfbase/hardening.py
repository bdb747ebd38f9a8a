"""Hardening defaults every Terraform target applies: deletion protection (IT337)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx


def protection(ctx: Ctx, node: N.Resource, source: E.Expr | None, what: str,
               off: bool = False) -> E.Expr:
    """The deletion-protection value: the source's own setting, else the hardening default,
    reported (`what` names the protected thing, e.g. "the cluster of <address>"; `off` is the
    value that means unprotected, e.g. force_destroy = true)."""
    if source is not None:
        return ctx.rewrite(source, node.module)
    on = ctx.harden.deletion_protection
    if on:
        ctx.sink.add("IT337", node.span, f"{what} is protected against deletion (the target's "
                     "hardening default)", "--no-deletion-protection (or decisions: "
                     "deletion_protection: false) turns it off")
    return E.Literal(on != off)
