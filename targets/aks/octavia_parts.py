"""The Octavia resources an AKS load balancer takes its repetition and public address from."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..tfbase.context import Ctx

MEMBER, FLOATING_IP = "openstack_lb_member_v2", "openstack_networking_floatingip_v2"


def _parts(ctx: Ctx, node: N.Resource) -> list[N.Resource]:
    return [n for m in ctx.model.modules if m.path == node.module for n in m.nodes
            if isinstance(n, N.Resource)]


def member_node(ctx: Ctx, node: N.Resource, address: E.Expr | None) -> N.Resource | None:
    """The openstack_lb_member_v2 whose address `address` is (the spec's member keeps only
    its values; its count/for_each stays on the resource, and a backend address made without
    it would read count.index outside any count)."""
    if node.type != LB.OCTAVIA or address is None:
        return None
    return next((p for p in _parts(ctx, node) if p.type == MEMBER and
                 p.get("address") is address), None)


def vip_floating_ip(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The floating IP associated with an Octavia load balancer's VIP port: it is already
    an azurerm_public_ip of its own (the network family's), so the frontend takes that one
    instead of a second address nothing publishes."""
    if node.type != LB.OCTAVIA:
        return None
    for p in _parts(ctx, node):
        if p.type != LB.FLOATING_ASSOCIATE or p.get("floating_ip") is None:
            continue
        parent = LB.octavia_parent(ctx, p)
        fip = ctx.resolve(p.get("floating_ip"), p.module)
        if parent is not None and (parent.type, parent.name) == (node.type, node.name) and \
                fip is not None and fip.type == FLOATING_IP and fip.mode != "data" and \
                fip.meta.count is None and fip.meta.for_each is None:
            return fip
    return None


def floating_ip_ref(ctx: Ctx, fip: N.Resource, attr: str) -> E.Expr:
    """`attr` of the public IP the floating IP became, through its declared reference."""
    return ctx.rewrite(E.ref(f"{fip.type}.{fip.name}.{attr}"), fip.module)
