"""Internet egress on AWS: default routes to NAT gateways, and NAT for subnets OVH gave none."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx
from .netrefs import inst, vpc_index, vpc_label, zone_letters, zones

ZONES = ("a", "b", "c")


# -- egress for nodes on a network without an OVH gateway ---------------------------------------
def covered(ctx: Ctx, sub: N.Resource) -> bool:
    """Some OVH gateway, gateway interface or router interface routes `sub` to the internet."""
    found = _routed(ctx, sub.module)
    return found.get(id(sub)) is sub


def _routed(ctx: Ctx, module: str) -> dict[int, N.Resource]:
    """The subnets of `module` some gateway or router interface names (by id), found in one
    pass over the module's gateways (Ctx.readings): asked per subnet, scanning every
    gateway for each was quadratic in a module's size."""
    def build() -> dict[int, N.Resource]:
        found: dict[int, N.Resource] = {}
        for g in ctx.by_module.resources(module, "Gateway"):
            for r in [g.get("subnet_id"), *NW.read_gateway(ctx, g).subnets]:
                if r is not None and (on := ctx.resolve(r, g.module)) is not None:
                    found[id(on)] = on
        for i in ctx.by_module.resources(module, "RouterInterface"):
            if (on := ctx.resolve(i.get("subnet_id"), i.module)) is not None:
                found[id(on)] = on
        return found
    return readings.index(ctx, f"eks.routed {module}", build)


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
                 "added (regional: each zone of the subnets)", "a NAT gateway is billed per "
                 "zone it serves, per hour, and per GB")


def igw_of(ctx: Ctx, sub: N.Resource) -> E.Expr | None:
    """The internet gateway of the VPC of `sub`, when that VPC is made here."""
    spec = NW.read_subnet(ctx, sub)
    net = ctx.resolve(spec.network, sub.module) if spec.network is not None else sub
    if net is None or net.KIND != "Network" or net.mode != "managed":
        return None
    return E.ref(f"aws_internet_gateway.{vpc_label(ctx, net, vpc_index(ctx, net, spec.location))}")


def same_ref(ctx: Ctx, owner: N.Resource | None, other: N.Resource, address: str,
             attr: str) -> E.Expr:
    """`address.attr` of a block of `other` read from a block of `owner`: the same instance
    when both repeat alike (a gateway counted like its subnet), else as written."""
    pairs = ((owner.meta.count, other.meta.count), (owner.meta.for_each, other.meta.for_each)) \
        if owner is not None else ()
    for mine, theirs in pairs:
        if mine is not None and theirs is not None and to_hcl(mine) == to_hcl(theirs):
            return inst(ctx, owner, address, attr)
    return E.ref(f"{address}.{attr}")


def route(ctx: Ctx, label: str, sub: N.Resource, nat: E.Expr,
          owner: N.Resource | None = None) -> TfBlock:
    """The default route of `sub`'s private route table to a NAT gateway."""
    r = TfBlock("resource", ("aws_route", label))
    r.set("route_table_id", same_ref(ctx, owner, sub, f"aws_route_table.{sub.name}", "id"))
    r.set("destination_cidr_block", E.Literal("0.0.0.0/0"))
    r.set("nat_gateway_id", nat)
    return r


def nat_zones(ctx: Ctx, sub: N.Resource) -> list[E.Expr]:
    """The zones of `sub`'s private subnets (netrefs.zone_letters: a and b, a, b and c in
    an OVH 3-AZ region, or a alone for a range too small to split)."""
    spec = NW.read_subnet(ctx, sub)
    letters = zone_letters(ctx, spec)
    return zones(ctx, sub, spec.location, max(len(letters), 2))[:len(letters)]


def regional_nat(ctx: Ctx, b: TfBlock, sub: N.Resource, allocations: list[E.Expr],
                 owner: N.Resource | None = None) -> None:
    """A regional NAT gateway serving each zone of `sub`'s private subnets from that zone,
    with one Elastic IP per zone (manual mode: the egress addresses are known, as the OVH
    gateway's was). One NAT gateway per zone is AWS practice (a zone's failure leaves the
    other its egress); the regional mode does it in one resource and one route target."""
    b.set("availability_mode", E.Literal("regional"))
    b.set("vpc_id", same_ref(ctx, owner, sub, f"aws_subnet.{sub.name}_a", "vpc_id"))
    for zone, allocation in zip(nat_zones(ctx, sub), allocations):
        a = b.block("availability_zone_address")
        a.set("availability_zone", zone)
        a.set("allocation_ids", E.Tuple((allocation,)))
    igw = igw_of(ctx, sub)
    if igw is not None:
        b.set("depends_on", E.Tuple((igw,)))


def scaffold_nat(ctx: Ctx, sub: N.Resource) -> None:
    """A NAT gateway for a subnet no OVH gateway serves (nodes of a cluster run there)."""
    label = f"{sub.name}_egress"
    labels = [label if i == 0 else f"{label}_{z}"
              for i, z in enumerate(ZONES[:len(nat_zones(ctx, sub))])]

    def eip(label: str, zone: str) -> TfBlock:
        b = TfBlock("resource", ("aws_eip", label),
                    comments=[f"scaffolding: egress address in zone {zone} for {sub.address}"])
        b.set("domain", E.Literal("vpc"))
        return b

    def nat() -> TfBlock:
        b = TfBlock("resource", ("aws_nat_gateway", label),
                    comments=[f"scaffolding: NAT for {sub.address} (OVH nodes had public "
                              "egress), in each zone of its private subnets"])
        regional_nat(ctx, b, sub, [E.ref(f"aws_eip.{x}.id") for x in labels])
        return b

    def default_route() -> TfBlock:
        r = route(ctx, label, sub, E.ref(f"aws_nat_gateway.{label}.id"))
        r.comments = [f"scaffolding: default route of {sub.address} to its NAT"]
        return r
    for x, z in zip(labels, ZONES):
        ctx.scaffold(f"eip_{sub.name}" + ("" if z == "a" else f"_{z}"), sub.module,
                     lambda x=x, z=z: eip(x, z))
    ctx.scaffold(f"nat_{sub.name}", sub.module, nat)
    ctx.scaffold(f"route_{sub.name}", sub.module, default_route)
