"""Scaleway helpers shared by the lowerings: region, zone and node-type mappers, Scaleway names."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..fit import fit_region
from ..tfbase import notes
from ..tfbase.context import Ctx
from ..tfbase.fitmap import fit_of, map_region, region_of, zone_of
from ..tfbase.fitmap import machine_type_of as node_type_of
from ..tfbase.shipped import shipped

__all__ = ["fit_of", "map_region", "node_type_of", "region_of", "zone_of"]

SCALEWAY = {"source": "scaleway/scaleway", "version": "~> 2.81"}


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


def scw_name(s: str, limit: int = 63) -> str:
    """A name Scaleway resources accept: lowercase letters, digits, hyphens, a letter first."""
    out = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", s.lower())).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")


def zones_in(ctx: Ctx, region: str) -> tuple[str, ...]:
    """The zones of Scaleway region `region` (fr-par -> fr-par-1, ...) in the regions table."""
    for fam in ctx.tables.regions.get("families", {}).values():
        if fam.get("region") == region and fam.get("zones"):
            return tuple(fam["zones"])
    return ()


PLATFORM = "scaleway/platform.json"


def platform() -> dict[str, Any]:
    """scaleway/platform.json: the Scaleway target's choices that are data (backend shape,
    gateway and load balancer types by OVH model/flavor, diagnostics' words)."""
    return shipped(PLATFORM)


def note(ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None:
    """Report the diagnostic `key` of scaleway/platform.json's notes."""
    notes.say(ctx, platform()["notes"], key, span, **values)


def private_network_of(ctx: Ctx, module: str, subnet: E.Expr | None,
                       network: E.Expr | None) -> E.Expr | None:
    """Which OVH expression a Scaleway Private Network id is read from, `subnet` having been
    chosen: each OVH subnet is a Private Network of its own, but a subnet read from an object
    the translation maps to nothing (the ovh_cloud_project_network_private_subnets lookup)
    would leave a TODO id where a lookup of the network itself translates."""
    if subnet is None or _maps(ctx, subnet, module) or not _maps(ctx, network, module):
        return subnet if subnet is not None else network
    return network


def _maps(ctx: Ctx, expr: E.Expr | None, module: str) -> bool:
    """The object `expr` reads becomes something on Scaleway (an unmapped one's entry has
    neither an address nor rules: every read of it is an IT206 placeholder)."""
    node = ctx.resolve(expr, module)
    target = ctx.refmap.get(ctx.key_of(node)) if node is not None else None
    return target is not None and (target.self_ref is not None or bool(target.rules))
