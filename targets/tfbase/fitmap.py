"""Value mappers every Terraform target shares: OVH region, zone and flavor through its tables."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.machine import MachineSpec, machine_of

from ..fit import MachineFit, fit_machine, fit_region, fit_zone, region_family
from ..hclwrite import TfBlock, todo
from .context import Ctx
from .values import map_value

# A region the target's table has no region for (its family's `region` is null).
UNAVAILABLE = "IT364"


def region_of(ctx: Ctx, code: str) -> str | None:
    fit = fit_region(code, ctx.tables)
    return fit.region if fit else None


def zone_of(ctx: Ctx, code: str) -> str | None:
    return fit_zone(code, ctx.tables)


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    """The target zones of OVH region `code`'s family (none when the table maps it to none)."""
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


def fit_of(ctx: Ctx, spec: MachineSpec) -> MachineFit | None:
    """The target machine that best fits an OVH machine shape (None when unknown)."""
    return fit_machine(spec.as_table_row(), ctx.tables) if spec.known else None


# A mapped machine with less than this share of the flavor's vCPU or RAM is reported as a
# warning: the mapping tables' GPU shapes fall either at 80% or more (the target's nearest
# shape) or at 71% and less (a node that runs far fewer pods than the OVH one).
SHORTFALL = 0.75


def shortfall(spec: MachineSpec, fit: MachineFit) -> str | None:
    """`8 vCPU (OVH: 22), 48 GB RAM (OVH: 90)` when `fit` has notably less vCPU or RAM than
    the OVH flavor `spec`, else None."""
    if spec.vcpu is None or spec.ram_gb is None:
        return None
    if fit.vcpu >= SHORTFALL * spec.vcpu and fit.ram_gb >= SHORTFALL * spec.ram_gb:
        return None
    return (f"{fit.vcpu:g} vCPU (OVH: {spec.vcpu:g}), {fit.ram_gb:g} GB RAM "
            f"(OVH: {spec.ram_gb:g})")


def machine_type_of(ctx: Ctx, flavor: str) -> str | None:
    """The target machine type of OVH flavor `flavor`; a GPU that changes model or count is
    an IT311 where the flavor is mapped, not an IT306, and a machine with notably less vCPU
    or RAM (SHORTFALL) an IT301 (or says so in the IT311)."""
    spec = machine_of(flavor, ctx.tables.ovh_flavors)
    gpu = spec.gpu
    fit = fit_of(ctx, spec)
    short = shortfall(spec, fit) if fit is not None else None
    less = f"{fit.machine_type} has only {short}" if fit is not None and short else None
    if fit is not None and gpu and (fit.gpu_model != gpu.model or fit.gpu_count != gpu.count):
        ctx.mapping_notes[("flavor", flavor)] = (
            "IT311", f"{gpu.count}x {gpu.model} becomes {fit.gpu_count}x "
            f"{fit.gpu_model or 'no GPU'}" + (f"; {less}" if less else ""), fit.note)
    elif less:
        ctx.mapping_notes[("flavor", flavor)] = (
            "IT301", less, "the target has no larger shape with this GPU count; plan for fewer "
            "pods per node (or more nodes) than on OVH")
    return fit.machine_type if fit else None


def unavailable_region(ctx: Ctx, code: str) -> tuple[str, str] | None:
    """(why, what to do) when the target's region table says it has no region where OVH
    region `code` is (a family whose `region` is null): its note says why, its
    `alternatives` which regions are nearest. None for a mapped or an unknown region."""
    family = region_family(code, ctx.tables)
    entry = ctx.tables.regions["families"].get(family) if family else None
    if not entry or entry.get("region"):
        return None
    cloud = ctx.words.get("cloud", ctx.target_name.upper())
    nearest = ", ".join(f"{a['region']} ({a['note']})" if a.get("note") else a["region"]
                        for a in entry.get("alternatives", ()))
    hint = (f"nearest {cloud} regions: {nearest}; " if nearest else "") + (
        f"a {cloud} region elsewhere moves the data to another country or continent (data "
        "residency, latency and the users' legal terms change): choose one only with the "
        f"owner's consent (a --mapping file giving `{ctx.target_name}/regions.json` "
        f"families.{family} a region and its zones), or keep this part on OVHcloud")
    return str(entry.get("note") or f"{cloud} has no region for {family}"), hint


def _placeholder(code: str) -> str:
    return str(todo(UNAVAILABLE, f"region {code}").value)


def region_mapper(ctx: Ctx, code: str) -> str | None:
    """region_of as a value mapper (variable defaults, module inputs): a region the target has
    none for becomes a placeholder, reported as an error where it is written."""
    if code.startswith(f"TODO({UNAVAILABLE})"):
        return code  # already refused (map_region): not a second time
    found = region_of(ctx, code)
    if found is not None:
        return found
    refused = unavailable_region(ctx, code)
    if refused is None:
        return None
    ctx.mapping_notes[("region", code)] = (UNAVAILABLE, refused[0], refused[1])
    return _placeholder(code)


def _refuse(ctx: Ctx, expr: E.Expr) -> E.Expr:
    """Literal regions of `expr` the target has no region for: an error each (IT364, with
    the table's reason) and a placeholder, never a silent move to another continent."""
    def fn(leaf: E.Expr) -> E.Expr | None:
        code = E.str_value(leaf) if isinstance(leaf, E.Literal) else None
        refused = unavailable_region(ctx, code) if code else None
        if code is None or refused is None:
            return None
        ctx.sink.add(UNAVAILABLE, leaf.span, f"OVH region `{code}`: {refused[0]}",
                     refused[1])
        return E.Literal(_placeholder(code), span=leaf.span)
    return E.transform(expr, fn)


def map_region(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    expr = _refuse(ctx, expr) if expr is not None else None
    out = map_value(expr, node, ctx, "region", lambda s: region_mapper(ctx, s))
    t = E.traversal(out) if out is not None else None
    if out is not None and (E.str_value(out) or t) and not (t and t[0] in ("each", "count")):
        # The first region seen in a module becomes the provider's default region (not one
        # read per instance: each.value.region means nothing in a provider block).
        ctx.default_region.setdefault(node.module, out)
    return out


def set_region(ctx: Ctx, node: N.Resource, b: TfBlock, source: E.Expr | None) -> None:
    """The first region of a module is its provider's; a regional resource elsewhere says
    `region` (the mapped OVH region)."""
    if source is None:
        return
    first = ctx.default_region.get(node.module)  # (before map_region may set it)
    mapped = map_region(ctx, node, source)
    if first is not None and mapped is not None and to_hcl(first) != to_hcl(mapped):
        b.set("region", mapped)
