"""The OVH network arguments a regional target network (VNet, VPC) takes or says, and its notes."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.span import Span

from . import openstack_network
from .context import Ctx
from .use import Use


def network_args(u: Use, kind: str, no_description: str) -> None:
    """The region and subnet arguments the lowering reads, VLAN tag and description dropped,
    the OpenStack settings said (`kind`: "Scaleway VPC")."""
    for k in ("regions", "region", "region_name", "subnet", "service_name"):
        u.raw(k)
    u.drop("vlan_id", f"{kind}s isolate by network, not by VLAN tag")
    u.drop("description", no_description)
    openstack_network.settings(u, kind)


def regions_notes(ctx: Ctx, node: N.Resource, spec: NW.NetworkSpec, at: Span | None,
                  made: list[str], cloud: str, short: str, peer_hint: str, computed_in: str,
                  computed_hint: str) -> None:
    """A network in several regions is one `short` (virtual network, VPC) in each (`made`);
    computed regions make it in `computed_in`."""
    if len(made) > 1:
        ctx.sink.add("IT301", at, f"{node.address} spans {len(made)} {cloud} regions: a "
                     f"{short} is regional, so one is made in each ({', '.join(made)})",
                     peer_hint)
    if spec.regions_source is not None:
        ctx.sink.add("IT308", spec.regions_source.span or node.span, f"the regions of "
                     f"{node.address} are computed: its {short} is made in {computed_in}",
                     computed_hint)
