"""Scaleway lowering of OVH gateways and router interfaces (Public Gateways), floating IPs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C

GW, GW_IP, GW_NET = ("scaleway_vpc_public_gateway", "scaleway_vpc_public_gateway_ip",
                     "scaleway_vpc_gateway_network")
FIP = "scaleway_instance_ip"
INTERFACES = ("ovh_cloud_project_gateway_interface",)


def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.canonical_type in INTERFACES:
        return RefTarget(f"{GW_NET}.{node.name}")
    # (the egress address: OpenStack routers' external_fixed_ip, OVH gateways' ips)
    ip = f"{GW_IP}.{node.name}.address"
    return RefTarget(f"{GW}.{node.name}", {
        "name": "{self}.name", "external_fixed_ip[].ip_address": ip,
        "external_fixed_ip[*].ip_address": f"[{ip}]",
        "external_information[].ips[].ip": ip, "model": "{self}.type"})


def declare_router_interface(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{GW_NET}.{node.name}")


def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{FIP}.{node.name}", {"address": "{self}.address",
                                            "ip": "{self}.address"})


def _zone(ctx: Ctx, node: N.Resource, location: E.Expr | None, b: TfBlock) -> None:
    """Public Gateways and IPs are zonal: the first zone of the mapped region, unless it is
    the provider's (the module's first region, whose first zone the provider takes)."""
    region = C.map_region(ctx, node, location)
    text = E.str_value(region)
    zones = C.zones_in(ctx, text) if text else ()
    default = E.str_value(ctx.default_region.get(node.module))
    if zones and text != default:
        b.set("zone", E.Literal(zones[0]))


def gateway_network(ctx: Ctx, node: N.Resource, label: str, gateway: E.Expr,
                     subnet: E.Expr) -> TfBlock:
    """A Private Network behind the gateway: NAT (masquerade) and the default route IPAM
    pushes, what the OVH gateway gave its subnet."""
    b = TfBlock("resource", (GW_NET, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    b.set("gateway_id", gateway)
    b.set("private_network_id", subnet)
    b.set("enable_masquerade", E.Literal(True))
    b.block("ipam_config").set("push_default_route", E.Literal(True))
    return b


def public_gateway(ctx: Ctx, node: N.Resource, label: str, name: E.Expr | None,
                   model: Value, location: E.Expr | None) -> tuple[TfBlock, TfBlock]:
    """A Public Gateway of the OVH model's size and the IP it egresses from (for an OVH
    gateway, or the one an OVH load balancer creates)."""
    types = C.platform()["gateway_types"]
    ip = TfBlock("resource", (GW_IP, label))
    P.emit_meta(ctx, ip, meta_only(node), {})
    _zone(ctx, node, location, ip)
    ip.note(f"the public address of {node.address}'s egress")
    b = TfBlock("resource", (GW, label))
    b.set("name", name or E.Literal(C.scw_name(label)))
    size = (model.text or "").lower()
    kind = types["models"].get(size)
    b.set("type", E.Literal(kind or types["default"]))
    span = model.source.span if model.source is not None else None
    if kind is None and model.source is not None:
        ctx.sink.add("IT308", span or node.span, f"the gateway model of {node.address} is "
                     f"not s, m or l: the gateway is {types['default']}",
                     "set `type` (VPC-GW-S, VPC-GW-M, VPC-GW-L)")
    elif kind is not None:
        ctx.sink.add("IT301", span or node.span, f"OVH gateway model `{size}` of "
                     f"{node.address} becomes the Public Gateway type {kind}", types["note"])
    b.set("ip_id", same(node, GW_IP, "id", label))
    _zone(ctx, node, location, b)
    return ip, b


def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
    if node.canonical_type in INTERFACES:
        return _attachment(ctx, node)
    spec = NW.read_gateway(ctx, node)
    u = Use(ctx, node, GW)
    ip, b = public_gateway(ctx, node, node.name, u.expr("name"), spec.model, spec.location.source)
    ctx.emit(node.span, ip)
    for k in ("model", "region", "name", "service_name", "network_id", "subnet_id",
              "subnet_ids", "external_gateway", "external_network_id"):
        u.raw(k)
    u.drop("description", "a Public Gateway has no description (tags only)")
    u.drop("availability_zone", "the gateway's zone is the region's first")
    P.place(ctx, node, b)
    for i, s in enumerate(spec.subnets):
        label = node.name if i == 0 else f"{node.name}_{i}"
        ctx.emit(node.span, gateway_network(ctx, node, label, same(node, GW, "id"),
                                             ctx.rewrite(s, node.module)))
        if ctx.resolve(s, node.module) is None:
            # handed in (a module variable): the caller's value must be the Scaleway id now
            ctx.sink.add("IT301", s.span or node.span, f"the subnet of {node.address} is "
                         f"not declared in this module: {GW_NET}.{label} attaches the "
                         "Private Network it names", "pass the id of the Scaleway Private "
                         "Network (scaleway_vpc_private_network.<x>.id) for it")
    if spec.subnets_source is not None:
        ctx.sink.add("IT308", spec.subnets_source.span or node.span, f"the subnets of "
                     f"{node.address} are computed: none is attached to the Public Gateway",
                     f"add a {GW_NET} per Private Network it serves")
    elif not spec.subnets and not _interfaced(ctx, node):
        ctx.sink.add("IT308", node.span, f"{node.address} names no subnet: no Private "
                     "Network is attached to the Public Gateway", f"add a {GW_NET} per "
                     "Private Network it serves")
    u.done()


def _interfaced(ctx: Ctx, gw: N.Resource) -> bool:
    """A gateway or router interface of the module names `gw` (OpenStack routers get their
    subnets that way)."""
    return any((ref := NW.read_attachment(ctx, n).gateway) is not None and
               ctx.resolve(ref, n.module) is gw for n in ctx.nodes.values()
               if n.module == gw.module and (n.KIND == "RouterInterface" or
                                             n.canonical_type in INTERFACES))


def attached(ctx: Ctx, sub: N.Resource) -> bool:
    """A gateway, gateway interface or router interface of the module attaches `sub`."""
    for n in ctx.nodes.values():
        if n.module != sub.module or n.KIND not in ("Gateway", "RouterInterface"):
            continue
        refs = (NW.read_attachment(ctx, n).subnet,) if n.KIND == "RouterInterface" or \
            n.canonical_type in INTERFACES else NW.read_gateway(ctx, n).subnets
        if any(r is not None and ctx.resolve(r, n.module) is sub for r in refs):
            return True
    return False


def _attachment(ctx: Ctx, node: N.Resource) -> None:
    """A subnet added to a gateway or router: a Gateway Network of that Private Network."""
    spec = NW.read_attachment(ctx, node)
    u = Use(ctx, node, GW_NET)
    for k in ("id", "gateway_id", "router_id", "subnet_id", "region", "service_name"):
        u.raw(k)
    gw = ctx.resolve(spec.gateway, node.module) if spec.gateway is not None else None
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    if gw is None or gw.KIND != "Gateway" or gw.canonical_type in INTERFACES or sub is None \
            or spec.gateway is None or spec.subnet is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway or "
                     "subnet is not declared in this module", f"add a {GW_NET} attaching the "
                     "Private Network to the Public Gateway")
        return u.done()
    b = gateway_network(ctx, node, node.name, ctx.rewrite(spec.gateway, node.module),
                         ctx.rewrite(spec.subnet, node.module))
    P.place(ctx, node, b)
    for k in ("port_id", "interface_id"):
        u.drop(k, "a Gateway Network attaches the Private Network, not a port")
    u.drop("force_destroy", "an OpenStack port clean-up setting")
    u.done()


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_floating_ip(ctx, node)
    u = Use(ctx, node, FIP)
    if spec.failover:
        ctx.sink.add("IT305", node.span, f"{node.address} routes an OVH failover IP to a "
                     "server: Scaleway has no such address for Instances",
                     "use a scaleway_instance_ip moved between servers, or a Load Balancer")
        for k, _ in node.args:  # (the resource is reported whole, not each argument)
            u.raw(k)
        return u.done()
    b = TfBlock("resource", (FIP, node.name))
    _zone(ctx, node, spec.location.source, b)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a Scaleway flexible IP of "
                 "Instances (zonal)", "attach it with ip_id on the scaleway_instance_server; "
                 "a Load Balancer takes a scaleway_lb_ip instead")
    for k in ("region", "service_name", "pool"):
        u.raw(k)
    u.drop("description", "an Instance IP has no description (tags only)")
    u.drop("availability_zone", "the IP's zone is the region's first")
    for k in ("address", "port_id", "fixed_ip", "subnet_id", "subnet_ids", "ip"):
        u.drop(k, "the address is bound to the Instance, not an OpenStack port")
    P.place(ctx, node, b)
    u.done()


DECLARE: dict[str, Declaring] = {"Gateway": declare_gateway,
                                 "RouterInterface": declare_router_interface,
                                 "FloatingIp": declare_floating_ip}
LOWER: dict[str, Lowering] = {"Gateway": lower_gateway, "RouterInterface": _attachment,
                              "FloatingIp": lower_floating_ip}
