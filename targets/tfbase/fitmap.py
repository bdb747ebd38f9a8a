"""Value mappers every Terraform target shares: OVH region, zone and flavor through its tables."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.machine import MachineSpec, machine_of

from ..fit import MachineFit, fit_machine, fit_region, fit_zone
from .context import Ctx
from .values import map_value


def region_of(ctx: Ctx, code: str) -> str | None:
    fit = fit_region(code, ctx.tables)
    return fit.region if fit else None


def zone_of(ctx: Ctx, code: str) -> str | None:
    return fit_zone(code, ctx.tables)


def fit_of(ctx: Ctx, spec: MachineSpec) -> MachineFit | None:
    """The target machine that best fits an OVH machine shape (None when unknown)."""
    return fit_machine(spec.as_table_row(), ctx.tables) if spec.known else None


def machine_type_of(ctx: Ctx, flavor: str) -> str | None:
    """The target machine type of OVH flavor `flavor`; a GPU that changes model or count is
    an IT311 where the flavor is mapped, not an IT306."""
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
