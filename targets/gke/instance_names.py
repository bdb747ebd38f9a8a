"""A literal GCP name inside a module that is instantiated more than once (IT308)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase import instance_names as base
from ..tfbase.context import Ctx

repeats = base.repeats  # (the generic part: tfbase/instance_names.py)


def warn_repeated(ctx: Ctx, node: N.Resource, type_: str, name: E.Expr | None,
                  scope: str = "per project and region", where: E.Expr | None = None) -> None:
    """IT308 when a fixed GCP name repeats with its module: GCP names are unique per project
    (per region for subnetworks, routers; per zone for VMs and disks), so every instance
    after the first fails at create. `where` is the zone or region of a zonal or regional
    resource: when it is not a fixed text the instances may be placed apart."""
    base.warn_repeated(ctx, node, type_, name, f"GCP names are unique {scope}", where)
