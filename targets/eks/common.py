"""EKS helpers shared by the lowerings: region, zone and instance-type mappers, AWS names."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.fitmap import fit_of, map_region, region_of, zone_of, zones_of
from ..tfbase.fitmap import machine_type_of as instance_type_of
from ..tfbase.keyed import hyphen_name as aws_name  # (what AWS services accept)
from ..tfbase.keyed import num, tpl

__all__ = ["aws_name", "fit_of", "instance_type_of", "map_region", "num", "region_of", "tpl",
           "zone_of", "zones_of"]

# 6.24.0: aws_nat_gateway availability_mode (regional NAT) and aws_eks_cluster
# deletion_protection; one floor for every output so a lock file never depends on the input.
AWS = {"source": "hashicorp/aws", "version": "~> 6.24"}


def name_value(node: N.Resource, u_expr: E.Expr | None) -> E.Expr:
    """The name to give an AWS resource: the source name, else the Terraform label."""
    return u_expr if u_expr is not None else E.Literal(aws_name(node.name))


def tags(name: E.Expr) -> E.Object:
    """`tags = { Name = ... }`: what the AWS console shows for VPCs, subnets, gateways."""
    return E.Object(((E.Var("Name"), name),))


def strings(values: list[str]) -> E.Tuple:
    return E.Tuple(tuple(E.Literal(v) for v in values))
