"""Scaleway lowerings of the compute family: Instances, SSH keys, Block Storage, File Storage."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.shipped import shipped
from . import common as C


def table() -> dict[str, Any]:
    """scaleway/compute.json: the compute family's choices that are data."""
    return shipped("scaleway/compute.json")


def num(v: int | float) -> E.Literal:
    return E.Literal(v, str(v))


def set_region(ctx: Ctx, node: N.Resource, b: TfBlock, source: E.Expr | None) -> None:
    """A regional resource elsewhere than the module's first region says `region`."""
    if source is None:
        return
    first = ctx.default_region.get(node.module)
    mapped = C.map_region(ctx, node, source)
    if first is not None and mapped is not None and to_hcl(first) != to_hcl(mapped):
        b.set("region", mapped)


def zone(ctx: Ctx, node: N.Resource, b: TfBlock, zone_text: str | None,
         region_text: str | None, region_source: E.Expr | None) -> None:
    """A zonal resource: the mapped OVH zone, else its region's first zone, else (a region
    computed, or a variable's: the caller may pass another region) `<region>-1`."""
    mapped = C.zone_of(ctx, zone_text) if zone_text else None
    # Only a region written in place: a variable's default names a zone that another value
    # of the variable would not be in (the zone must follow the region the caller passes).
    t = E.traversal(E.unwrap(region_source)) if region_source is not None else None
    fixed = t is None or t[0] != "var"
    zones = C.zones_of(ctx, region_text) if region_text and fixed else ()
    if mapped is not None or zones:
        b.set("zone", E.Literal(mapped or zones[0]))
        return
    region = C.map_region(ctx, node, region_source) if region_source is not None else None
    if region is not None and E.str_value(region) is None:
        b.set("zone", E.Template((E.Interp(region), "-1")))


def unbound(node: N.Resource) -> N.Resource:
    """The node without `provider = openstack.x`: that provider is removed."""
    from dataclasses import replace
    if node.meta.provider is not None and not node.type.startswith("ovh_"):
        return replace(node, meta=replace(node.meta, provider=None))
    return node


def _families() -> tuple[Any, ...]:
    from . import files, instance, openstack, volume
    return instance, volume, files, openstack


DECLARE: dict[str, Declaring] = {k: v for m in _families() for k, v in m.DECLARE.items()}
LOWER: dict[str, Lowering] = {k: v for m in _families() for k, v in m.LOWER.items()}
