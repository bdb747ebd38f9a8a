"""Where an OVH network or subnet lands on AWS: VPC labels, zonal ranges, subnet lists, egress."""

from __future__ import annotations

import dataclasses
import ipaddress
import re

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.geo import Location, read_location

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C

PRIVATE_TAG = "kubernetes.io/role/internal-elb"


def suffixed(name: E.Expr, suffix: str) -> E.Expr:
    """`name` + `suffix`: a literal when the name is one, else a template."""
    text = E.str_value(name)
    return E.Literal(text + suffix) if text is not None else C.tpl(name, suffix)


# -- labels, instances, regions ----------------------------------------------------------------
def region_word(loc: Location) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (loc.text or "region").lower()).strip("_")


def vpc_label(ctx: Ctx, net: N.Resource, i: int) -> str:
    """`aws_vpc.<net>` for the first region of an OVH network, `<net>_<region>` after."""
    if i == 0:
        return net.name
    locs = NW.read_network(ctx, net).locations
    return f"{net.name}_{region_word(locs[i])}" if i < len(locs) else f"{net.name}_{i}"


def meta_only(node: N.Resource) -> N.Resource:
    """count/for_each of `node` alone: what its companion blocks repeat."""
    return dataclasses.replace(node, args=(), meta=N.Meta(count=node.meta.count,
                                                          for_each=node.meta.for_each))


def inst(ctx: Ctx, node: N.Resource, address: str, attr: str) -> E.Expr:
    """`address[key].attr` for the instance of `node` a companion block belongs to."""
    head: E.Expr = E.ref(address)
    if node.meta.count is not None:
        head = E.Index(head, E.ref("count.index"))
    elif node.meta.for_each is not None:
        head = E.Index(head, E.ref("each.key"))
    return E.GetAttr(head, attr)


def mapped_region(ctx: Ctx, node: N.Resource, loc: Location, quiet: bool) -> E.Expr | None:
    if loc.source is None:
        return None
    if not quiet:
        return C.map_region(ctx, node, loc.source)
    if loc.text is not None and E.str_value(loc.source) is not None:
        region = C.region_of(ctx, loc.text)
        return E.Literal(region) if region else None
    return ctx.rewrite(loc.source, node.module)


def set_region(ctx: Ctx, node: N.Resource, b: TfBlock, loc: Location,
               quiet: bool = False) -> None:
    """`region = ...` only where it differs from the module's provider region (aws 6.x
    resources take a region each, so one configuration can hold several)."""
    region = mapped_region(ctx, node, loc, quiet)
    default = ctx.default_region.get(node.module)
    if region is not None and (default is None or to_hcl(default) != to_hcl(region)):
        b.set("region", region)


def _same_place(a: Location, b: Location, ctx: Ctx) -> bool:
    if a.text and b.text and a.text.upper() == b.text.upper():
        return True
    if a.text and b.text:
        return C.region_of(ctx, a.text) == C.region_of(ctx, b.text) is not None
    return False


def vpc_index(ctx: Ctx, net: N.Resource, loc: Location) -> int:
    """Which VPC of a multi-region OVH network holds something located at `loc`."""
    locs = NW.read_network(ctx, net).locations
    for i, other in enumerate(locs):
        if _same_place(other, loc, ctx):
            return i
    return 0


def vpc_for_key(ctx: Ctx, net: N.Resource, head: E.Expr,
                rest: list[E.Step]) -> E.Expr:
    """`regions_openstack_ids["SBG5"]`: the VPC made for that region."""
    key = rest[0][1] if rest and rest[0][0] == "index" else None
    text = E.str_value(key) if isinstance(key, E.Expr) else None
    i = vpc_index(ctx, net, Location(key if isinstance(key, E.Expr) else None, None, text)) \
        if text else 0
    return E.GetAttr(_relabel(head, vpc_label(ctx, net, i)), "id")


def _relabel(head: E.Expr, label: str) -> E.Expr:
    t = E.traversal(head)
    if t is None or not t[1]:
        return head
    return E.build_traversal(t[0], [("attr", label)] + list(t[1][1:]), head.span)


