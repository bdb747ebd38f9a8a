"""The openstack_lb_member_v2 behind a load balancer spec's member: its own count/for_each."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from . import readings
from .context import Ctx

MEMBER = "openstack_lb_member_v2"


def parts(ctx: Ctx, module: str, type_: str) -> list[N.Resource]:
    """The module's resources of `type_`, in model order (grouped once per module: each load
    balancer scanned the whole module)."""
    def build() -> dict[str, list[N.Resource]]:
        found: dict[str, list[N.Resource]] = {}
        for m in ctx.model.modules:
            if m.path == module:
                for n in m.nodes:
                    if isinstance(n, N.Resource):
                        found.setdefault(n.type, []).append(n)
        return found
    return readings.index(ctx, f"octavia_parts {module}", build).get(type_, [])


def member_node(ctx: Ctx, node: N.Resource, address: E.Expr | None) -> N.Resource | None:
    """The openstack_lb_member_v2 whose address `address` is (the spec's member keeps only
    its values; its count/for_each stays on the resource, and a block made for it without
    them would read count.index outside any count). None: `node` is no Octavia load
    balancer, or no member has that address."""
    if node.type != LB.OCTAVIA or address is None:
        return None
    def build() -> dict[int, N.Resource]:
        found: dict[int, N.Resource] = {}
        for p in parts(ctx, node.module, MEMBER):
            if (a := p.get("address")) is not None:
                found.setdefault(id(a), p)
        return found
    return readings.index(ctx, f"octavia_members {node.module}", build).get(id(address))
