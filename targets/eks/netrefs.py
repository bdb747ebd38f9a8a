"""Where an OVH network or subnet lands on AWS: VPC labels, zonal ranges, subnet lists, egress."""

from __future__ import annotations

import ipaddress
import re

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.geo import Location

from ..hclwrite import TfBlock
from ..tfbase import instance_line as IL
from ..tfbase import readings
from ..tfbase.companions import meta_only as meta_only  # (the network family reads it here)
from ..tfbase.context import Ctx
from ..tfbase.resource_region import own_region, per_instance
from . import common as C

PRIVATE_TAG = "kubernetes.io/role/internal-elb"


def suffixed(name: E.Expr, suffix: str) -> E.Expr:
    """`name` + `suffix`: a literal when the name is one, else a template."""
    text = E.str_value(name)
    if text is not None:
        return E.Literal(text + suffix)
    if isinstance(name, E.Template) and name.heredoc is None:
        # "${local.prefix}-gw" + "-nat" is "${local.prefix}-gw-nat", not a template nested
        # in a template
        last = name.parts[-1] if name.parts else None
        if isinstance(last, str):
            return E.Template(name.parts[:-1] + (last + suffix,))
        return E.Template(name.parts + (suffix,))
    return C.tpl(name, suffix)


# -- labels, instances, regions ----------------------------------------------------------------
def region_word(loc: Location) -> str:
    return re.sub(r"[^a-z0-9]+", "_", (loc.text or "region").lower()).strip("_")


def vpc_label(ctx: Ctx, net: N.Resource, i: int) -> str:
    """`aws_vpc.<net>` for the first region of an OVH network, `<net>_<region>` after."""
    if i == 0:
        return net.name
    locs = NW.read_network(ctx, net).locations
    return f"{net.name}_{region_word(locs[i])}" if i < len(locs) else f"{net.name}_{i}"


def inst(ctx: Ctx, node: N.Resource, address: str, attr: str) -> E.Expr:
    """`address[key].attr` for the instance of `node` a companion block belongs to."""
    head: E.Expr = E.ref(address)
    if node.meta.count is not None:
        head = E.Index(head, E.ref("count.index"))
    elif node.meta.for_each is not None:
        head = E.Index(head, E.ref("each.key"))
    return E.GetAttr(head, attr)


def region_of(ctx: Ctx, node: N.Resource, loc: Location) -> E.Expr | None:
    """The region a network part at `loc` names itself: where it is not its module's provider
    region (aws 6.x resources take a region each, so one configuration can hold several), or
    where that region is written nowhere (a child module's var.region, which the provider it
    inherits does not take: resource_region.own_region, as the databases). Mapping the same
    value again says nothing new: the sink reports a finding once."""
    region = C.map_region(ctx, node, loc.source) if loc.source is not None else None
    return region if own_region(ctx, node.module, region) else None


def set_region(ctx: Ctx, node: N.Resource, b: TfBlock, loc: Location) -> None:
    """`region = ...` on `b` where the part names its own (region_of)."""
    region = region_of(ctx, node, loc)
    if region is not None:
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
    """The subnets whose network is `net`, in label order; the module's subnets are grouped
    by network once (Ctx.readings), not scanned per network."""
    def build() -> dict[int, list[N.Resource]]:
        found: dict[int, list[N.Resource]] = {}
        for s in ctx.by_module.resources(net.module, "Subnet"):
            if (on := ctx.resolve(s.get("network_id"), s.module)) is not None:
                found.setdefault(id(on), []).append(s)
        for subs in found.values():  # by label: the blocks' order in the input must not show
            subs.sort(key=lambda n: n.name)
        return found
    return readings.grouped(ctx, f"eks.subnets_of {net.module}", build, net)


