"""The delegated subnet a VNet-integrated Flexible Server on an OVH private network needs."""

from __future__ import annotations

import ipaddress

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import companions, readings
from ..tfbase.context import Ctx
from ..tfbase.module_index import subnets_of
from . import common as C
from . import database as D

SUBNET = "azurerm_subnet"
FLEXIBLE = ("postgresql_flexible", "mysql_flexible")
# A /24 per server: room for high availability's standby and for scaling (Azure takes 5
# addresses of every subnet); the smallest Flexible Server accepts is /28 (MySQL /29).
PREFIX = 24


def label(node: N.Resource) -> str:
    return f"{node.name}_delegated"


def network_of(ctx: Ctx, db: N.Resource) -> N.Resource | None:
    """The OVH private network (declared, managed, of the same module) the database is on."""
    first = D.spec_of(ctx, db).nodes.first
    if first is None or first.network is None:
        return None
    net = ctx.resolve(first.network, db.module)
    if net is None or net.KIND != "Network" or net.mode != "managed" or net.module != db.module:
        return None
    return net


def ranges_of(ctx: Ctx, net: N.Resource) -> dict[str, ipaddress.IPv4Network]:
    """Database address -> the range of its delegated subnet in `net`'s VNet: the first /24s
    of the network's first subnet's /16 that no subnet of the network takes, by database
    address. Empty when a subnet's range is not a literal or the network spans regions
    (which VNet, which free range is then not certain: IT308 stays)."""
    def build() -> dict[str, ipaddress.IPv4Network]:
        from .network import regions_of  # (network.py asks this module for its space)
        if len(regions_of(ctx, net)) != 1 or net.meta.count is not None or \
                net.meta.for_each is not None:
            return {}
        taken: list[ipaddress.IPv4Network] = []
        for s in subnets_of(ctx, net):
            try:
                taken.append(ipaddress.IPv4Network(NW.read_subnet(ctx, s).cidr.text or ""))
            except ValueError:
                return {}
        if not taken:
            return {}
        dbs = sorted((db for db in ctx.by_module.resources(net.module, "Database")
                      if db.mode == "managed" and db.meta.count is None and
                      db.meta.for_each is None and D.service_of(ctx, db) in FLEXIBLE and
                      network_of(ctx, db) is net), key=lambda db: db.address)
        first = taken[0]
        base = first.supernet(new_prefix=16) if first.prefixlen > 16 else first
        free = (c for c in base.subnets(new_prefix=max(PREFIX, base.prefixlen))
                if not any(c.overlaps(t) for t in taken))
        out: dict[str, ipaddress.IPv4Network] = {}
        for db, c in zip(dbs, free, strict=False):
            out[db.address] = c
        return out
    return readings.index(ctx, f"aks.delegated_ranges {net.module} {net.address}", build)


def delegated(ctx: Ctx, node: N.Resource, service: str, delegation: str) -> E.Expr | None:
    """Emit the subnet delegated to `delegation` for database `node` in its network's VNet
    and return its id; None when no range is certain (the caller keeps the TODO)."""
    net = network_of(ctx, node)
    found = ranges_of(ctx, net).get(node.address) if net is not None else None
    if net is None or found is None:
        return None
    from .network import vnet_label
    vnet = f"azurerm_virtual_network.{vnet_label(net, None, None)}"
    b = TfBlock("resource", (SUBNET, label(node)))
    b.note(f"the subnet {D.RESOURCE[service]}.{node.name} is VNet-integrated in: delegated to "
           "it, nothing else may use it; its range is added to the VNet's address space")
    b.set("name", E.Literal(C.az_name(f"{node.name.replace('_', '-')}-delegated", 80)))
    b.set("resource_group_name", C.resource_group(ctx, node.module)[0])
    b.set("virtual_network_name", E.ref(f"{vnet}.name"))
    b.set("address_prefixes", E.Tuple((E.Literal(str(found)),)))
    d = b.block("delegation")
    d.set("name", E.Literal("flexible-server"))
    sd = d.block("service_delegation")
    sd.set("name", E.Literal(delegation))
    sd.set("actions", E.Tuple((E.Literal(
        "Microsoft.Network/virtualNetworks/subnets/join/action"),)))
    ctx.emit(node.span, b)
    nodes = node.get("nodes")  # (at the block: where OVH placed the database's nodes)
    at = nodes.span if nodes is not None else None
    ctx.sink.add("IT301", at or node.span, f"{node.address} is on an OVH private network: "
                 f"its VNet-integrated server is in {SUBNET}.{label(node)} ({found}, "
                 f"delegated to {delegation}), a subnet of its own in {vnet}'s address space "
                 "(on OVH the database took addresses of the network's subnet)")
    return companions.same(node, SUBNET, "id", label(node))
