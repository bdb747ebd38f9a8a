"""What clusters, node groups, databases and instances attach to: VPC ids and subnet lists."""

from __future__ import annotations

import re

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.geo import Location, read_location

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C
from .egress import needs_egress
from .netrefs import (
    PRIVATE_TAG,
    split_bits,
    subnets_of,
    swap_label,
    vpc_index,
    vpc_label,
    vpc_of_subnet,
    zone_letters,
)
from .placement import note


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


def _tagged_subnets(ctx: Ctx, node: N.Resource, vpc: E.Expr, ref: E.Expr, why: str,
                    where: str) -> E.Expr:
    """Every private subnet of a VPC made elsewhere, found by its tag at plan time."""
    label = f"{node.name}_private"
    if f"{node.module}|private_subnets_{node.type}_{node.name}" not in ctx.scaffolds:
        egress = " EKS nodes need internet egress (a NAT gateway) there: OVH nodes had " \
            "their own." if node.KIND in ("Cluster", "NodePool") else ""
        ctx.sink.add("IT308", ref.span or node.span, f"the network of {node.address} {where}: "
                     "it gets every subnet of that VPC tagged "
                     f"{PRIVATE_TAG}=1.{egress}", "pass the subnet ids explicitly to choose")

    def make() -> TfBlock:
        b = TfBlock("data", ("aws_subnets", label),
                    comments=[f"scaffolding: the private subnets {why}"])
        f = b.block("filter")
        f.set("name", E.Literal("vpc-id"))
        f.set("values", E.Tuple((vpc,)))
        t = b.block("filter")
        t.set("name", E.Literal(f"tag:{PRIVATE_TAG}"))
        t.set("values", C.strings(["1"]))
        made = E.traversal(vpc)
        if made is not None and made[0] == "module" and made[1]:
            # The VPC id is one output of that module: without this the lookup may read
            # the VPC before the module's subnets exist, and find none.
            b.set("depends_on", E.Tuple((E.ref(f"module.{made[1][0][1]}"),)))
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
        _for_nodes(ctx, res, node)
        others = zone_letters(ctx, NW.read_subnet(ctx, res))[1:]
        return E.Tuple((first, *(swap_label(first, f"{res.name}_a", f"{res.name}_{z}")
                                 for z in others)))
    if res is not None and res.KIND == "Network" and res.mode == "managed":
        here = _location(ctx, node)
        subs = [s for s in subnets_of(ctx, res) if vpc_index(ctx, res, NW.read_subnet(
            ctx, s).location) == vpc_index(ctx, res, here)]
        subs = subs or ([res] if res.get("subnet") is not None else [])
        if subs:
            for s in subs:
                _for_nodes(ctx, s, node)
            return E.Tuple(tuple(E.ref(f"aws_subnet.{s.name}_{z}.id") for s in subs
                                 for z in _letters(ctx, s)))
        return _tagged_subnets(ctx, node, vpc_id_of(ctx, node, ref), ref,
                               f"of the VPC of {res.address} (no subnet declared here)",
                               "declares no subnet here")
    vpc = vpc_id_of(ctx, node, ref)
    where = "is an existing one (looked up)" if res is not None and res.KIND == "Network" \
        else "is made outside this module"
    return _tagged_subnets(ctx, node, vpc, ref, f"of the VPC {node.address} is given (tagged "
                           f"{PRIVATE_TAG})", where)


def _letters(ctx: Ctx, sub: N.Resource) -> tuple[str, ...]:
    """The zones of a subnet's private subnets (a network's inline subnet: two)."""
    return zone_letters(ctx, NW.read_subnet(ctx, sub)) if sub.KIND == "Subnet" else ("a", "b")


def _for_nodes(ctx: Ctx, sub: N.Resource, consumer: N.Resource) -> None:
    """What EKS nodes need of a subnet that OVH nodes did not: egress, and room for pods
    (the VPC CNI gives every pod an address of the node's subnet; OVH pods used an
    overlay)."""
    needs_egress(ctx, sub, consumer)
    if consumer.KIND != "Cluster":
        return
    spec = NW.read_subnet(ctx, sub) if sub.KIND == "Subnet" else \
        NW.read_network(ctx, sub).inline_subnet
    cidr = spec.network_cidr if spec is not None else None
    bits = split_bits(ctx, spec) if spec is not None and sub.KIND == "Subnet" else 2
    if cidr is not None and cidr.prefixlen + bits > 22:  # under ~1,000 addresses a zone
        room = 2 ** (32 - cidr.prefixlen - bits) - 5  # AWS keeps 5 addresses of each subnet
        cut = "quarters" if bits == 2 else "halves"
        ctx.sink.add("IT301", consumer.span, f"the nodes of {consumer.address} get "
                     f"{room} addresses per zone ({cidr} in {cut}): with the VPC CNI every "
                     "pod takes one (29 on an m7i.large), where OVH pods used an overlay",
                     "enlarge the range, or give pods a secondary VPC CIDR (CNI custom "
                     "networking)")


def _location(ctx: Ctx, node: N.Resource) -> Location:
    return read_location(ctx, node, node.get("region") or node.get("region_name"))


def vpc_id_of(ctx: Ctx, node: N.Resource, ref: E.Expr | None) -> E.Expr:
    if ref is None:
        return default_vpc(ctx, node.module)[0]
    res = ctx.resolve(ref, node.module)
    if res is not None and res.KIND == "Subnet":
        return vpc_of_subnet(ctx, res, NW.read_subnet(ctx, res))
    if res is not None and res.KIND == "Network":
        if res.mode == "data":
            return E.ref(f"data.aws_vpc.{res.name}.id")
        loc = _location(ctx, node)
        return E.ref(f"aws_vpc.{vpc_label(ctx, res, vpc_index(ctx, res, loc))}.id")
    lit = E.str_value(ref) if res is None else None
    if lit is not None and not re.fullmatch(r"vpc-[0-9a-f]{8,17}", lit):
        if re.fullmatch(r"subnet-[0-9a-f]{8,17}", lit):
            return _subnet_lookup(ctx, node, ref)  # already an AWS subnet id: its VPC
        # An OVH network or subnet id names nothing on AWS: neither a VPC id nor a lookup key.
        note(ctx, "attach.literal_network_id", ref.span or node.span, address=node.address,
             id=lit)
        return E.Literal(f"TODO(IT308): VPC id replacing OVH network {lit}")
    if _subnet_ish(ref):
        return _subnet_lookup(ctx, node, ref)
    return ctx.rewrite(ref, node.module)
