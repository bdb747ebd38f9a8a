"""What the reports (explain, coverage, lint) know of a Terraform target: its data, not its code."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any


@dataclass(frozen=True)
class TargetData:
    """One Terraform target's tables as the compiler reads them (built by api.target_data)."""

    name: str  # "gke"
    words: dict[str, str]  # the target's Ctx.words: "cloud", "region", "flavor"...
    fields: dict[str, dict[str, Any]]  # targets/<t>/fields.json "fields"
    whole: dict[str, dict[str, Any]]  # its "whole": ovh_only, no_concept
    region_of: Callable[[str], str | None] = field(repr=False)  # OVH region -> its region
    machine_of: Callable[[str], str | None] = field(repr=False)  # OVH flavor -> machine type

    def file(self, table: str) -> str:
        """Where a table of the target lives (`regions` -> targets/eks/regions.json)."""
        return f"targets/{self.name}/{table}.json"

    def noun(self, what: str) -> str:
        """`region` -> "AWS region": the target's words without article and example."""
        text = self.words.get(what, f"{self.words.get('cloud', self.name)} {what}")
        return re.sub(r"^(an?|the)\s+|\s*\(.*\)$", "", text)


@cache
def terraform_targets() -> tuple[str, ...]:
    """The targets with a fields table (targets/<t>/fields.json), in registry order."""
    from .api import available_targets, target_data
    return tuple(t for t in available_targets() if target_data(t) is not None)


@cache
def data_of(target: str) -> TargetData:
    """The data of a Terraform target (cached: the tables are read once per process)."""
    from .api import target_data
    found = target_data(target)
    if found is None:
        raise KeyError(f"{target} has no fields table (targets/{target}/fields.json)")
    return found
