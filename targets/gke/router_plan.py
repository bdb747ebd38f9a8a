"""Which instances a Cloud Router + NAT has, its VPC and its subnets, under count/for_each."""

from __future__ import annotations

from dataclasses import dataclass, field

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import instance_line as IL
from ..tfbase.context import Ctx
from . import common as C

NETWORK = "google_compute_network"


@dataclass
class Plan:
    """repeat: the resource whose count/for_each the router and NAT carry (the gateway, or a
    repeated router interface when each instance is on a VPC of its own); network: the VPC
    read in that block; entries: (iterated, subnet name) per NAT subnetwork block (iterated:
    a dynamic block's for_each, or None); error: why no valid router can be written."""

    repeat: N.Resource
    network: E.Expr | None = None
    entries: list[tuple[E.Expr | None, E.Expr]] = field(default_factory=list)
    error: str | None = None


def network_in(ctx: Ctx, holder: N.Resource, sub_ref: E.Expr) -> tuple[E.Expr | None, bool]:
    """The VPC of the subnet `sub_ref` names, read in `holder`'s block: (its id, True), or
    (None, True) when the subnet's VPC is not declared here, or (None, False) when the VPC
    repeats and no key of `holder` names the one instance."""
    sub_node = ctx.resolve(sub_ref, holder.module)
    if sub_node is None or sub_node.KIND != "Subnet":
        return None, True
    net_ref = NW.read_subnet(ctx, sub_node).network
    net = ctx.resolve(net_ref, sub_node.module)
    if net is None or net.KIND != "Network":
        return None, True
    if not IL.repeats(net):
        return E.ref(f"{NETWORK}.{net.name}.id"), True
    at = IL.index_of(net_ref)
    if at is not None and not IL.per_instance(at):  # lans["app"]: one instance, any block
        return IL.keyed_as(net_ref, NETWORK, net.name, "id"), True
    if IL.lined_up(sub_node, net_ref, net):  # the subnet's key is its VPC's
        key = IL.index_of(sub_ref)
        if key is not None and (not IL.per_instance(key) or IL.lined_up(holder, sub_ref,
                                                                       sub_node)):
            return IL.keyed_as(sub_ref, NETWORK, net.name, "id"), True
    return None, False


def plan(ctx: Ctx, gw: N.Resource, own: list[E.Expr],
         attached: tuple[tuple[N.Resource, E.Expr], ...]) -> Plan:
    """`own`: the gateway's subnets (read in its block); `attached`: (interface, subnet)
    of the router interfaces naming it."""
    first = own[0] if own else attached[0][1] if attached else None
    if first is None:
        return Plan(gw)
    holder = gw if own else attached[0][0]
    net, known = network_in(ctx, gw if own or IL.repeats(gw) else holder, first)
    if known and (own or IL.repeats(gw) or not IL.per_instance(net)):
        p = Plan(gw, net)  # one router per gateway instance, on a VPC that block can name
        p.entries = [(None, ctx.rewrite(s, gw.module)) for s in own]
        for iface, s in attached:
            entry = interface_entry(ctx, gw, iface, s)
            if entry is None:
                return Plan(gw, error=f"{iface.address} names its subnet with a key the "
                            f"router {gw.address} does not have")
            p.entries.append(entry)
        return p
    if known and len({id(i) for i, _ in attached}) == 1 and IL.repeats(holder):
        # One interface resource on a VPC per instance: a router and NAT per VPC, repeated
        # like the interface (GCP routers belong to one VPC).
        return Plan(holder, net, [(None, ctx.rewrite(s, holder.module)) for _, s in attached])
    return Plan(gw, error=f"the subnets of {gw.address} are on several VPCs (a repeated "
                "network) that no key of one router names")


def interface_entry(ctx: Ctx, gw: N.Resource, iface: N.Resource,
           sub: E.Expr) -> tuple[E.Expr | None, E.Expr] | None:
    """The NAT subnetwork block of one interface, read in the router's block: as written, or
    one block per interface instance (a dynamic block) when the router has one instance."""
    name = ctx.rewrite(sub, iface.module)
    if not IL.per_instance(name):
        return None, name
    router_ref = NW.read_attachment(ctx, iface).gateway
    if IL.repeats(gw):
        return (None, name) if IL.lined_up(iface, router_ref, gw) else None
    over = IL.dynamic_over(iface)
    if over is None:
        return None
    return ctx.rewrite(over, iface.module), IL.as_iterator(name, "subnetwork")


def nat_subnet(nat: TfBlock, entry: tuple[E.Expr | None, E.Expr]) -> None:
    """One NAT `subnetwork` block (or a dynamic one per instance of an interface)."""
    over, subnet = entry
    if over is None:
        s = nat.block("subnetwork")
    else:
        dyn = nat.block("dynamic", "subnetwork")
        dyn.set("for_each", over)
        s = dyn.block("content")
    s.set("name", subnet)
    s.set("source_ip_ranges_to_nat", C.strings(["ALL_IP_RANGES"]))
