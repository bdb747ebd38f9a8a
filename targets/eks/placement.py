"""Where an EKS resource of the compute family lives: its region and its provider binding."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C


def unbound(node: N.Resource) -> N.Resource:
    """The node without `provider = openstack.x`: that provider is removed, the AWS
    resource uses the aws provider."""
    if node.meta.provider is not None and not node.type.startswith("ovh_"):
        return replace(node, meta=replace(node.meta, provider=None))
    return node


def set_region(ctx: Ctx, node: N.Resource, b: TfBlock, source: E.Expr | None) -> None:
    """The first region of a module is the provider's; a resource elsewhere says `region`
    (a resource argument since aws 6.x)."""
    if source is None:
        return
    first = ctx.default_region.get(node.module)
    mapped = C.map_region(ctx, node, source)
    if first is not None and mapped is not None and to_hcl(first) != to_hcl(mapped):
        b.set("region", mapped)


def network_ref(ctx: Ctx, node: N.Resource, subnet: E.Expr | None,
                network: E.Expr | None) -> E.Expr | None:
    """The OVH subnet or network reference to place a resource by: the one declared in the
    configuration (a subnet first), else whichever is written."""
    for ref in (subnet, network):
        if ref is not None and ctx.resolve(ref, node.module) is not None:
            return ref
    return subnet or network
