"""Scaleway lowering of OVH gateways and router interfaces (Public Gateways), floating IPs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import gateway_family as GF
from ..tfbase import network_family as NF
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from . import common as C

GW, GW_IP, GW_NET = ("scaleway_vpc_public_gateway", "scaleway_vpc_public_gateway_ip",
                     "scaleway_vpc_gateway_network")
FIP = "scaleway_instance_ip"
INTERFACES = GF.INTERFACES
W = GF.GatewayWords(
    gateway=GW, attach=GW_NET, ip=GW_IP, ip_attr="address", model_attr="type",
    network="Private Network", joined="is attached to the Public Gateway",
    handed_help="pass the id of the Scaleway Private Network "
    "(scaleway_vpc_private_network.<x>.id) for it",
    no_description="a Public Gateway has no description (tags only)",
    no_zone="the gateway's zone is the region's first",
    attach_help="attaching the Private Network to the Public Gateway",
    not_a_port="a Gateway Network attaches the Private Network, not a port")
FLOATING = GF.FloatingWords(
    type=FIP, attr="address", no_failover="Scaleway has no such address for Instances",
    failover_help="use a scaleway_instance_ip moved between servers, or a Load Balancer",
    becomes="a Scaleway flexible IP of Instances (zonal)",
    becomes_help="attach it with ip_id on the scaleway_instance_server; a Load Balancer "
    "takes a scaleway_lb_ip instead",
    no_description="an Instance IP has no description (tags only)",
    no_zone="the IP's zone is the region's first",
    bound="the address is bound to the Instance, not an OpenStack port")


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


def _build(ctx: Ctx, node: N.Resource, label: str, name: E.Expr | None, model: Value,
           location: E.Expr | None) -> tuple[list[TfBlock], TfBlock, list[TfBlock]]:
    ip, b = public_gateway(ctx, node, label, name, model, location)
    return [ip], b, []


def attached(ctx: Ctx, sub: N.Resource) -> bool:
    """A gateway, gateway interface or router interface of the module attaches `sub`."""
    return GF.attaching(ctx, sub) is not None


def _instance_ip(ctx: Ctx, node: N.Resource, location: E.Expr | None) -> TfBlock:
    b = TfBlock("resource", (FIP, node.name))
    _zone(ctx, node, location, b)
    return b


# (a router interface, like a subnet of a gateway, is a Gateway Network)
DECLARE, LOWER = NF.gateway_tables(__name__, W, FLOATING, _build, gateway_network, _instance_ip)
