"""OVH private networks, subnets, gateways, floating IPs and router interfaces, read once."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .reader import Reader, Value, boolean, number

# Which argument holds what, per source type (OVH v1/v2/vrack names, OpenStack names); the
# meaning is the same, only the spelling differs.
_REGION = {"ovh_cloud_project_region_network": "region_name",
           "ovh_cloud_project_loadbalancer": "region_name"}
_CIDR = {"ovh_cloud_project_network_private_subnet": "network"}
_DHCP = {"ovh_cloud_network_private_vrack_subnet": "dhcp_enabled",
         "openstack_networking_subnet_v2": "enable_dhcp"}
_POOLS = {"openstack_networking_subnet_v2": "allocation_pool"}


class GatewaySize(Enum):
    """OVH gateway models: bandwidth tiers (s 200 Mbit/s, m 500 Mbit/s, l 2 Gbit/s)."""

    SMALL = "s"
    MEDIUM = "m"
    LARGE = "l"


@dataclass(frozen=True, slots=True)
class NetworkSpec:
    """A private network. OVH vRack networks carry no CIDR of their own (their subnets do)
    and may span regions; `regions_source` is the expression when the list is computed."""

    name: Value
    locations: tuple[Location, ...]
    regions_source: E.Expr | None
    description: Value
    vlan_id: Value  # ovh_only: vRack VLAN tag
    inline_subnet: SubnetSpec | None = None  # ovh_cloud_project_region_network's `subnet`
    inline_source: E.Expr | None = None  # that `subnet` object as written
    lookup: bool = False  # a data source: an existing network found by id or name


@dataclass(frozen=True, slots=True)
class DhcpRange:
    start: Value
    end: Value


@dataclass(frozen=True, slots=True)
class Route:
    destination: Value
    nexthop: Value


@dataclass(frozen=True, slots=True)
class SubnetSpec:
    """An IP subnet of a network in one region (OVH subnets are regional, never zonal)."""

    network: E.Expr | None  # the reference to its network, as written
    location: Location
    cidr: Value
    name: Value
    description: Value
    dhcp: bool | None  # None: unset (OVH default on) or computed
    dhcp_source: E.Expr | None
    dhcp_ranges: tuple[DhcpRange, ...]
    dhcp_ranges_source: E.Expr | None  # the pools as written (blocks, or a computed list)
    gateway_ip: Value
    gateway: bool | None  # False: no default gateway (no_gateway / enable_gateway_ip false)
    gateway_source: E.Expr | None
    dns_servers: E.Expr | None
    public_dns: bool | None
    public_dns_source: E.Expr | None
    routes: tuple[Route, ...]
    routes_source: E.Expr | None  # the routes as written
    zone: Value
    ip_version: Value

    @property
    def network_cidr(self) -> ipaddress.IPv4Network | None:
        """The CIDR when it is a literal IPv4 network."""
        try:
            net = ipaddress.ip_network(self.cidr.text or "", strict=False)
        except ValueError:
            return None
        return net if isinstance(net, ipaddress.IPv4Network) else None


@dataclass(frozen=True, slots=True)
class GatewaySpec:
    """A public gateway (SNAT for private subnets), or an OpenStack router."""

    name: Value
    location: Location
    size: GatewaySize | None
    model: Value
    network: E.Expr | None
    subnets: tuple[E.Expr, ...]
    subnets_source: E.Expr | None  # a computed list of subnets, kept whole
    external_network: E.Expr | None
    zone: Value
    description: Value


@dataclass(frozen=True, slots=True)
class AttachmentSpec:
    """A subnet added to a gateway (gateway interface) or to a router (router interface)."""

    gateway: E.Expr | None
    subnet: E.Expr | None
    location: Location
    port: E.Expr | None  # OpenStack port_id / OVH interface_id


@dataclass(frozen=True, slots=True)
class FloatingIpSpec:
    """A public IPv4 address kept across attachments."""

    location: Location
    description: Value
    zone: Value
    pool: Value  # OpenStack pool: Ext-Net is the public internet
    failover: bool  # an additional (failover) IP routed to a server: not a cloud address


def value(r: Reader, node: N.Resource, expr: E.Expr | None) -> Value:
    """reader.value, with literal numbers as text too (`vlan_id = 42`, `port = 80`)."""
    text = r.literal(expr, node) if expr is not None else None
    n = number(expr) if text is None else None
    if n is not None:
        text = str(int(n)) if n == int(n) else str(n)
    return Value(expr, text)


def _t(node: N.Resource, table: dict[str, str], default: str) -> str:
    return table.get(node.canonical_type or node.type, default)


def read_network(r: Reader, node: N.Resource) -> NetworkSpec:
    regions = node.get("regions")
    locs: tuple[Location, ...] = ()
    source: E.Expr | None = None
    if isinstance(regions, E.Tuple):
        locs = tuple(read_location(r, node, item) for item in regions.items)
    elif regions is not None:
        source = regions
    else:
        one = node.get(_t(node, _REGION, "region"))
        locs = (read_location(r, node, one),) if one is not None else ()
    inline = None
    sub = N.first_object(node.get("subnet"))
    if sub is not None:
        inline = _subnet_from(r, node, sub, node.get("region_name"))
    return NetworkSpec(value(r, node, node.get("name")), locs, source,
                       value(r, node, node.get("description")),
                       value(r, node, node.get("vlan_id")), inline, sub, node.mode == "data")


def read_subnet(r: Reader, node: N.Resource) -> SubnetSpec:
    """The subnet's meaning from any of its spellings (v1, v2, vrack, OpenStack)."""
    pools_arg = _t(node, _POOLS, "allocation_pools")
    pools = node.get(pools_arg) or node.get("allocation_pools")
    ranges: list[DhcpRange] = []
    start, end = node.get("start"), node.get("end")
    if start is not None or end is not None:
        ranges.append(DhcpRange(value(r, node, start), value(r, node, end)))
    ranges_source = pools
    if isinstance(pools, (E.BlockSeq, E.Tuple)):
        for p in pools.items:
            ranges.append(DhcpRange(value(r, node, E.obj_get(p, "start")),
                                    value(r, node, E.obj_get(p, "end"))))
    routes_expr = node.get("host_route") or node.get("host_routes")
    routes: list[Route] = []
    if isinstance(routes_expr, (E.BlockSeq, E.Tuple)):
        routes = [Route(value(r, node, E.obj_get(h, "destination")),
                        value(r, node, E.obj_get(h, "nexthop") or E.obj_get(h, "next_hop")))
                  for h in routes_expr.items]
    dhcp_expr = node.get(_t(node, _DHCP, "dhcp")) or node.get("dhcp")
    no_gw, enable_gw = node.get("no_gateway"), node.get("enable_gateway_ip")
    gw_source = no_gw if no_gw is not None else enable_gw
    gateway = None
    if no_gw is not None and boolean(no_gw) is not None:
        gateway = not boolean(no_gw)
    elif enable_gw is not None:
        gateway = boolean(enable_gw)
    cidr = node.get(_t(node, _CIDR, "cidr"))
    return SubnetSpec(
        node.get("network_id"), read_location(r, node, node.get("region")),
        value(r, node, cidr), value(r, node, node.get("name")),
        value(r, node, node.get("description")), boolean(dhcp_expr), dhcp_expr,
        tuple(ranges), ranges_source, value(r, node, node.get("gateway_ip")), gateway,
        gw_source, node.get("dns_nameservers"),
        boolean(node.get("use_default_public_dns_resolver")),
        node.get("use_default_public_dns_resolver"), tuple(routes),
        routes_expr,
        value(r, node, node.get("availability_zone")),
        value(r, node, node.get("ip_version")))


