"""EKS helpers shared by the lowerings: region, zone and instance-type mappers, AWS names."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.machine import MachineSpec

from ..fit import MachineFit, fit_machine, fit_region, fit_zone
from ..tfbase.context import Ctx
from ..tfbase.values import map_value

AWS = {"source": "hashicorp/aws", "version": "~> 6.0"}


def region_of(ctx: Ctx, code: str) -> str | None:
    fit = fit_region(code, ctx.tables)
    return fit.region if fit else None


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


def zone_of(ctx: Ctx, code: str) -> str | None:
    return fit_zone(code, ctx.tables)


def fit_of(ctx: Ctx, spec: MachineSpec) -> MachineFit | None:
    """The AWS instance type that best fits an OVH machine shape (None when unknown)."""
    return fit_machine(spec.as_table_row(), ctx.tables) if spec.known else None


def instance_type_of(ctx: Ctx, flavor: str) -> str | None:
    from iac_translate.compiler.passes.machine import machine_of
    spec = machine_of(flavor, ctx.tables.ovh_flavors)
    gpu = spec.gpu
    fit = fit_of(ctx, spec)
    if fit is not None and gpu and (fit.gpu_model != gpu.model or fit.gpu_count != gpu.count):
        ctx.mapping_notes[("flavor", flavor)] = (
            "IT311", f"{gpu.count}x {gpu.model} becomes {fit.gpu_count}x "
            f"{fit.gpu_model or 'no GPU'}", fit.note)
    return fit.machine_type if fit else None


def map_region(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    out = map_value(expr, node, ctx, "region", lambda s: region_of(ctx, s))
    if out is not None and (E.str_value(out) or E.traversal(out)):
        # The first region seen in a module becomes the provider's default region.
        ctx.default_region.setdefault(node.module, out)
    return out


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


def tpl(*parts: str | E.Expr) -> E.Template:
    return E.Template(tuple(p if isinstance(p, str) else E.Interp(p) for p in parts))


def num(v: int | float) -> E.Literal:
    return E.Literal(v, str(v))


def strings(values: list[str]) -> E.Tuple:
    return E.Tuple(tuple(E.Literal(v) for v in values))
