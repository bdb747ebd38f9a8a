"""OVH region codes read once into a neutral geography (metro area, country), for any target."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .reader import Reader


@dataclass(frozen=True)
class Geo:
    """Where an OVH region is. `metro` is the OVH location family (GRA, SBG, EU-WEST-PAR...):
    every target's region table is keyed by it and picks its nearest region from there."""

    code: str  # as written, upper-cased (GRA11, EU-WEST-PAR)
    metro: str
    country: str
    city: str
    kind: str  # "short" (GRA), "openstack" (GRA11), "3az" (EU-WEST-PAR)...


@dataclass(frozen=True)
class Location:
    """An OVH `region` argument: its geography when literal (or through a default/local),
    else only the expression, which a target must map at plan time or report."""

    source: E.Expr | None
    geo: Geo | None = None
    text: str | None = None  # the literal text, known or not in the table

    @property
    def unknown_code(self) -> bool:
        """A literal region code the OVH table does not list."""
        return self.text is not None and self.geo is None


def geo_of(code: str, regions: Mapping[str, Any]) -> Geo | None:
    """`GRA11` -> Geo(metro GRA); also the family with a trailing number stripped."""
    up = code.strip().upper()
    table: Mapping[str, Any] = regions["regions"]
    entry = table.get(up) or table.get(re.sub(r"-?\d+$", "", up))
    if entry is None:
        return None
    return Geo(up, str(entry["family"]), str(entry.get("country", "")),
               str(entry.get("location", "")), str(entry.get("kind", "")))


def read_location(r: Reader, node: N.Resource, expr: E.Expr | None) -> Location:
    text = r.literal(expr, node) if expr is not None else None
    return Location(expr, geo_of(text, r.ovh_regions) if text else None, text)
