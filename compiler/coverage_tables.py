"""What each target does with each OVH argument: the neutral tables joined with the targets' ones.

An OVH argument has one neutral destination or an OVH-only reason (compiler/passes/fields_*.json);
a target says what it does with each neutral field (targets/<t>/fields.json, its `except` naming
the arguments it treats otherwise). `explain` and docs/coverage.md read nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .passes import fields
from .target_data import data_of

# How a cell's status reads in docs/coverage.md and explain's text.
LABEL = {"exact": "exact", "approximated": "approximated", "unsupported": "unsupported",
         "not_applicable": "n/a", "ovh_only": "OVH-only"}
_MODES = (("resources", "managed"), ("data_sources", "data"), ("blocks", "block"))


@dataclass(frozen=True)
class Row:
    """One OVH argument (or a type placed whole: argument "") and its neutral reading."""

    mode: str  # managed, data (a data source), block (provider.ovh, backend.s3...)
    type: str
    argument: str  # a path (block.arg) for nested arguments; "" for a whole type
    to: str  # "<SpecClass>.<field>[.<part>]", or "" when OVH-only or placed whole
    kind: str  # "to", "ovh_only" or "no_concept"
    why: str  # the OVH-only reason, or what a type with no neutral concept is

    @property
    def key(self) -> str:
        """The argument as fields.neutral_fields and a target's `except` name it."""
        return f"{'data.' if self.mode == 'data' else ''}{self.type}.{self.argument}"

    @property
    def neutral(self) -> str:
        """The neutral column: the field, or why there is none."""
        return {"to": self.to, "ovh_only": "OVH-only", "no_concept": "no neutral concept"}[
            self.kind]


@dataclass(frozen=True)
class Cell:
    """What one target does with one row."""

    status: str  # exact, approximated, unsupported, not_applicable, or ovh_only
    code: str | None  # the diagnostic the lowering gives
    to: str  # the target arguments or resources it becomes ("nothing")
    note: str  # what differs, or the OVH-only reason

    @property
    def label(self) -> str:
        return " ".join(x for x in (LABEL[self.status], self.code) if x)


@cache
def rows() -> tuple[Row, ...]:
    """Every OVH argument of every type the tables place, and every type placed whole."""
    out: list[Row] = []
    for section, mode in _MODES:
        for type_, args in sorted(fields.section(section).items()):
            for arg, dest in sorted(args.items()):
                kind = "to" if "to" in dest else "ovh_only"
                out.append(Row(mode, type_, arg, dest.get("to", ""), kind,
                               dest.get("ovh_only", "")))
        if mode != "block":
            for type_, entry in sorted(fields.whole(mode).items()):
                kind, why = next(iter(entry.items()))
                out.append(Row(mode, type_, "", "", kind, why))
    return tuple(sorted(out, key=lambda r: (r.mode != "managed", r.mode, r.type, r.argument)))


def rows_of(type_: str, mode: str = "managed") -> list[Row]:
    return [r for r in rows() if r.type == type_ and r.mode == mode]


def cell(row: Row, target: str) -> Cell:
    """What `target` does with `row`, from its fields table."""
    data = data_of(target)
    if not row.argument:  # a type placed whole: the target says what it does with such types
        entry = data.whole[row.kind]
    elif row.kind == "ovh_only":
        return Cell("ovh_only", None, "nothing", row.why)
    else:
        field = data.fields[fields.field_of(row.to)]
        entry = field.get("except", {}).get(row.key, field)
    return Cell(entry["status"], entry.get("code"), entry["to"], entry.get("note", ""))


def type_status(cells: list[Cell]) -> str:
    """A type's status from its arguments' (OVH-only ones aside): exact or approximated when
    every argument is carried so, partial when some are not, else the status they share."""
    said = {c.status for c in cells if c.status != "ovh_only"} or {"not_applicable"}
    if said <= {"exact"}:
        return "exact"
    if said <= {"exact", "approximated"}:
        return "approximated"
    if said & {"exact", "approximated"}:
        return "partial"
    return "unsupported" if "unsupported" in said else "not_applicable"
