"""The Octavia resources an AKS load balancer takes its repetition and public address from."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes import network as NW

from ..tfbase import octavia_members as OM
from ..tfbase.context import Ctx
from . import common as C

FLOATING_IP = "openstack_networking_floatingip_v2"
# (the member behind a spec's member: tfbase, EKS reads it too)
member_node = OM.member_node


def _parts(ctx: Ctx, node: N.Resource, type_: str) -> list[N.Resource]:
    return OM.parts(ctx, node.module, type_)


def vip_floating_ip(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The floating IP associated with an Octavia load balancer's VIP port: it is already
    an azurerm_public_ip of its own (the network family's), so the frontend takes that one
    instead of a second address nothing publishes."""
    if node.type != LB.OCTAVIA:
        return None
    def build() -> dict[tuple[str, str], list[N.Resource]]:
        found: dict[tuple[str, str], list[N.Resource]] = {}
        for p in _parts(ctx, node, LB.FLOATING_ASSOCIATE):
            if p.get("floating_ip") is not None and \
                    (parent := LB.octavia_parent(ctx, p)) is not None:
                found.setdefault((parent.type, parent.name), []).append(p)
        return found
    for p in C.once(ctx, f"octavia_vips {node.module}", build).get((node.type, node.name), []):
        fip = ctx.resolve(p.get("floating_ip"), p.module)
        if fip is not None and fip.type == FLOATING_IP and fip.mode != "data" and \
                fip.meta.count is None and fip.meta.for_each is None:
            return fip
    return None


def floating_ip_ref(ctx: Ctx, fip: N.Resource, attr: str) -> E.Expr:
    """`attr` of the public IP the floating IP became, through its declared reference."""
    return ctx.rewrite(E.ref(f"{fip.type}.{fip.name}.{attr}"), fip.module)


def subnet_network(ctx: Ctx, node: N.Resource, subnet: E.Expr | None) -> E.Expr | None:
    """The network of the VIP subnet an Octavia load balancer names (`vip_subnet_id` only),
    as written in its subnet: the VNet its IP-based backend addresses are in. None when the
    subnet is not declared in the load balancer's module."""
    sub = ctx.resolve(subnet, node.module) if subnet is not None else None
    if sub is None or sub.KIND != "Subnet" or sub.module != node.module:
        return None
    return NW.read_subnet(ctx, sub).network
