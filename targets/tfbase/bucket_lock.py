"""An OVH bucket's default object-lock retention as the S3 shape every S3-like target writes."""

# S3-compatible targets (aws_s3_bucket_object_lock_configuration on EKS, Scaleway's lock
# configuration) nest the same `rule { default_retention { mode, days | years } }`; only the
# resource type differs.

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from .context import Ctx


def default_retention(ctx: Ctx, node: N.Resource, lock: S.ObjectLock | None, type_: str,
                      make: Callable[[], TfBlock]) -> TfBlock | None:
    """Write the rule into the block `make` returns (a `type_` resource), or report why
    not; None when no block is written (no lock, no rule, or a rule that is not literal)."""
    if lock is None or lock.enabled is False:
        return None
    rule = E.obj_get(lock.source, "rule")
    if rule is None:
        return None  # locks are enabled, objects are locked one by one
    where = rule.span or lock.source.span
    if lock.days is None or lock.mode is None:
        ctx.sink.add("IT302", where, f"the default retention rule of {node.address} is not "
                     "translated: its mode or period is not a literal (GOVERNANCE/COMPLIANCE "
                     "and an ISO 8601 period such as P30D)",
                     f"write rule.default_retention of {type_}")
        return None
    b = make()
    retention = b.block("rule").block("default_retention")
    retention.set("mode", E.Literal(lock.mode.value.upper()))
    if lock.years is not None:
        retention.set("years", E.Literal(lock.years, str(lock.years)))
        return b
    retention.set("days", E.Literal(lock.days, str(lock.days)))
    if lock.period and lock.period.upper() != f"P{lock.days}D":
        ctx.sink.add("IT301", where, f"object lock period `{lock.period}` of {node.address} "
                     f"becomes {lock.days} days (a month counts 30 days)")
    return b