def network_cidrs(ctx: Ctx, net: N.Resource, spec: NW.NetworkSpec) -> dict[int, list[E.Expr]]:
    """The CIDR blocks of each VPC: the smallest block covering the literal subnet ranges
    when AWS accepts it (/16 or smaller), else each range (the first primary, the others
    associated), then the computed ranges that do not depend on a subnet's own instance
    (or whose instance is the network's)."""
    found: dict[int, tuple[list[ipaddress.IPv4Network], list[E.Expr]]] = {}
    specs = [(NW.read_subnet(ctx, s), s) for s in subnets_of(ctx, net)]
    if spec.inline_subnet is not None:
        specs.append((spec.inline_subnet, net))
    for sub, node in specs:
        lits, exprs = found.setdefault(vpc_index(ctx, net, sub.location), ([], []))
        literal = sub.network_cidr
        if literal is not None:
            lits.append(aws_range(literal))
        elif sub.cidr.source is not None and (not _per_instance(sub.cidr.source) or (
                node is not net and IL.lined_up(node, sub.network, net))):
            # (a subnet repeated like its network, key for key: its range, read per
            # instance, is valid in the VPC's block too)
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
        if i > 0:  # (with the instance key the subnet wrote for its network)
            return IL.keyed_as(spec.network, "aws_vpc", vpc_label(ctx, net, i), "id")
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
        if net is sub:  # (the subnet of a region network: its companions repeat with it)
            return inst(ctx, sub, f"aws_route_table.{label}_public", "id")
        return IL.keyed_as(spec.network, "aws_route_table", f"{label}_public", "id")
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


def aws_range(lit: ipaddress.IPv4Network) -> ipaddress.IPv4Network:
    """`lit`, or the /28 holding it: AWS takes no smaller VPC or subnet."""
    return lit if lit.prefixlen <= 28 else lit.supernet(new_prefix=28)


def _three_zones(ctx: Ctx, loc: Location) -> bool:
    """An OVH 3-AZ region (its table lists three zones) whose AWS region has three."""
    geo = loc.geo
    if geo is None:
        return False
    table = ctx.tables.ovh_regions["regions"]
    entry = table.get(geo.code) or table.get(geo.metro) or {}
    return len(entry.get("zones", ())) >= 3 and len(C.zones_of(ctx, geo.code)) >= 3


def zone_letters(ctx: Ctx, spec: NW.SubnetSpec) -> tuple[str, ...]:
    """The zones an OVH subnet's private subnets span: three in an OVH 3-AZ region (its
    node pools may be pinned to any of them), else the two EKS needs; zone a alone for a
    range too small to split. `split` cuts the range accordingly."""
    lit = spec.network_cidr
    if _three_zones(ctx, spec.location) and (lit is None or lit.prefixlen <= 24):
        return ("a", "b", "c")
    return ("a",) if lit is not None and lit.prefixlen > 27 else ("a", "b")


def split_bits(ctx: Ctx, spec: NW.SubnetSpec) -> int:
    """The bits `split` adds to the OVH prefix for a private subnet: quarters, or halves
    (private subnets only) for a /27."""
    lit = spec.network_cidr
    return 2 if lit is None or lit.prefixlen <= 26 else 1