def swap_label(expr: E.Expr, old: str, new: str) -> E.Expr:
    """`aws_subnet.old[...].id` -> `aws_subnet.new[...].id` inside `expr`."""
    def fn(e: E.Expr) -> E.Expr | None:
        t = E.traversal(e)
        if t and t[0] == "aws_subnet" and t[1] and t[1][0] == ("attr", old):
            return E.build_traversal(t[0], [("attr", new)] + list(t[1][1:]), e.span)
        return None
    return E.transform(expr, fn)


# -- the VPC of a subnet and the ranges it is split into ---------------------------------------
def subnets_of(ctx: Ctx, net: N.Resource) -> list[N.Resource]:
    return [s for s in ctx.by_module.resources(net.module, "Subnet")
            if ctx.resolve(s.get("network_id"), s.module) is net]


def network_cidrs(ctx: Ctx, net: N.Resource, spec: NW.NetworkSpec) -> dict[int, list[E.Expr]]:
    """The CIDR blocks of each VPC: the smallest block covering the literal subnet ranges
    when AWS accepts it (/16 or smaller), else each range (the first primary, the others
    associated), then the computed ranges that do not depend on a subnet's own instance."""
    found: dict[int, tuple[list[ipaddress.IPv4Network], list[E.Expr]]] = {}
    specs = [(NW.read_subnet(ctx, s), s) for s in subnets_of(ctx, net)]
    if spec.inline_subnet is not None:
        specs.append((spec.inline_subnet, net))
    for sub, node in specs:
        lits, exprs = found.setdefault(vpc_index(ctx, net, sub.location), ([], []))
        literal = sub.network_cidr
        if literal is not None:
            lits.append(literal)
        elif sub.cidr.source is not None and not _per_instance(sub.cidr.source):
            exprs.append(ctx.rewrite(sub.cidr.source, node.module))
    out: dict[int, list[E.Expr]] = {}
    for i, (lits, exprs) in found.items():
        cover = NW.covering(lits)
        blocks = [cover] if cover is not None and cover.prefixlen >= 16 else lits
        seen: dict[str, E.Expr] = {str(b): E.Literal(str(b)) for b in blocks}
        for e in exprs:
            seen.setdefault(to_hcl(e), e)
        out[i] = list(seen.values())
    return out


def _per_instance(e: E.Expr) -> bool:
    return any((t := E.traversal(s)) is not None and t[0] in ("count", "each", "self")
               for s in E.walk(e))


def vpc_of_subnet(ctx: Ctx, sub: N.Resource, spec: NW.SubnetSpec) -> E.Expr:
    net = ctx.resolve(spec.network, sub.module)
    if net is not None and net.KIND == "Network" and net.mode == "managed":
        i = vpc_index(ctx, net, spec.location)
        if i > 0:
            return E.ref(f"aws_vpc.{vpc_label(ctx, net, i)}.id")
    if spec.network is None:  # the subnet of ovh_cloud_project_region_network
        return inst(ctx, sub, f"aws_vpc.{sub.name}", "id")
    if E.str_value(spec.network) is not None:
        ctx.sink.add("IT308", spec.network.span or sub.span, f"the network of {sub.address} is "
                     "a literal OVH id: it is kept and must be replaced by a VPC id")
    return ctx.rewrite(spec.network, sub.module)


