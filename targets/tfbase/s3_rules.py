"""What the S3-shaped lifecycle rules of a cloud (S3, Scaleway) write alike: values, versions."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L

from ..hclwrite import TfBlock
from .context import Ctx

# (ctx, node, rule block, block name, days key, transition): one transition the cloud's way
Transition = Callable[[Ctx, N.Resource, TfBlock, str, str, L.Transition], None]


def put(ctx: Ctx, node: N.Resource, b: TfBlock, key: str, value: E.Expr | None) -> None:
    """`key` = the value, its references rewritten (nothing when it is absent)."""
    if value is not None:
        b.set(key, ctx.rewrite(value, node.module))


def transitions(ctx: Ctx, node: N.Resource, b: TfBlock, rule: L.LifecycleRule,
                transition: Transition) -> None:
    """The rule's transitions, then its noncurrent versions' expiration and transitions, in
    S3's block names (`transition` writes each transition)."""
    for t in rule.transitions:
        transition(ctx, node, b, "transition", "days", t)
    if rule.noncurrent_expiration is not None:
        nve = rule.noncurrent_expiration
        e = b.block("noncurrent_version_expiration")
        put(ctx, node, e, "newer_noncurrent_versions", nve.newer_versions)
        put(ctx, node, e, "noncurrent_days", nve.days)
    for t in rule.noncurrent_transitions:
        transition(ctx, node, b, "noncurrent_version_transition", "noncurrent_days", t)