def split(ctx: Ctx, node: N.Resource, spec: NW.SubnetSpec) -> list[E.Expr]:
    """The OVH range cut per zone: the private subnets (zones of `zone_letters`) then the
    public ones (zones a and b: load balancers need two, the regional NAT gateway none).
    Two zones: quarters; three: a quarter each, the last quarter halved for the public."""
    lit = spec.network_cidr
    at = spec.cidr.source.span if spec.cidr.source is not None else node.span
    letters = zone_letters(ctx, spec)
    bits = split_bits(ctx, spec)
    three = len(letters) == 3
    if lit is not None:
        if lit.prefixlen > 27:
            whole = aws_range(lit)
            widened = "" if whole == lit else f", widened to {whole} (AWS's smallest subnet)"
            ctx.sink.add("IT308", at, f"{lit} of {node.address} is too small to split over two "
                         f"zones (AWS subnets are /28 at least): it is used whole in zone "
                         f"a{widened}", "AWS reserves the first four addresses and the last "
                         "of every subnet: fixed addresses there must move")
            return [E.Literal(str(whole))]
        nets = list(lit.subnets(prefixlen_diff=bits))
        if three:
            nets = nets[:3] + list(nets[3].subnets(prefixlen_diff=1))
        parts = [E.Literal(str(p)) for p in nets]
        names = [f"private zone {z}" for z in letters] + ["public zone a", "public zone b"]
        shown = ", ".join(f"{p.value} ({n})" for p, n in zip(parts, names))
        why = "the OVH region has three zones, so do the private subnets (load balancers " \
            "need public ones in two)" if three else "EKS needs subnets in two zones; NAT " \
            "gateways and internet-facing load balancers need public ones"
        ctx.sink.add("IT301", at, f"the regional OVH subnet {lit} of {node.address} is split "
                     f"into {shown}", why + ("" if bits == 2 else
                                             "; too small for public subnets"))
        return list(parts)
    if spec.cidr.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no CIDR: 10.0.0.0/16 is split")
        base: E.Expr = E.Literal("10.0.0.0/16")
    elif three:
        base = ctx.rewrite(spec.cidr.source, node.module)
        ctx.sink.add("IT301", at, f"the regional OVH subnet of {node.address} is split with "
                     "cidrsubnet(): private zones a, b and c (quarters), public zones a and b "
                     "(eighths of the last quarter)", "the range must be /24 or larger")
    else:
        base = ctx.rewrite(spec.cidr.source, node.module)
        ctx.sink.add("IT301", at, f"the regional OVH subnet of {node.address} is split into "
                     "quarters with cidrsubnet(): private zones a and b, public zones a and b",
                     "the range must be /26 or larger")
    if three:
        return [E.Call("cidrsubnet", (base, C.num(2), C.num(i))) for i in range(3)] + \
            [E.Call("cidrsubnet", (base, C.num(3), C.num(i))) for i in (6, 7)]
    return [E.Call("cidrsubnet", (base, C.num(2), C.num(i))) for i in range(4)]


def zones(ctx: Ctx, node: N.Resource, loc: Location, n: int = 2) -> list[E.Expr]:
    """`n` zones of the subnet's region: from the table, or looked up at plan time."""
    # Only a region written in place: a variable's default can be overridden.
    fixed = loc.text is not None and E.str_value(loc.source) is not None
    found = C.zones_of(ctx, loc.text) if fixed and loc.text else ()
    if len(found) >= n:
        return [E.Literal(z) for z in found[:n]]
    region = region_of(ctx, node, loc)
    label = "available"
    if region is not None and per_instance(region):
        ctx.sink.add("IT308", loc.source.span if loc.source is not None else node.span,
                     f"the region of {node.address} differs per instance ({to_hcl(region)}): "
                     "its zones are looked up in the provider's region, where they may not "
                     "exist", "set availability_zone by hand, or one module call per region")
        region = None
    elif region is not None:  # the zones of the region the subnets are in, not the provider's
        label = f"available_{_word(to_hcl(region))}"

    def azs() -> TfBlock:
        b = TfBlock("data", ("aws_availability_zones", label),
                    comments=["scaffolding: the zones of the region, for subnets whose "
                              "region is a variable or computed"])
        if region is not None:
            b.set("region", region)
        # Availability Zones only: an opted-in Local Zone sorts first (us-west-2-lax-1a <
        # us-west-2a) and EKS control planes cannot use it; no `state` filter, so a zone
        # impaired later does not shift names[] and replace the subnets.
        f = b.block("filter")
        f.set("name", E.Literal("opt-in-status"))
        f.set("values", C.strings(["opt-in-not-required"]))
        return b
    ctx.scaffold(f"availability_zones {label}", node.module, azs)
    return [E.Index(E.ref(f"data.aws_availability_zones.{label}.names"), C.num(i))
            for i in range(n)]


def _word(text: str) -> str:
    """A label part for a region expression (`var.region` -> `var_region`)."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")[:40] or "region"