def public_table(ctx: Ctx, sub: N.Resource, spec: NW.SubnetSpec) -> E.Expr:
    """The public route table (default route to the internet gateway) of the subnet's VPC."""
    net = ctx.resolve(spec.network, sub.module) if spec.network is not None else sub
    if net is not None and net.KIND == "Network" and net.mode == "managed":
        label = vpc_label(ctx, net, vpc_index(ctx, net, spec.location))
        return E.ref(f"aws_route_table.{label}_public.id")
    # The VPC comes from elsewhere (a module input): its internet gateway is looked up.
    vpc = vpc_of_subnet(ctx, sub, spec)

    def igw() -> TfBlock:
        b = TfBlock("data", ("aws_internet_gateway", sub.name),
                    comments=[f"scaffolding: the internet gateway of the VPC of {sub.address}"])
        f = b.block("filter")
        f.set("name", E.Literal("attachment.vpc-id"))
        f.set("values", E.Tuple((vpc,)))
        return b

    def table() -> TfBlock:
        b = TfBlock("resource", ("aws_route_table", f"{sub.name}_public"),
                    comments=[f"scaffolding: public route table for {sub.address}"])
        b.set("vpc_id", vpc)
        return b

    def default_route() -> TfBlock:
        r = TfBlock("resource", ("aws_route", f"{sub.name}_public"),
                    comments=[f"scaffolding: the internet route of {sub.address}'s public "
                              "subnets"])
        r.set("route_table_id", E.ref(f"aws_route_table.{sub.name}_public.id"))
        r.set("destination_cidr_block", E.Literal("0.0.0.0/0"))
        r.set("gateway_id", E.ref(f"data.aws_internet_gateway.{sub.name}.id"))
        return r
    ctx.scaffold(f"igw_{sub.name}", sub.module, igw)
    ctx.scaffold(f"public_rt_{sub.name}", sub.module, table)
    ctx.scaffold(f"public_route_{sub.name}", sub.module, default_route)
    return E.ref(f"aws_route_table.{sub.name}_public.id")


def split(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec) -> list[E.Expr]:
    """The OVH range in quarters: private zone a, b, then public zone a, b."""
    lit = spec.network_cidr
    at = spec.cidr.source.span if spec.cidr.source is not None else node.span
    if lit is not None:
        bits = 2 if lit.prefixlen <= 26 else 1
        if lit.prefixlen > 27:
            ctx.sink.add("IT308", at, f"{lit} of {node.address} is too small to split over two "
                         "zones (AWS subnets are /28 at least): it is used whole in zone a")
            return [E.Literal(str(lit))]
        parts = [E.Literal(str(p)) for p in lit.subnets(prefixlen_diff=bits)]
        names = ["private zone a", "private zone b", "public zone a", "public zone b"]
        shown = ", ".join(f"{p.value} ({n})" for p, n in zip(parts, names))
        ctx.sink.add("IT301", at, f"the regional OVH subnet {lit} of {node.address} is split "
                     f"into {shown}", "EKS needs subnets in two zones; NAT gateways and "
                     "internet-facing load balancers need public ones"
                     + ("" if bits == 2 else "; too small for public subnets"))
        return list(parts)
    if spec.cidr.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no CIDR: 10.0.0.0/16 is split")
        base: E.Expr = E.Literal("10.0.0.0/16")
    else:
        base = ctx.rewrite(spec.cidr.source, node.module)
        ctx.sink.add("IT301", at, f"the regional OVH subnet of {node.address} is split into "
                     "quarters with cidrsubnet(): private zones a and b, public zones a and b",
                     "the range must be /26 or larger")
    return [E.Call("cidrsubnet", (base, C.num(2), C.num(i))) for i in range(4)]


def zones(ctx: Ctx, node: N.Resource, loc: Location) -> list[E.Expr]:
    """Two zones of the subnet's region: from the table, or looked up at plan time."""
    found = C.zones_of(ctx, loc.text) if loc.text else ()
    if len(found) >= 2:
        return [E.Literal(z) for z in found[:2]]

    def azs() -> TfBlock:
        b = TfBlock("data", ("aws_availability_zones", "available"),
                    comments=["scaffolding: the zones of the region, for subnets whose "
                              "region is computed"])
        b.set("state", E.Literal("available"))
        return b
    ctx.scaffold("availability_zones", node.module, azs)
    return [E.Index(E.ref("data.aws_availability_zones.available.names"), C.num(i))
            for i in range(2)]


