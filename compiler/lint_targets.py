"""What lint says of a region or flavor literal, in the words of the targets it is checked for."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from .target_data import TargetData


@dataclass(frozen=True)
class Tables:
    """The targets a lint run checks literals against (`chosen`: one named by --target)."""

    names: tuple[str, ...]
    chosen: bool
    data_of: Callable[[str], TargetData] = field(repr=False)

    @cached_property
    def targets(self) -> tuple[TargetData, ...]:
        """Read on the first literal to check: a run with none loads no target table."""
        return tuple(self.data_of(t) for t in self.names)

    def region_gap(self, code: str) -> str:
        """"" when every target maps OVH region `code`, else what lacks it (to append)."""
        missing = [t for t in self.targets if t.region_of(code) is None]
        return self._gap(missing, "region", "regions")

    def flavor_gap(self, name: str) -> str:
        """"" when every target has a machine for OVH flavor `name`, else what lacks one."""
        missing = [t for t in self.targets if t.machine_of(name) is None]
        if missing and len(missing) == len(self.targets) and not self.chosen:
            return self.unknown()  # as before targets had tables of their own
        return self._gap(missing, "flavor", "machine_types").removeprefix(", which ")

    def unknown(self) -> str:
        """A flavor the shared OVH table does not list: no target can size it."""
        if self.chosen:
            t = self.targets[0]
            return f"has no {t.noun('cloud')} equivalent: it is not in data/ovh_flavors.json"
        return "has no known equivalent in any target"

    def _gap(self, missing: list[TargetData], what: str, table: str) -> str:
        if not missing:
            return ""
        if self.chosen or len(missing) == 1:
            t = missing[0]
            return f", which has no {t.noun(what)} in {t.file(table)}"
        return ", which no target maps (" + ", ".join(t.file(table) for t in missing) + ")"
