"""EKS helpers shared by the lowerings: region, zone and instance-type mappers, AWS names."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..fit import fit_region
from ..tfbase.context import Ctx
from ..tfbase.fitmap import fit_of, map_region, region_of, zone_of
from ..tfbase.fitmap import machine_type_of as instance_type_of
from ..tfbase.keyed import num, tpl

__all__ = ["fit_of", "instance_type_of", "map_region", "num", "region_of", "tpl", "zone_of"]

# 6.24.0: aws_nat_gateway availability_mode (regional NAT) and aws_eks_cluster
# deletion_protection; one floor for every output so a lock file never depends on the input.
AWS = {"source": "hashicorp/aws", "version": "~> 6.24"}


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


def aws_name(s: str, limit: int = 63) -> str:
    """A name most AWS services accept: lowercase letters, digits, hyphens, a letter first."""
    out = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", s.lower())).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")


def name_value(node: N.Resource, u_expr: E.Expr | None) -> E.Expr:
    """The name to give an AWS resource: the source name, else the Terraform label."""
    return u_expr if u_expr is not None else E.Literal(aws_name(node.name))


def tags(name: E.Expr) -> E.Object:
    """`tags = { Name = ... }`: what the AWS console shows for VPCs, subnets, gateways."""
    return E.Object(((E.Var("Name"), name),))


def strings(values: list[str]) -> E.Tuple:
    return E.Tuple(tuple(E.Literal(v) for v in values))
