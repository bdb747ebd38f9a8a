"""AKS helpers shared by the lowerings: region, zone and VM-size mappers, Azure names."""

from __future__ import annotations

import re

from ..fit import fit_region
from ..tfbase.context import Ctx
from ..tfbase.fitmap import fit_of, map_region, region_of, zone_of
from ..tfbase.fitmap import machine_type_of as vm_size_of

__all__ = ["fit_of", "map_region", "region_of", "vm_size_of", "zone_of"]

AZURERM = {"source": "hashicorp/azurerm", "version": "~> 4.55"}


def zones_of(ctx: Ctx, code: str) -> tuple[str, ...]:
    fit = fit_region(code, ctx.tables)
    return fit.zones if fit else ()


def az_name(s: str, limit: int = 63) -> str:
    """A name most Azure resources accept: lowercase letters, digits, hyphens, a letter first."""
    out = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", s.lower())).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")
