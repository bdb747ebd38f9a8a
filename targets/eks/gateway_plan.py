"""Which instances an EKS NAT gateway has, and its VPC, when networks repeat (count/for_each)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..tfbase import instance_line as IL
from ..tfbase.context import Ctx
from . import netrefs as R

ROUTER = "openstack_networking_router_v2"


@dataclass(frozen=True)
class Served:
    """A subnet a gateway serves: `ref` names it, read in `holder`'s block (the gateway's
    own subnet list, or a router interface)."""

    holder: N.Resource
    ref: E.Expr
    sub: N.Resource


@dataclass(frozen=True)
class Plan:
    """owner: the resource whose count/for_each the NAT gateway and its Elastic IPs carry
    (the gateway, or its one repeated router interface: a NAT gateway per VPC); vpc: the VPC
    id read there; error: why no NAT gateway can name its VPC."""

    owner: N.Resource
    vpc: E.Expr | None = None
    error: str | None = None

    def adopted(self, gw: N.Resource) -> bool:
        return self.owner is not gw


def served(ctx: Ctx, node: N.Resource, spec: NW.GatewaySpec) -> list[Served]:
    """The OVH subnets the gateway serves: its own, then (a router) its interfaces'."""
    found = [Served(node, r, s) for r in spec.subnets
             if (s := ctx.resolve(r, node.module)) is not None and s.KIND == "Subnet"]
    if node.type == ROUTER:
        for i in ctx.by_module.resources(node.module, "RouterInterface"):
            r = i.get("subnet_id")
            if r is not None and ctx.resolve(i.get("router_id"), i.module) is node and \
                    (s := ctx.resolve(r, i.module)) is not None and s.KIND == "Subnet":
                found.append(Served(i, r, s))
    return found


def subnet_part(ctx: Ctx, holder: N.Resource, ref: E.Expr, sub: N.Resource, type_: str,
                label: str, attr: str) -> E.Expr | None:
    """`type.label[key].attr` of a companion of subnet `sub` (its zone a subnet, its route
    table) read in `holder`'s block, with the instance `ref` names; None when `sub` repeats
    and `ref`'s key means nothing there."""
    if not IL.repeats(sub):
        return E.ref(f"{type_}.{label}.{attr}")
    at = IL.index_of(ref)
    if at is not None and (not IL.per_instance(at) or IL.lined_up(holder, ref, sub)):
        return IL.keyed_as(ref, type_, label, attr)
    return None


def vpc_in(ctx: Ctx, holder: N.Resource, s: Served) -> E.Expr | None:
    """The VPC of the served subnet, read in `holder`'s block (None: no single one)."""
    got = subnet_part(ctx, holder, s.ref, s.sub, "aws_subnet", f"{s.sub.name}_a", "vpc_id")
    if got is not None:
        return got
    vpc = R.vpc_of_subnet(ctx, s.sub, NW.read_subnet(ctx, s.sub))  # one VPC for every instance
    return None if IL.per_instance(vpc) else vpc


def plan(ctx: Ctx, gw: N.Resource, subs: list[Served]) -> Plan:
    """A NAT gateway per gateway instance, on the VPC of its first subnet; a router with one
    instance whose one repeated interface reaches a VPC per instance gets a NAT gateway per
    interface instance."""
    first = subs[0]
    vpc = vpc_in(ctx, gw, first)
    if vpc is not None:
        return Plan(gw, vpc)
    holders = {id(s.holder): s.holder for s in subs}
    if not IL.repeats(gw) and len(holders) == 1 and first.holder is not gw and \
            IL.repeats(first.holder):
        vpc = vpc_in(ctx, first.holder, first)
        if vpc is not None:
            return Plan(first.holder, vpc)
    return Plan(gw, error=f"its subnets are on a VPC per instance of "
                f"{first.sub.address} and no key of {gw.address} names one")


def repeated_as(node: N.Resource, like: N.Resource) -> N.Resource:
    """`node` with `like`'s count/for_each (the NAT gateway of a router, per interface)."""
    return dataclasses.replace(node, meta=dataclasses.replace(
        node.meta, count=like.meta.count, for_each=like.meta.for_each))


def nat_of(ctx: Ctx, holder: N.Resource, gw: N.Resource, gw_ref: E.Expr | None,
           p: Plan) -> E.Expr | None:
    """The NAT gateway's id read in `holder` (an interface or the gateway's own route);
    None when the gateway repeats and `gw_ref`'s key means nothing there."""
    if p.adopted(gw):
        return R.inst(ctx, p.owner, f"aws_nat_gateway.{gw.name}", "id")
    if holder is gw:
        return R.inst(ctx, gw, f"aws_nat_gateway.{gw.name}", "id")
    if not IL.repeats(gw):
        return E.ref(f"aws_nat_gateway.{gw.name}.id")
    at = IL.index_of(gw_ref)
    if at is not None and (not IL.per_instance(at) or IL.lined_up(holder, gw_ref, gw)):
        return IL.keyed_as(gw_ref, "aws_nat_gateway", gw.name, "id")
    return None