# -- the contract: what clusters, node groups, databases and instances attach to -------------
def default_vpc(ctx: Ctx, module: str) -> tuple[E.Expr, E.Expr]:
    def vpc() -> TfBlock:
        b = TfBlock("data", ("aws_vpc", "default"),
                    comments=["scaffolding: the default VPC, for resources the OVH source "
                              "attaches to no private network"])
        b.set("default", E.Literal(True))
        return b

    def subnets() -> TfBlock:
        b = TfBlock("data", ("aws_subnets", "default"),
                    comments=["scaffolding: the subnets of the default VPC (one per zone)"])
        f = b.block("filter")
        f.set("name", E.Literal("vpc-id"))
        f.set("values", E.Tuple((E.ref("data.aws_vpc.default.id"),)))
        return b
    ctx.scaffold("default_vpc", module, vpc)
    ctx.scaffold("default_subnets", module, subnets)
    return E.ref("data.aws_vpc.default.id"), E.ref("data.aws_subnets.default.ids")


def _subnet_ish(ref: E.Expr) -> bool:
    return "subnet" in to_hcl(ref).lower()


def _tagged_subnets(ctx: Ctx, node: N.Resource, vpc: E.Expr, why: str) -> E.Expr:
    label = f"{node.name}_private"

    def make() -> TfBlock:
        b = TfBlock("data", ("aws_subnets", label),
                    comments=[f"scaffolding: the private subnets {why}"])
        f = b.block("filter")
        f.set("name", E.Literal("vpc-id"))
        f.set("values", E.Tuple((vpc,)))
        t = b.block("filter")
        t.set("name", E.Literal(f"tag:{PRIVATE_TAG}"))
        t.set("values", C.strings(["1"]))
        return b
    ctx.scaffold(f"private_subnets_{node.type}_{node.name}", node.module, make)
    return E.ref(f"data.aws_subnets.{label}.ids")


def _subnet_lookup(ctx: Ctx, node: N.Resource, ref: E.Expr) -> E.Expr:
    label = f"{node.name}_subnet"

    def make() -> TfBlock:
        b = TfBlock("data", ("aws_subnet", label),
                    comments=[f"scaffolding: the subnet {node.address} is given, for its VPC"])
        b.set("id", ctx.rewrite(ref, node.module))
        return b
    ctx.scaffold(f"subnet_{node.type}_{node.name}", node.module, make)
    return E.ref(f"data.aws_subnet.{label}.vpc_id")


