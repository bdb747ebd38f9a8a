"""OVH networks on a regional target network (VNet, VPC): arguments, notes, gateway tables."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from . import gateway_family as GF
from . import openstack_network
from .context import Ctx
from .driver import Declaring, Lowering
from .refs import RefTarget
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



def gateway_tables(owner: str, w: GF.GatewayWords, fw: GF.FloatingWords, build: GF.Build,
           attach: GF.Attach, address: Callable[[Ctx, N.Resource, E.Expr | None], TfBlock]
           ) -> tuple[dict[str, Declaring], dict[str, Lowering]]:
    """gateway_family's lowerings in the target's words (`w`, `fw`): `build` makes a
    gateway's blocks, `attach` a subnet's attachment (a router interface is one),
    `address` a floating IP's; `owner` (the caller's __name__) is the module the report's
    rules name, as before."""
    def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
        return GF.declare_gateway(ctx, node, w)

    def declare_router_interface(ctx: Ctx, node: N.Resource) -> RefTarget:
        return RefTarget(f"{w.attach}.{node.name}")

    def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
        return GF.declare_floating_ip(ctx, node, fw)

    def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
        GF.lower_gateway(ctx, node, w, build, attach)

    def _attachment(ctx: Ctx, node: N.Resource) -> None:
        """A subnet added to a gateway or router: that subnet's attachment."""
        GF.lower_attachment(ctx, node, w, attach)

    def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
        GF.lower_floating_ip(ctx, node, fw, address)
    lowerings: dict[str, Lowering] = {"Gateway": lower_gateway, "RouterInterface": _attachment,
                                      "FloatingIp": lower_floating_ip}
    for fn in (declare_gateway, declare_router_interface, declare_floating_ip,
               *lowerings.values()):
        fn.__module__ = owner
    return ({"Gateway": declare_gateway, "RouterInterface": declare_router_interface,
             "FloatingIp": declare_floating_ip}, lowerings)
