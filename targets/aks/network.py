"""AKS lowering of OVH private networks and subnets: a virtual network per region, subnets."""

from __future__ import annotations

import ipaddress

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import net_keys as K
from ..tfbase import network_family as NF
from ..tfbase import network_lookup as NL
from ..tfbase import passthrough as P
from ..tfbase.companions import instance_key, meta_only
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.module_index import subnets_of  # (asked here by the cloud's other families)
from ..tfbase.refs import RefTarget, Rule
from ..tfbase.use import Use
from . import common as C
from . import database_subnet, dns, routes, unique_names
from . import gateway as G

VNET, SUBNET = "azurerm_virtual_network", "azurerm_subnet"
# (a virtual network is regional: an OVH network spanning regions is one VNet per region;
# its subnets are azurerm_subnet in the VNet of their region, which clusters, databases and
# VMs attach to.)
_DHCP = "Azure assigns subnet addresses by DHCP from the whole prefix (the first four and the " \
        "last address are Azure's); pin one with a static private IP on the NIC"
_FALLBACK_SPACE = "10.0.0.0/16"


def _region_text(ctx: Ctx, node: N.Resource, loc: E.Expr | None) -> str | None:
    return E.str_value(C.map_region(ctx, node, loc)) if loc is not None else None


def _locations(ctx: Ctx, net: N.Resource) -> list[tuple[N.Resource, E.Expr | None]]:
    """(who states it, the OVH region) of the network's VNets: its own regions; an
    OpenStack network that names none is where its subnets are (each states its region,
    and an Azure subnet is in its VNet's)."""
    spec = NW.read_network(ctx, net)
    if spec.locations or spec.regions_source is not None or net.mode != "managed":
        return [(net, loc.source) for loc in spec.locations]
    return [(s, loc) for s in subnets_of(ctx, net)
            if (loc := NW.read_subnet(ctx, s).location.source) is not None]


def regions_of(ctx: Ctx, net: N.Resource) -> list[str | None]:
    """The Azure regions of the network's OVH regions, first one first (None: computed)."""
    out: list[str | None] = []
    for who, loc in _locations(ctx, net):
        text = _region_text(ctx, who, loc)
        if text not in out:
            out.append(text)
    return out or [None]


def vnet_label(net: N.Resource, region: str | None, first: str | None) -> str:
    """The VNet of network `net` in `region`: the first region's is labelled like it."""
    return net.name if region is None or region == first else f"{net.name}_{region}"


def vnet_of_subnet(ctx: Ctx, sub: N.Resource, net: N.Resource) -> str:
    """`azurerm_virtual_network.<label>` the subnet `sub` of `net` is in (its region's)."""
    regions = regions_of(ctx, net)
    here = _region_text(ctx, sub, NW.read_subnet(ctx, sub).location.source)
    return f"{VNET}.{vnet_label(net, here if here in regions else None, regions[0])}"


