"""`explain`: what a target does with an OVH type, argument by argument, from the tables."""

from __future__ import annotations

from dataclasses import dataclass

from . import coverage_tables as C
from . import guard
from .api import target_facts, translate
from .codes import CODES
from .explain_probe import probe
from .frontends import ovh_types


@dataclass(frozen=True)
class ArgRule:
    name: str
    required: bool
    status: str  # exact, approximated, unsupported, not_applicable, ovh_only
    detail: str  # what differs on the target, or why the argument means nothing off OVH
    field: str  # the neutral field ("" when OVH-only)
    code: str | None  # the diagnostic the lowering gives
    to: str  # what it becomes on the target ("nothing")


@dataclass(frozen=True)
class Explanation:
    type: str
    target: str
    status: str  # of the type: exact, approximated, partial, unsupported, not_applicable
    rule: str
    reversibility: str
    becomes: tuple[str, ...]  # what a probe with the required arguments became
    args: tuple[ArgRule, ...]
    neutral: str = ""  # for a type placed whole: why it has no neutral fields


def known_types() -> list[str]:
    """OVH resource types, then data sources as `data.<type>` (both explainable)."""
    s = ovh_types.schema()
    return sorted(s["resources"]) + [f"data.{t}" for t in sorted(s["data_sources"])]


@guard.raising
def explain(type_: str, target: str = "gke") -> Explanation | None:
    """What `target` does with each argument of OVH resource type `type_` (a data source:
    `data.<type>`): its neutral field (compiler/passes/fields_*.json), then the target's
    status, code and note for that field (targets/<t>/fields.json).  One probe translation
    says what a resource type becomes."""
    mode = "data" if type_.startswith("data.") else "managed"
    name = type_.removeprefix("data.")
    block = ovh_types.type_schema(name, mode) if name.startswith("ovh_") else None
    if block is None:
        return None
    facts = target_facts(target)
    kind = ovh_types.classify(name, mode)[0].KIND
    rows = {r.argument: r for r in C.rows_of(name, mode)}
    whole = rows.get("")
    args = []
    for arg, flag in sorted(block.get("args", {}).items()):
        if arg == "id" and flag != "required" and mode == "managed":
            continue  # the computed id, settable for imports
        row = whole or rows.get(arg)
        if row is None:  # a block argument the tables place by its parts only
            continue
        c = C.cell(row, target)
        # The table's note says what differs; without one, what its diagnostic means.
        detail = c.note or (CODES[c.code].summary if c.code in CODES else "")
        args.append(ArgRule(arg, flag == "required", c.status, detail,
                            row.to if row.argument else "", c.code, c.to))
    status = (C.cell(whole, target).status if whole
              else C.type_status([C.Cell(a.status, a.code, a.to, a.detail) for a in args]))
    return Explanation(type_, target, status, facts.rules.get(kind, facts.fallback_rule),
                       facts.class_of(kind, name), _becomes(name, target) if mode == "managed"
                       else (), tuple(args),
                       f"{whole.neutral}: {whole.why}" if whole else "")


def _becomes(type_: str, target: str) -> tuple[str, ...]:
    p = probe(type_)
    result = translate({"main.tf": p.text}, target)
    # What the probed resource became (its parents' objects are not its own).
    return tuple(sorted({addr for span, addr in result.trace
                         if span is None or span.line >= p.header}))
