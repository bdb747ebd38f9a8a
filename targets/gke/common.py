"""GKE helpers: value mappers, naming and small expression builders shared by the lowerings."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..fit import fit_region
from ..tfbase.compute_family import shown
from ..tfbase.context import Ctx
from ..tfbase.fitmap import machine_type_of as machine_of
from ..tfbase.fitmap import map_region, region_of, zone_of

__all__ = ["machine_of", "map_region", "region_of", "zone_of"]
from ..tfbase.values import literal_str, map_value
from . import zones

PROJECT_VAR = "gcp_project_id"


def map_zone(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    return map_value(expr, node, ctx, "zone", lambda s: zone_of(ctx, s))


def first_zone(ctx: Ctx, node: N.Resource, region_expr: E.Expr | None) -> E.Expr | None:
    """A zone of the node's region: literal when the region is known, else a zones lookup."""
    code = literal_str(region_expr, node, ctx)
    fit = fit_region(code, ctx.tables) if code else None
    if fit and fit.zones:
        return E.Literal(fit.zones[0])
    return None


def zone_for(ctx: Ctx, node: N.Resource, region: E.Expr | None,
             zone: E.Expr | None) -> E.Expr:
    """The zone of a zonal resource: the mapped OVH zone, else the region's first zone (at
    plan time, from a zones lookup of the module, when the region is a variable)."""
    if region is None:
        region = openstack_region(ctx, node.module)
    # (map_region also records roles and reports unknown regions)
    mapped = map_region(ctx, node, region) if region is not None else None
    if zone is None and mapped is not None and zones.from_variable(region):
        lookup = zones.region_zone(ctx, node.module, mapped)
        if lookup is not None:
            # (IT301: the zone becomes a plan-time value, not one written from the default)
            at = region.span if region is not None and region.span else node.span
            ctx.sink.add("IT301", at, f"{node.address}: its region is a variable; the "
                         "zone is its first one, looked up at plan time (a zone written from "
                         "the default would not exist in another region)")
            return lookup
    found = map_zone(ctx, node, zone) if zone is not None else first_zone(ctx, node, region)
    if found is None:
        at = (zone if zone is not None else region)
        ctx.sink.add("IT304", at.span if at is not None and at.span else node.span,
                     f"the zone of {node.address} cannot be known from its region; a TODO "
                     "placeholder is written", "set the zone (a GCP zone of the mapped region)")
    # (naming what it is a zone of: a disk and the instance it attaches to, in one region,
    # ask for one zone, IT383)
    of = f" of OVH zone `{shown(zone)}`" if zone is not None else \
        f" in OVH region `{shown(region)}`" if region is not None else ""
    return found or E.Literal(f"TODO(IT304): zone{of}")


def openstack_region(ctx: Ctx, module: str) -> E.Expr | None:
    """The `region` of the module's (unaliased) `provider "openstack"`: where an OpenStack
    resource that names no region of its own lives."""
    for p in ctx.by_module.of_kind(module, N.Provider):
        if isinstance(p, N.Provider) and p.name == "openstack" and p.arg("alias") is None:
            return p.arg("region")
    return None


def name_value(node: N.Resource, u_expr: E.Expr | None) -> E.Expr:
    """The `name` to give a target resource: the source name, else the Terraform label."""
    if u_expr is not None:
        return u_expr
    return E.Literal(gcp_name(node.name))


def gcp_name(s: str, limit: int = 63) -> str:
    """A valid GCP resource name (lowercase letters, digits, hyphens; starts with a letter)."""
    out = re.sub(r"[^a-z0-9-]+", "-", s.lower()).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")


def self_ref(type_: str, node: N.Resource) -> str:
    return f"{type_}.{node.name}"


def project() -> E.Expr:
    """The GCP project id, from the provider configuration (works inside modules too)."""
    return E.ref("data.google_client_config.default.project")


def tpl(*parts: str | E.Expr) -> E.Template:
    """A template string from literal text and expressions (a string literal is text:
    `"u:${"key"}"` is `"u:key"`)."""
    out: list[E.TemplatePart] = []
    for p in parts:
        text = p if isinstance(p, str) else \
            p.value if isinstance(p, E.Literal) and isinstance(p.value, str) else None
        if text is not None and out and isinstance(out[-1], str):
            out[-1] += text
        elif text is not None:
            out.append(text)
        else:
            out.append(E.Interp(p))
    return E.Template(tuple(out))


def num(v: int | float) -> E.Literal:
    return E.Literal(v, str(v))


def strings(values: list[str]) -> E.Tuple:
    return E.Tuple(tuple(E.Literal(v) for v in values))


def bucket_location(region: E.Expr) -> E.Expr:
    """A GCS bucket location from a mapped region: upper-cased, as GCS writes it. GCS takes
    any case (the provider upper-cases it in state), so a region the source already passes
    through `lower()` or `upper()` is kept as written, not wrapped: `upper(lower(var.region))`
    computed the same value twice."""
    s = E.str_value(region)
    if s is not None:
        return E.Literal(s.upper())
    inner = E.unwrap(region)
    if isinstance(inner, E.Call) and inner.name in ("lower", "upper") and len(inner.args) == 1:
        return inner
    return E.Call("upper", (inner,))