def _subnet_from(r: Reader, node: N.Resource, sub: E.Object,
                 region: E.Expr | None) -> SubnetSpec:
    """The `subnet` object of ovh_cloud_project_region_network (cidr, enable_dhcp...)."""
    def get(k: str) -> Value:
        return value(r, node, E.obj_get(sub, k))
    dhcp = E.obj_get(sub, "enable_dhcp")
    gw = E.obj_get(sub, "enable_gateway_ip")
    return SubnetSpec(None, read_location(r, node, region), get("cidr"), value(r, node, None),
                      value(r, node, None), boolean(dhcp), dhcp, (), E.obj_get(sub,
                                                                             "allocation_pools"),
                      get("gateway_ip"), boolean(gw), gw, E.obj_get(sub, "dns_nameservers"),
                      boolean(E.obj_get(sub, "use_default_public_dns_resolver")),
                      E.obj_get(sub, "use_default_public_dns_resolver"), (),
                      E.obj_get(sub, "host_routes"), value(r, node, None), get("ip_version"))


def read_gateway(r: Reader, node: N.Resource) -> GatewaySpec:
    model = value(r, node, node.get("model"))
    size = next((s for s in GatewaySize if model.text and s.value == model.text.lower()), None)
    subnets: list[E.Expr] = []
    one = node.get("subnet_id")
    if one is not None:
        subnets.append(one)
    many = node.get("subnet_ids")
    if isinstance(many, E.Tuple):
        subnets.extend(many.items)
    ext = node.get("external_gateway") or node.get("external_network_id")
    return GatewaySpec(value(r, node, node.get("name")),
                       read_location(r, node, node.get("region")), size, model,
                       node.get("network_id"), tuple(subnets),
                       None if isinstance(many, E.Tuple) else many, ext,
                       value(r, node, node.get("availability_zone")),
                       value(r, node, node.get("description")))


def read_attachment(r: Reader, node: N.Resource) -> AttachmentSpec:
    """A gateway interface (the provider names the gateway `id`; older code `gateway_id`)
    or an OpenStack router interface."""
    gw = node.get("router_id") or node.get("id") or node.get("gateway_id")
    return AttachmentSpec(gw, node.get("subnet_id"), read_location(r, node, node.get("region")),
                          node.get("port_id") or node.get("interface_id"))


def read_floating_ip(r: Reader, node: N.Resource) -> FloatingIpSpec:
    return FloatingIpSpec(read_location(r, node, node.get("region")),
                          value(r, node, node.get("description")),
                          value(r, node, node.get("availability_zone")),
                          value(r, node, node.get("pool")),
                          node.canonical_type == "ovh_cloud_project_failover_ip_attach")


def covering(cidrs: list[ipaddress.IPv4Network]) -> ipaddress.IPv4Network | None:
    """The smallest block holding every CIDR (a VPC CIDR for OVH subnets of one network)."""
    if not cidrs:
        return None
    net = cidrs[0]
    while not all(c.subnet_of(net) for c in cidrs):
        net = net.supernet()
    return net
