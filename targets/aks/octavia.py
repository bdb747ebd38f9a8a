"""AKS lowering of OpenStack Octavia load balancers (the azurerm_lb of OVH's) and other types."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import omitted
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from . import loadbalancer as L

# (openstack_lb_loadbalancer_v2 and its listeners, pools, members and monitors are read by
# compiler/passes/loadbalancer.read_octavia into the spec of an OVH load balancer, so they
# become the same azurerm_lb; any other OpenStack type without a concept is IT305.)


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    if node.type == LB.OCTAVIA and node.mode != "data":
        return LF.lower_octavia(ctx, node, L.LB_T, L.lower)
    if node.type in (*LB.OCTAVIA_PARTS, LB.FLOATING_ASSOCIATE) and _part(ctx, node):
        return None
    omitted.lower_openstack_other(ctx, node, "AKS")


def _part(ctx: Ctx, node: N.Resource) -> bool:
    """A listener, pool, member, monitor (or VIP floating IP association) of a translated
    Octavia load balancer: read there; its unread arguments are reported here."""
    found = LF.octavia_part(ctx, node, L.LB_T)
    if found is None:
        return False
    parent, u = found
    ctx.sink.add("IT306", node.span, f"{node.address} is part of the Octavia load balancer "
                 f"{parent.address}: it is translated with it (frontend, backend pools, "
                 "probes and rules; a floating IP associated with its VIP makes it public)")
    ctx.merged(node, TfBlock("resource", (L.LB_T, parent.name)))
    u.done()
    return True


def declare_other(ctx: Ctx, node: N.Resource) -> RefTarget:
    """References to an Octavia load balancer follow OVH's (vip_address -> the frontend)."""
    if node.type == LB.OCTAVIA and node.mode != "data":
        return L.declare_loadbalancer(ctx, node, LF.octavia_spec(ctx, node))
    return omitted.declare_nothing(ctx, node)


DECLARE: dict[str, Declaring] = {"OpenStackOther": declare_other}
LOWER: dict[str, Lowering] = {"OpenStackOther": lower_other}