def declare_network(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{VNET}.{node.name}", {"name": "{self}.name"})
    vid = "{self}.id"
    return RefTarget(f"{VNET}.{node.name}", {
        "id": vid, "name": "{self}.name", "openstackid": vid, "openstack_id": vid,
        "regions_openstack_ids": lambda head, rest: _vnet_for_key(ctx, node, head, rest),
        "regions_attributes[].openstackid": vid,
        "regions_attributes[*].openstackid": "[{self}.id]", "region": "{self}.location"})


def _vnet_for_key(ctx: Ctx, net: N.Resource, head: E.Expr, rest: list[E.Step]) -> E.Expr:
    """`regions_openstack_ids["SBG5"]`: the id of the network's VNet in that region's Azure
    region (a computed or unknown key: the first region's)."""
    key = rest[0][1] if rest and rest[0][0] == "index" else None
    text = E.str_value(key) if isinstance(key, E.Expr) else None
    region = C.region_of(ctx, text) if text else None
    regions = regions_of(ctx, net)
    label = vnet_label(net, region if region in regions else None, regions[0])
    if isinstance(head, E.Var):  # (`v` of a for over the repeated network: its VNet)
        found = E.GetAttr(head, "id") if label == net.name else \
            K.first_of(f"{VNET}.{label}", net, "id")
        return K.with_steps(found, rest[1:])
    return K.with_steps(K.at(f"{VNET}.{label}", K.head_key(head), "id"), rest[1:])


def declare_subnet(ctx: Ctx, node: N.Resource) -> RefTarget:
    prefix = "{self}.address_prefixes[0]"
    if node.mode == "data":
        return RefTarget(f"data.{SUBNET}.{node.name}", {"cidr": prefix})
    rules: dict[str, Rule] = {"cidr": prefix, "network": prefix, "name": "{self}.name"}
    if NW.read_subnet(ctx, node).location.source is not None:
        rules["region"] = lambda head, rest: _where(ctx, node, head)
    return RefTarget(f"{SUBNET}.{node.name}", rules)


def _where(ctx: Ctx, sub: N.Resource, head: E.Expr) -> E.Expr:
    """A subnet's `region` (a gateway or load balancer placed by `region = <subnet>.region`):
    an azurerm_subnet has no location, its VNet's is where it is; without a declared
    network, the subnet's own region mapped."""
    spec = NW.read_subnet(ctx, sub)
    net = ctx.resolve(spec.network, sub.module) if spec.network is not None else None
    if net is not None and net.KIND == "Network" and net.mode == "managed":
        return K.via(ctx, sub, spec.network, net, K.head_key(head), vnet_of_subnet(ctx, sub, net),
                     "location")
    found = C.map_region(ctx, sub, spec.location.source)
    return found if found is not None else ctx.rewrite(spec.location.source, sub.module)


def region_subnets(ctx: Ctx, net: N.Resource, region: str | None) -> list[N.Resource]:
    """The subnets of `net` in the VNet of Azure region `region` (None: the first region's)."""
    first = regions_of(ctx, net)[0]
    return [s for s in subnets_of(ctx, net)
            if (_region_text(ctx, s, NW.read_subnet(ctx, s).location.source) or first) ==
            (region or first)]


def _space(ctx: Ctx, node: N.Resource, region: str | None, first: str | None,
           inline: NW.SubnetSpec | None) -> E.Expr | None:
    """The address space of the network's VNet in `region`: the smallest block holding its
    subnets' literal prefixes (room for more subnets), else their prefixes as written."""
    specs = [NW.read_subnet(ctx, s) for s in region_subnets(ctx, node, region)] + (
        [inline] if inline is not None else [])
    exprs = [s.cidr.source for s in specs if s.cidr.source is not None]
    try:
        nets = [ipaddress.IPv4Network(s.cidr.text) for s in specs if s.cidr.text]
    except ValueError:
        nets = []
    if exprs and len(nets) == len(exprs) and all(isinstance(e, E.Literal) for e in exprs):
        # and the subnets delegated to its Flexible Servers (aks/database_subnet)
        cover = NW.covering(nets + list(database_subnet.ranges_of(ctx, node).values()))
        return E.Tuple((E.Literal(str(cover)),)) if cover is not None else None
    if exprs:
        # (and the computed ranges of the subnets delegated to its Flexible Servers)
        return E.Tuple(tuple(ctx.rewrite(e, node.module) for e in exprs) + tuple(
            database_subnet.computed_of(ctx, node).values()))
    return None


def _vnet(ctx: Ctx, node: N.Resource, u: Use, region: str | None, first: str | None,
          inline: NW.SubnetSpec | None) -> TfBlock:
    b = TfBlock("resource", (VNET, vnet_label(node, region, first)))
    name = u.expr("name") or C.instance_name(node, node.name, 64)
    if region is not None and region != first:
        # VNet names are unique in a resource group whatever their region: suffixed
        text = E.str_value(name)
        name = E.Literal(f"{text}-{region}") if text is not None else \
            E.Template((E.Interp(name), f"-{region}"))
    b.set("name", name)
    loc = E.Literal(region) if region else _first_region(ctx, node)
    group, where = C.resource_group(ctx, node.module, loc)
    b.set("location", where)
    b.set("resource_group_name", group)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    space = _space(ctx, node, region, first, inline)
    if space is None:
        space = E.Tuple((E.Literal(_FALLBACK_SPACE),))
        ctx.sink.add("IT301", node.span, f"{node.address} declares no subnet with a range: "
                     f"its virtual network gets the address space {_FALLBACK_SPACE}",
                     "set address_space to the ranges its subnets will use")
    b.set("address_space", space)
    b.set("dns_servers", _dns(ctx, node, region))
    return b


def _dns(ctx: Ctx, node: N.Resource, region: str | None) -> E.Expr | None:
    found = dns.servers(ctx, region_subnets(ctx, node, region))
    return ctx.rewrite(found, node.module) if found is not None else None


def _first_region(ctx: Ctx, node: N.Resource) -> E.Expr | None:
    """The Azure region of the network's first location (mapped for who states it)."""
    locs = _locations(ctx, node)
    return C.map_region(ctx, locs[0][0], locs[0][1]) if locs else None


def lower_network(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_network(ctx, node)
    u = Use(ctx, node, VNET)
    if node.mode == "data":
        return _lookup(ctx, node, u, VNET)
    regions = regions_of(ctx, node)
    b = _vnet(ctx, node, u, regions[0], regions[0], spec.inline_subnet)
    NF.network_args(u, "Azure virtual network", "a virtual network has no description "
                    "(tags only)")
    NF.regions_notes(ctx, node, spec, node.arg_span("regions") or node.span,
                     [r or "?" for r in regions], "Azure", "virtual network",
                     "peer them (azurerm_virtual_network_peering) if their machines talk",
                     "the resource group's location", "declare one network per region")
    P.place(ctx, node, b)
    for other in regions[1:]:
        vb = _vnet(ctx, node, Use(ctx, node, VNET), other, regions[0], None)
        P.emit_meta(ctx, vb, meta_only(node), {})
        vb.note(f"the virtual network of {node.address} in {other}")
        ctx.emit(node.span, vb)
    if spec.inline_subnet is not None:
        sb = _subnet_block(ctx, node, node.name, spec.inline_subnet, f"{VNET}.{node.name}",
                           _own_key(node))
        P.emit_meta(ctx, sb, meta_only(node), {})
        sb.note(f"the subnet {node.address} declares inline")
        ctx.emit(node.span, sb)
        _inline(ctx, node)
    u.done()


def _inline(ctx: Ctx, node: N.Resource) -> None:
    obj = N.first_object(node.get("subnet"))
    for k, _ in obj.items if obj is not None else ():
        name = E.key_name(k)
        if name in ("cidr", "ip_version", "enable_dhcp"):
            continue
        ctx.sink.add("IT302", k.span or node.span, f"`subnet.{name}` of {node.address} is "
                     f"not translated: {_DHCP}")


def _own_key(node: N.Resource) -> E.Expr | None:
    """The instance key of a block repeated like `node` (`count.index`, `each.key`)."""
    text = instance_key(node)
    return E.ref(text[1:-1]) if text else None


def _subnet_block(ctx: Ctx, node: N.Resource, label: str, spec: NW.SubnetSpec,
                  vnet: str, key: E.Expr | None = None) -> TfBlock:
    b = TfBlock("resource", (SUBNET, label))
    name = spec.name.source
    b.set("name", ctx.rewrite(name, node.module) if name is not None else
          E.Literal(C.az_name(label, 80)))
    b.set("resource_group_name", C.resource_group(ctx, node.module)[0])
    b.set("virtual_network_name", K.at(vnet, key, "name"))
    if spec.cidr.source is not None:
        b.set("address_prefixes", E.Tuple((ctx.rewrite(spec.cidr.source, node.module),)))
    else:
        b.set("address_prefixes", E.Tuple((E.Literal("TODO(IT308): the subnet's range"),)))
        ctx.sink.add("IT308", node.span, f"{node.address} has no range: an Azure subnet "
                     "needs one", "set address_prefixes")
    return b


def lower_subnet(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_subnet(ctx, node)
    u = Use(ctx, node, SUBNET)
    if node.mode == "data":
        return _lookup(ctx, node, u, SUBNET)
    net = ctx.resolve(spec.network, node.module) if spec.network is not None else None
    key: E.Expr | None = None
    if net is not None and net.KIND == "Network" and net.mode == "managed":
        vnet = vnet_of_subnet(ctx, node, net)
        key, found = K.key_for(ctx, node, spec.network, net, node.arg_span("network_id"),
                               "its virtual network")
        if not found:  # (the first instance's VNet)
            key = E.Literal(0, "0") if net.meta.count is not None else \
                E.Index(E.Call("keys", (E.ref(vnet),)), E.Literal(0, "0"))
    else:
        vnet = f"{VNET}.TODO"
    b = _subnet_block(ctx, node, node.name, spec, vnet, key)
    if vnet.endswith(".TODO"):
        b.set("virtual_network_name", E.Literal("TODO(IT308): the virtual network's name"))
        ctx.sink.add("IT308", node.arg_span("network_id"), f"the network of {node.address} "
                     "is not declared in this module: its subnet is in no virtual network of "
                     "the translation", "set virtual_network_name to the VNet that replaces it")
    for k in ("network_id", "region", "name", "service_name", "cidr", "network", "ip_version"):
        u.raw(k)
    for k in ("start", "end", "allocation_pools", "allocation_pool"):
        u.drop(k, _DHCP)
    for k in ("dhcp", "dhcp_enabled", "enable_dhcp"):
        if spec.dhcp is not False:
            u.raw(k)
        else:
            u.drop(k, _DHCP)
    G.subnet_gateway(ctx, node, u, spec, b)
    dns.subnet(ctx, node, u, spec, None if vnet.endswith(".TODO") or net is None else
               region_subnets(ctx, net, _region_text(ctx, node, spec.location.source)))
    routes.host_routes(ctx, node, u, spec, _subnet_location(ctx, node, spec, net))
    u.drop("description", "an Azure subnet has no description")
    u.drop("availability_zone", "an Azure subnet spans the region's zones")
    P.place(ctx, node, b)
    u.done()


def subnet_on(ctx: Ctx, node: N.Resource, refs: list[E.Expr], sub: N.Resource) -> E.Expr:
    """The id of subnet `sub`, the first of a network one of `refs` (of `node`) names, for
    the instance of the network that reference reads (`net["a"]`: the subnet of key "a"
    where subnets repeat beside the network; their first otherwise)."""
    spec = NW.read_subnet(ctx, sub)
    net = ctx.resolve(spec.network, sub.module)
    ref = next((r for r in refs if net is not None and ctx.resolve(r, node.module) is net),
               None)
    key = K.index_in(ref, net) if net is not None else None
    address = f"{SUBNET}.{sub.name}"
    if net is None:
        return K.first_of(address, sub, "id")
    return K.of_network(sub, spec.network, net, ctx.rewrite(key, node.module)
                        if key is not None else None, address, "id")


def _subnet_location(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec,
                     net: N.Resource | None) -> E.Expr | None:
    """The Azure region of the subnet's VNet: its own OVH region's, else its network's."""
    if spec.location.source is not None:
        return C.map_region(ctx, node, spec.location.source)
    if net is not None and net.KIND == "Network":
        return _first_region(ctx, net)
    return None


def _lookup(ctx: Ctx, node: N.Resource, u: Use, type_: str) -> None:
    b, _ = NL.named(node, u, type_, "the name")
    b.set("resource_group_name", C.resource_group(ctx, node.module)[0])
    if type_ == SUBNET:
        b.set("virtual_network_name", E.Literal("TODO(IT308): the virtual network's name"))
    ctx.sink.add("IT308", node.span, f"{node.address} is looked up as the existing {type_} "
                 "of that name in the translation's resource group",
                 "create or name the one that replaces it (and its virtual network)")
    NL.placed(ctx, node, u, b)


DECLARE: dict[str, Declaring] = {"Network": declare_network, "Subnet": declare_subnet,
                                 **G.DECLARE}
LOWER: dict[str, Lowering] = {"Network": lower_network, "Subnet": lower_subnet, **G.LOWER}
