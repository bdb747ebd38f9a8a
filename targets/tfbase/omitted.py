"""OVH lookups and project-level types that mean nothing off OVH: omitted (IT310), said once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .refs import RefTarget
from .values import map_leaves

# OVH types that mean nothing once off OVH (omitted with IT310), and why, per target wording.
OMITTED = {
    "ovh_cloud_project": "{cloud} projects are created outside this configuration",
    "ovh_cloud_project_region": "every {cloud} region is available to {account}",
    "ovh_cloud_quota": "{cloud} quotas are managed {quotas}",
    "ovh_cloud_project_region_storage_presign": "generate signed URLs at run time ({presign})",
}


def declare_lookup(ctx: Ctx, node: N.Resource,
                   region_of: Callable[[str], str | None]) -> RefTarget:
    """Capability lookups vanish; their `region` input is what consumers usually read."""
    rules: dict[str, Any] = {}
    region = node.get("region")
    if region is not None:
        mapped = map_leaves(region, region_of, ctx, "region", strict=False)
        rules["region"] = lambda head, rest, m=mapped, n=node: ctx.rewrite(m, n.module)
    return RefTarget(None, rules, fallback=None, bare=None)


def lower_lookup(ctx: Ctx, node: N.Resource, target: str) -> None:
    ctx.sink.add("IT310", node.span, f"{node.address} is an OVH lookup with no {target} "
                 "counterpart; it is omitted")


def lower_other(ctx: Ctx, node: N.Resource, words: dict[str, str]) -> None:
    from .driver import lower_unsupported
    if node.canonical_type in OMITTED:
        why = OMITTED[node.canonical_type].format(**words)
        ctx.sink.add("IT310", node.span, f"{node.address} is omitted: {why}")
        return
    lower_unsupported(ctx, node)


def declare_nothing(ctx: Ctx, node: N.Resource) -> RefTarget:
    """A kind whose references lead nowhere once lowered (rules, attachments, keys...)."""
    return RefTarget(None, {}, fallback=None, bare=None)


def lower_openstack_other(ctx: Ctx, node: N.Resource, target: str) -> None:
    """An OpenStack type of OVH no lowering handles: a located TODO and an IT305."""
    from ..hclwrite import TfBlock
    ctx.sink.add("IT305", node.span, f"{node.address} is an OpenStack resource of OVH Public "
                 f"Cloud with no {target} translation; a human must decide what replaces it",
                 "it is not kept: the openstack provider of OVH is removed")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} ({node.type}, OpenStack on OVH Public Cloud) "
                     "was not translated.")
    ctx.emit(node.span, placeholder)