def private_subnet_ids(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    if ref is None:
        return default_vpc(ctx, node.module)[1]
    res = ctx.resolve(ref, node.module)
    if res is not None and res.KIND == "Subnet":
        first = ctx.rewrite(ref, node.module)
        needs_egress(ctx, res, node)
        return E.Tuple((first, swap_label(first, f"{res.name}_a", f"{res.name}_b")))
    if res is not None and res.KIND == "Network" and res.mode == "managed":
        subs = subnets_of(ctx, res) or ([res] if res.get("subnet") is not None else [])
        if subs:
            for s in subs:
                needs_egress(ctx, s, node)
            return E.Tuple(tuple(E.ref(f"aws_subnet.{s.name}_{z}.id") for s in subs
                                 for z in ("a", "b")))
        return _tagged_subnets(ctx, node, vpc_id_of(ctx, node, ref),
                               f"of the VPC of {res.address} (no subnet declared here)")
    vpc = vpc_id_of(ctx, node, ref)
    return _tagged_subnets(ctx, node, vpc, f"of the VPC {node.address} is given (tagged "
                           f"{PRIVATE_TAG})")


def vpc_id_of(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    if ref is None:
        return default_vpc(ctx, node.module)[0]
    res = ctx.resolve(ref, node.module)
    if res is not None and res.KIND == "Subnet":
        return vpc_of_subnet(ctx, res, NW.read_subnet(ctx, res))
    if res is not None and res.KIND == "Network":
        if res.mode == "data":
            return E.ref(f"data.aws_vpc.{res.name}.id")
        loc = read_location(ctx, node, node.get("region") or node.get("region_name"))
        return E.ref(f"aws_vpc.{vpc_label(ctx, res, vpc_index(ctx, res, loc))}.id")
    if _subnet_ish(ref):
        return _subnet_lookup(ctx, node, ref)
    return ctx.rewrite(ref, node.module)


# -- egress for nodes on a network without an OVH gateway ---------------------------------------
def covered(ctx: Ctx, sub: N.Resource) -> bool:
    """Some OVH gateway, gateway interface or router interface routes `sub` to the internet."""
    for g in ctx.by_module.resources(sub.module, "Gateway"):
        refs = [g.get("subnet_id")] + list(NW.read_gateway(ctx, g).subnets)
        if any(ctx.resolve(r, g.module) is sub for r in refs if r is not None):
            return True
    return any(ctx.resolve(i.get("subnet_id"), i.module) is sub
               for i in ctx.by_module.resources(sub.module, "RouterInterface"))


def needs_egress(ctx: Ctx, sub: N.Resource, consumer: N.Resource) -> None:
    """EKS nodes in private subnets reach the internet (images, the API) through NAT; OVH
    MKS nodes had public egress of their own. A subnet no gateway covers gets one."""
    if consumer.KIND not in ("Cluster", "NodePool") or covered(ctx, sub) or \
            f"{sub.module}|nat_{sub.name}" in ctx.scaffolds:
        return
    scaffold_nat(ctx, sub)
    ctx.sink.add("IT307", consumer.span, f"{consumer.address} runs in {sub.address}, which no "
                 "OVH gateway serves: OVH nodes had public egress, EKS nodes in private "
                 "subnets need NAT to pull images and join the cluster, so a NAT gateway is "
                 "added", "a NAT gateway is billed per hour and per GB")


def igw_of(ctx: Ctx, sub: N.Resource) -> E.Expr | None:
    """The internet gateway of the VPC of `sub`, when that VPC is made here."""
    spec = NW.read_subnet(ctx, sub)
    net = ctx.resolve(spec.network, sub.module) if spec.network is not None else sub
    if net is None or net.KIND != "Network" or net.mode != "managed":
        return None
    return E.ref(f"aws_internet_gateway.{vpc_label(ctx, net, vpc_index(ctx, net, spec.location))}")


def route(label: str, sub: N.Resource, nat: E.Expr) -> TfBlock:
    """The default route of `sub`'s private route table to a NAT gateway."""
    r = TfBlock("resource", ("aws_route", label))
    r.set("route_table_id", E.ref(f"aws_route_table.{sub.name}.id"))
    r.set("destination_cidr_block", E.Literal("0.0.0.0/0"))
    r.set("nat_gateway_id", nat)
    return r


def scaffold_nat(ctx: Ctx, sub: N.Resource) -> None:
    """A NAT gateway for a subnet no OVH gateway serves (nodes of a cluster run there)."""
    label = f"{sub.name}_egress"

    def eip() -> TfBlock:
        b = TfBlock("resource", ("aws_eip", label),
                    comments=[f"scaffolding: egress address for {sub.address}"])
        b.set("domain", E.Literal("vpc"))
        return b

    def nat() -> TfBlock:
        b = TfBlock("resource", ("aws_nat_gateway", label),
                    comments=[f"scaffolding: NAT for {sub.address} (OVH nodes had public "
                              "egress)"])
        b.set("allocation_id", E.ref(f"aws_eip.{label}.id"))
        b.set("subnet_id", E.ref(f"aws_subnet.{sub.name}_public_a.id"))
        igw = igw_of(ctx, sub)
        if igw is not None:
            b.set("depends_on", E.Tuple((igw,)))
        return b

    def default_route() -> TfBlock:
        r = route(label, sub, E.ref(f"aws_nat_gateway.{label}.id"))
        r.comments = [f"scaffolding: default route of {sub.address} to its NAT"]
        return r
    ctx.scaffold(f"eip_{sub.name}", sub.module, eip)
    ctx.scaffold(f"nat_{sub.name}", sub.module, nat)
    ctx.scaffold(f"route_{sub.name}", sub.module, default_route)
