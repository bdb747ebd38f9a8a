"""What the reports (explain, coverage, lint) know of a Terraform target: its data, not its code."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
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


@cache
def _name_styles(target: str) -> dict[str, dict[str, Any]]:
    """targets/<t>/naming.json read as data: resource argument -> its naming style."""
    try:
        text = resources.files("iac_translate.targets").joinpath(
            f"{target}/naming.json").read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return {}
    doc = json.loads(text)
    return {arg: doc["styles"][style] for arg, style in doc.get("fields", {}).items()}


def target_name(target: str, argument: str, name: str) -> str:
    """The name `target` writes for `argument` (e.g. "aws_db_instance.identifier") given a
    source name or Terraform label: its naming style (targets/<t>/naming.json) applied as the
    self-check applies it to a literal. A shell variable (`${X}`) is left as it is; names
    long enough to need a hash suffix are cut (runbook labels are short identifiers)."""
    style = _name_styles(target).get(argument)
    if style is None or name.startswith("${"):
        return name
    out = name.lower() if style.get("lowercase") else name
    for rule in style.get("reserved", ()):
        out = re.sub(rule["pattern"], rule["replace"], out)
    out = re.sub(f"(?:{style['invalid']})+", "-", out)
    out = re.sub(r"^[^a-z0-9]+|[^a-z0-9]+$", "", out)
    first = style["pattern"][1:style["pattern"].index("]") + 1]
    if not out or not re.match(first, out[0]):
        out = style.get("prefix", "") + out
    return out[:style["max"]].rstrip("-._")
