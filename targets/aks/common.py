"""AKS helpers of the lowerings: region, zone and VM-size mappers, Azure names, resource group."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from ..fit import fit_region
from ..hclwrite import TfBlock
from ..tfbase import notes, readings
from ..tfbase.context import Ctx
from ..tfbase.fitmap import fit_of, map_region, region_of, zone_of
from ..tfbase.fitmap import machine_type_of as vm_size_of
from ..tfbase.scaffold_names import free_variable_name, scaffold_variable
from ..tfbase.shipped import shipped

__all__ = ["fit_of", "map_region", "region_of", "resource_group", "vm_size_of", "zone_of"]

AZURERM = {"source": "hashicorp/azurerm", "version": "~> 4.55"}


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


PLATFORM = "aks/platform.json"


def platform() -> dict[str, Any]:
    """aks/platform.json: the AKS target's choices that are data (backend shape, provider
    variable, diagnostics' words)."""
    return shipped(PLATFORM)


def note(ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None:
    """Report the diagnostic `key` of aks/platform.json's notes."""
    notes.say(ctx, platform()["notes"], key, span, **values)


def az_name(s: str, limit: int = 63) -> str:
    """A name most Azure resources accept: lowercase letters, digits, hyphens, a letter first."""
    out = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", s.lower())).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")


def instance_name(node: N.Resource, text: str, limit: int = 63) -> E.Expr:
    """az_name(text), with `-${count.index}` / `-${each.key}` when `node` is repeated: a
    name made from the label alone is the same for every instance, and Azure refuses the
    second resource of a name in one resource group (or account, or everywhere)."""
    name = az_name(text, limit)
    key = "count.index" if node.meta.count is not None else \
        "each.key" if node.meta.for_each is not None else None
    if key is None:
        return E.Literal(name)
    return E.Template((f"{name}-", E.Interp(E.ref(key))))


# Every Azure resource lives in a resource group. One group per root module, for every
# location the translation uses: a group's location only says where its metadata is kept,
# its resources keep their own `location`, and one group is one unit to grant, tag and delete.
RG_VAR, RG_LOC_VAR, RG = "resource_group_name", "resource_group_location", "main"
RG_DEFAULT = "rg-ovh-translated"


def group_variables(ctx: Ctx, module: str) -> tuple[str, str]:
    """The names of the resource group's name and location variables in `module`: RG_VAR
    and RG_LOC_VAR, or free ones where the source module declares a variable of that name
    (scaffold_names: the author's keeps its meaning)."""
    return (free_variable_name(ctx, module, RG_VAR),
            free_variable_name(ctx, module, RG_LOC_VAR))


def resource_group(ctx: Ctx, module: str,
                   location: E.Expr | None = None) -> tuple[E.Expr, E.Expr]:
    """(name, location) expressions of the resource group of a resource of `module`, whose
    own Azure region is `location` (None: the group's). The root module declares the group
    (its name a variable with a default); a child module reads both from variables its
    callers pass (see providers.module_providers)."""
    if module_is_root(ctx, module):
        name = scaffold_variable(ctx, module, RG_VAR, _name_variable)
        loc = scaffold_variable(ctx, module, RG_LOC_VAR, lambda var: _location_variable(
            var, location or ctx.default_region.get(module)))
        ctx.scaffold(f"azurerm_resource_group.{RG}", module, lambda: _group(name, loc))
        return (E.ref(f"azurerm_resource_group.{RG}.name"),
                location or E.ref(f"azurerm_resource_group.{RG}.location"))
    name = scaffold_variable(ctx, module, RG_VAR, lambda var: _child_variable(var, "name"))
    loc = scaffold_variable(ctx, module, RG_LOC_VAR,
                            lambda var: _child_variable(var, "location"))
    return E.ref(f"var.{name}"), location or E.ref(f"var.{loc}")


def once(ctx: Ctx, what: str, build: Any) -> Any:
    """`build()`, read once per model (Ctx.readings, let go with it): the per-module indexes
    that answer what each lowering used to scan the module for (quadratic)."""
    return readings.index(ctx, f"aks.{what}", build)


def module_is_root(ctx: Ctx, module: str) -> bool:
    # (the called modules are read once per model: every resource asks, through its group)
    called = readings.index(ctx, "aks.called", lambda: {
        n.local_path for m in ctx.model.modules for n in m.nodes
        if isinstance(n, N.ModuleCall) and n.local_path is not None})
    return module not in called


def _name_variable(name: str) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        "scaffolding: the Azure resource group of every translated resource"])
    v.set("description", E.Literal("Name of the Azure resource group the translation creates"))
    v.set("type", E.Var("string"))
    v.set("default", E.Literal(RG_DEFAULT))
    return v


def _location_variable(name: str, location: E.Expr | None) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        "scaffolding: where the resource group's metadata lives (its resources keep their own "
        "location)"])
    v.set("description", E.Literal("Azure region of the resource group"))
    v.set("type", E.Var("string"))
    # (a literal region only: a default cannot read another variable)
    text = E.str_value(location) if location is not None else None
    v.set("default", E.Literal(text) if text else None)
    return v


def _group(name: str, location: str) -> TfBlock:
    g = TfBlock("resource", ("azurerm_resource_group", RG))
    g.set("name", E.ref(f"var.{name}"))
    g.set("location", E.ref(f"var.{location}"))
    return g


def _child_variable(name: str, what: str) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        f"scaffolding: the resource group {what} of the calling module"])
    v.set("description", E.Literal(f"Azure resource group {what} (passed by the caller)"))
    v.set("type", E.Var("string"))
    return v
