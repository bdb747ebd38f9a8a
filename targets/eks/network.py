"""EKS lowering of OVH private networks and subnets: VPCs, zonal subnets, route tables."""

from __future__ import annotations

import dataclasses

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.geo import Location

from ..hclwrite import TfBlock
from ..tfbase import companions, openstack_network
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import attach as A
from . import common as C
from . import gateway as G
from . import loadbalancer as L
from . import netrefs as R

VPC, SUBNET, RT = "aws_vpc", "aws_subnet", "aws_route_table"
IGW, ASSOC = "aws_internet_gateway", "aws_route_table_association"
PRIVATE_TAG, PUBLIC_TAG = "kubernetes.io/role/internal-elb", "kubernetes.io/role/elb"
_MANAGED = "AWS subnets have no DHCP range or switch: the VPC allocates addresses itself"


def declare_network(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{VPC}.{node.name}", {"name": "{self}.tags.Name"})
    one = "{self}.id"
    return RefTarget(_self(VPC, node), {
        "name": "{self}.tags.Name", "openstackid": one, "openstack_id": one,
        "regions_attributes": _regions_attributes(ctx, node), "region": "{self}.region",
        "regions_openstack_ids": lambda head, rest: R.vpc_for_key(ctx, node, head, rest),
        "regions_attributes[].openstackid": one,
        "regions_attributes[*].openstackid": "[{self}.id]"})


def _regions_attributes(ctx: Ctx, node: N.Resource) -> str:
    """The whole `regions_attributes` list, one item per VPC with its OVH region: what
    `one(...)`, `tolist(...)[0]` and `[for r in ... : r if r.region == "GRA9"]` read. A
    `for` variable over it follows this resource's rules (`r.openstackid` is `r.id`,
    `r.region` stays), so each item has `id` too."""
    locs = NW.read_network(ctx, node).locations or (Location(None),)
    items = []
    for i, loc in enumerate(locs):
        vpc = "{self}.id" if i == 0 else f"{VPC}.{R.vpc_label(ctx, node, i)}.id"
        region = f', region = "{loc.text}"' if loc.text else ""
        items.append(f"{{ id = {vpc}, openstackid = {vpc}{region} }}")
    return f"[{', '.join(items)}]"


def _self(type_: str, node: N.Resource, suffix: str = "") -> str:
    return f"{type_}.{node.name}{suffix}"


def lower_network(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_network(ctx, node)
    u = Use(ctx, node, VPC)
    if node.mode == "data":
        return _lookup(ctx, node, u, spec)
    u.raw("name")
    u.raw("description")
    u.drop("vlan_id", "VPCs isolate by network, not by VLAN tag")
    for k in ("regions", "region", "region_name", "subnet", "tenant_id"):
        u.raw(k)
    openstack_network.settings(u, "VPC")
    if spec.regions_source is not None:
        ctx.sink.add("IT308", spec.regions_source.span or node.span, f"the regions of "
                     f"{node.address} are computed: one VPC is made, in the provider's "
                     "region", "AWS VPCs are regional: declare one network per region")
    locations = spec.locations or (Location(None),)
    if len(locations) > 1:
        ctx.sink.add("IT301", node.arg_span("regions"), f"{node.address} spans "
                     f"{len(locations)} regions: AWS VPCs are regional, so one VPC is made per "
                     "region", "connect them with VPC peering or a Transit Gateway if "
                     "instances talk across regions (the vRack did it)")
    cidrs = R.network_cidrs(ctx, node, spec)
    for i, loc in enumerate(locations):
        _vpc(ctx, node, spec, i, loc, cidrs.get(i, []))
    if spec.inline_subnet is not None:
        _inline_subnet(ctx, node, spec.inline_subnet)
    u.done()


def _inline_subnet(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec) -> None:
    """The `subnet` of ovh_cloud_project_region_network: subnets of its own VPC."""
    sub = N.first_object(node.get("subnet"))
    for k, _ in sub.items if sub is not None else ():
        name = E.key_name(k)
        if name in ("cidr", "ip_version") or (name == "enable_dhcp" and spec.dhcp is True):
            continue
        ctx.sink.add("IT302", k.span or node.span, f"`subnet.{name}` of {node.address} is not "
                     "translated: the VPC runs DHCP, DNS and the router of its subnets")
    _subnets(ctx, node, spec, primary=False)


def _lookup(ctx: Ctx, node: N.Resource, u: Use, spec: NW.NetworkSpec) -> None:
    b = TfBlock("data", (VPC, node.name))
    f = b.block("filter")
    f.set("name", E.Literal("tag:Name"))
    name = took_expr(ctx, node, u, spec.name.source)
    if name is None:  # found by its OVH id, which means nothing on AWS
        name = u.expr("network_id")
        ctx.sink.add("IT308", node.span, f"{node.address} is looked up by its OVH id: the "
                     "VPC tagged Name = that id is looked up instead", "write the Name tag of "
                     "the VPC that replaces it")
    else:
        ctx.sink.add("IT301", node.span, f"{node.address} is looked up as the VPC tagged with "
                     "its name", "tag the VPC that replaces it `Name = <that name>`")
    f.set("values", E.Tuple((name or E.Literal(node.name),)))
    for k in ("region", "external"):
        u.raw(k)
    P.place(ctx, node, b)
    u.done()


def took_expr(ctx: Ctx, node: N.Resource, u: Use, value: E.Expr | None) -> E.Expr | None:
    """`name` as the spec read it, marked read, rewritten."""
    if value is None:
        return None
    u.raw("name")
    return ctx.rewrite(value, node.module)


def _vpc(ctx: Ctx, node: N.Resource, spec: NW.NetworkSpec, i: int, loc: Location,
         cidrs: list[E.Expr]) -> None:
    label = R.vpc_label(ctx, node, i)
    b = TfBlock("resource", (VPC, label))
    R.set_region(ctx, node, b, loc)
    if cidrs:
        b.set("cidr_block", cidrs[0])
    else:
        b.set("cidr_block", E.Literal("10.0.0.0/16"))
        why = "its subnets' ranges are computed per instance" if R.subnets_of(ctx, node) \
            else "it has no subnet here"
        ctx.sink.add("IT308", node.span, f"{node.address} carries no CIDR (OVH networks do not) "
                     f"and {why}: its VPC gets 10.0.0.0/16", "set the VPC CIDR to the range "
                     "its subnets use")
    b.set("enable_dns_support", E.Literal(True))
    b.set("enable_dns_hostnames", E.Literal(True))
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source else \
        E.Literal(node.name)
    if i > 0:
        name = R.suffixed(name, f"-{R.region_word(loc)}")
    tags = [(E.Var("Name"), name)]
    if spec.description.source is not None:  # a VPC has no description: a tag shows it
        tags.append((E.Var("Description"), ctx.rewrite(spec.description.source, node.module)))
    b.set("tags", E.Object(tuple(tags)))
    if i == 0:
        P.place(ctx, node, b)
    else:
        companions.beside(ctx, node, b)
    vpc = R.inst(ctx, node, f"{VPC}.{label}", "id")
    parts: list[TfBlock] = []

    def new(type_: str, name: str) -> TfBlock:
        t = TfBlock("resource", (type_, name))
        R.set_region(ctx, node, t, loc)
        parts.append(t)
        return t
    for j, extra in enumerate(cidrs[1:]):
        a = new("aws_vpc_ipv4_cidr_block_association", f"{label}_{j + 2}")
        a.set("vpc_id", vpc)
        a.set("cidr_block", extra)
    gw = new(IGW, label)
    gw.set("vpc_id", vpc)
    gw.set("tags", C.tags(R.suffixed(name, "-igw")))
    rt = new(RT, f"{label}_public")
    rt.set("vpc_id", vpc)
    rt.set("tags", C.tags(R.suffixed(name, "-public")))
    route = new("aws_route", f"{label}_public")
    route.set("route_table_id", R.inst(ctx, node, f"{RT}.{label}_public", "id"))
    route.set("destination_cidr_block", E.Literal("0.0.0.0/0"))
    route.set("gateway_id", R.inst(ctx, node, f"{IGW}.{label}", "id"))
    for part in parts:
        companions.beside(ctx, node, part)


def declare_subnet(ctx: Ctx, node: N.Resource) -> RefTarget:
    spec = NW.read_subnet(ctx, node)
    cidr = spec.cidr.source
    rules: dict[str, object] = {
        "region": "{self}.region", "name": "{self}.tags.Name",
        "gateway_ip": "cidrhost({self}.cidr_block, 1)", "vpc_id": "{self}.vpc_id"}
    if cidr is not None:
        rules["cidr"] = rules["network"] = lambda head, rest: ctx.rewrite(cidr, node.module)
    return RefTarget(_self(SUBNET, node, "_a"), rules)  # type: ignore[arg-type]


def lower_subnet(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_subnet(ctx, node)
    u = ST.use(ctx, node, ("network_id", "region", "cidr", "network", "name", "ip_version",
                           "tenant_id"), f"{SUBNET} x4")
    if spec.ip_version.text not in (None, "4"):
        ctx.sink.add("IT308", node.arg_span("ip_version"), f"{node.address} is "
                     f"IPv{spec.ip_version.text}: the subnets are made IPv4",
                     "add ipv6_cidr_block to the VPC and subnets")
    _report_dropped(ctx, node, u, spec)
    _subnets(ctx, node, spec, primary=True)
    u.done()


def _subnets(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec, primary: bool) -> None:
    """Private and public subnets in zones a and b, the private route table, associations."""
    vpc = R.vpc_of_subnet(ctx, node, spec)
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source else \
        E.Literal(node.name)
    parts = R.split(ctx, node, spec)
    letters = R.zone_letters(ctx, spec)
    n = max(len(letters), 2)  # where public zone a is in `parts`
    zones = R.zones(ctx, node, spec.location, n)
    for i, z in enumerate(letters):
        for public in (False, True):
            cidr = parts[i + n * int(public)] if len(parts) > i + n * int(public) else None
            if cidr is None:
                continue
            suffix = f"_public_{z}" if public else f"_{z}"
            b = TfBlock("resource", (SUBNET, node.name + suffix))
            R.set_region(ctx, node, b, spec.location)
            b.set("vpc_id", vpc)
            b.set("cidr_block", cidr)
            b.set("availability_zone", zones[i])
            if public:
                b.set("map_public_ip_on_launch", E.Literal(False))
            tag = PUBLIC_TAG if public else PRIVATE_TAG
            b.set("tags", E.Object(((E.Var("Name"), R.suffixed(name, suffix.replace("_", "-"))),
                                    (E.Literal(tag), E.Literal("1")))))
            if primary and not public and z == "a":
                P.place(ctx, node, b)
            else:
                companions.beside(ctx, node, b)
    rt = TfBlock("resource", (RT, node.name))
    R.set_region(ctx, node, rt, spec.location)
    rt.set("vpc_id", vpc)
    rt.set("tags", C.tags(R.suffixed(name, "-private")))
    companions.beside(ctx, node, rt)
    public_rt = R.public_table(ctx, node, spec)
    for i, z in enumerate(letters):
        for public in (False, True):
            suffix = f"_public_{z}" if public else f"_{z}"
            if len(parts) <= i + n * int(public):
                continue  # a range too small for this subnet: none was made
            a = TfBlock("resource", (ASSOC, node.name + suffix))
            R.set_region(ctx, node, a, spec.location)
            a.set("subnet_id", R.inst(ctx, node, f"{SUBNET}.{node.name}{suffix}", "id"))
            a.set("route_table_id", public_rt if public else
                  R.inst(ctx, node, f"{RT}.{node.name}", "id"))
            companions.beside(ctx, node, a)


def _report_dropped(ctx: Ctx, node: N.Resource, u: Use, spec: NW.SubnetSpec) -> None:
    for k in ("start", "end", "allocation_pools", "allocation_pool"):
        u.drop(k, _MANAGED)
    for k in ("dhcp", "dhcp_enabled", "enable_dhcp"):
        if spec.dhcp is True or k not in dict(node.args):
            u.raw(k)  # DHCP on: what AWS always does
        else:
            u.drop(k, "AWS subnets always run DHCP (aws_vpc_dhcp_options sets DNS, not this)")
    for k in ("no_gateway", "enable_gateway_ip"):
        if spec.gateway is not False:
            u.raw(k)
        else:
            u.drop(k, "every AWS subnet has the VPC router at its base address + 1; "
                   "routes decide what leaves the subnet")
    u.drop("gateway_ip", "the VPC router is at each subnet's base address + 1")
    for k in ("dns_nameservers", "use_default_public_dns_resolver"):
        u.drop(k, "set resolvers with aws_vpc_dhcp_options on the VPC (Route 53 Resolver "
               "otherwise)")
    for k in ("host_route", "host_routes"):
        u.drop(k, "add aws_route resources on the subnet's route table")
    u.drop("availability_zone", "the subnet is split over two zones (EKS needs them)")
    u.drop("description", "AWS subnets keep only the Name tag")
    for k in ("value_specs", "subnetpool_id", "prefix_length", "ipv6_address_mode",
              "ipv6_ra_mode", "tags"):
        u.drop(k, "an OpenStack subnet setting with no AWS equivalent")


# -- the contract other families use ----------------------------------------------------------
def default_vpc(ctx: Ctx, module: str) -> tuple[E.Expr, E.Expr]:
    """(vpc id, private subnet ids) of the account's default VPC: what resources attach to
    when the OVH side declares no private network (OVH gives them public IPs)."""
    return A.default_vpc(ctx, module)


def private_subnet_ids(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    """The private subnet ids (a list, in at least two zones) for an OVH network or subnet
    reference `ref` read from `node` (a cluster, node pool, database, instance...)."""
    return A.private_subnet_ids(ctx, node, ref)


def subnet_at(subnets: E.Expr, index: E.Expr) -> E.Expr:
    """One subnet of a list: the AWS API returns a lookup's ids in no set order, so a data
    source's list is sorted first (the same subnet on every plan); a literal list is kept."""
    if isinstance(subnets, E.Tuple) and subnets.items and isinstance(index, E.Literal) and \
            isinstance(index.value, int) and 0 <= index.value < len(subnets.items):
        return subnets.items[index.value]
    t = E.traversal(subnets)
    if t is not None and t[0] == "data":
        subnets = E.Call("sort", (subnets,))
    return E.Index(subnets, index)


def vpc_id_of(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    """The VPC id for an OVH network or subnet reference `ref` read from `node`."""
    return A.vpc_id_of(ctx, node, ref)


def _unbound(lower: Lowering) -> Lowering:
    """OpenStack resources lose `provider = openstack.x`: that provider is removed."""
    def run(ctx: Ctx, node: N.Resource) -> None:
        if node.meta.provider is not None and node.type.startswith("openstack_"):
            node = dataclasses.replace(node, meta=dataclasses.replace(node.meta,
                                                                      provider=None))
        lower(ctx, node)
    return run


DECLARE: dict[str, Declaring] = {
    "Network": declare_network, "Subnet": declare_subnet, "Gateway": G.declare_gateway,
    "RouterInterface": G.declare_router_interface, "FloatingIp": G.declare_floating_ip,
    "LoadBalancer": L.declare_loadbalancer}
LOWER: dict[str, Lowering] = {kind: _unbound(f) for kind, f in {
    "Network": lower_network, "Subnet": lower_subnet, "Gateway": G.lower_gateway,
    "RouterInterface": G.lower_router_interface, "FloatingIp": G.lower_floating_ip,
    "LoadBalancer": L.lower_loadbalancer}.items()}
