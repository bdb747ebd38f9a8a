"""The migration report: per source object, what it became, how exactly, and its reversibility."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .api import (
    Inputs,
    Result,
    TargetFacts,
    TranslateOptions,
    source_model,
    target_facts,
    translate,
)
from .codes import Severity
from .diagnostics import Diagnostic, Sink
from .ir import nodes as N
from .runbook import Step, steps
from .span import Span

VERSION = 1
STATUSES = ("exact", "approximated", "manual", "unsupported", "not applicable")
CLASSES = ("core", "adapt", "specific")
# Codes that decide an entry's status, strongest first; other codes leave it "exact".
_STATUS_OF = (("unsupported", {"IT305"}), ("not applicable", {"IT310"}),
              ("manual", {"IT308", "IT309"}),
              ("approximated", {"IT301", "IT302", "IT303", "IT304", "IT311", "IT312", "IT313"}))


@dataclass(frozen=True)
class Entry:
    source: str  # Terraform address (its module is the directory of `span.file`)
    type: str
    span: Span
    became: tuple[str, ...]
    status: str
    reversibility: str
    rule: str  # the lowering that applied
    diagnostics: tuple[Diagnostic, ...]


@dataclass(frozen=True)
class Report:
    target: str
    entries: tuple[Entry, ...]
    unattached: tuple[Diagnostic, ...]  # diagnostics outside any source object
    runbook: tuple[Step, ...] = ()

    def totals(self, what: str) -> dict[str, int]:
        counts = Counter(getattr(e, what) for e in self.entries)
        keys = STATUSES if what == "status" else CLASSES
        return {k: counts.get(k, 0) for k in keys}


def build(inputs: Inputs, target: str = "gke", options: TranslateOptions | None = None
          ) -> tuple[Report, Result]:
    """Translate in memory and account for every resource, data source and module call."""
    result = translate(inputs, target, options)
    facts = target_facts(target)
    if facts.input != "terraform" or result.has_errors and not result.files:
        return Report(target, (), tuple(result.diagnostics)), result
    model = source_model(inputs, Sink())
    objects = [n for m in model.modules for n in m.nodes
               if isinstance(n, N.Resource | N.ModuleCall) and n.span is not None]
    attached: set[int] = set()
    entries = []
    for node in sorted(objects, key=lambda n: (n.span.file, n.span.line)):
        # Blocks do not nest, so a diagnostic inside one object's lines belongs to it alone.
        mine = [i for i, d in enumerate(result.diagnostics) if _inside(d.span, node.span)]
        attached.update(mine)
        became = tuple(sorted({addr for at, addr in result.trace if _inside(at, node.span)}))
        entries.append(_entry(node, tuple(result.diagnostics[i] for i in mine), became, facts))
    rest = tuple(d for i, d in enumerate(result.diagnostics) if i not in attached)
    return Report(target, tuple(entries), rest, tuple(steps(model))), result


def _inside(span: Span | None, outer: Span) -> bool:
    if span is None or span.file != outer.file:
        return False
    end = outer.end_line or outer.line
    return outer.line <= span.line <= end


def _entry(node: N.Node, diags: tuple[Diagnostic, ...], became: tuple[str, ...],
           facts: TargetFacts) -> Entry:
    table = facts.reversibility
    codes = {d.code for d in diags}
    status = next((s for s, cs in _STATUS_OF if codes & cs), "exact")
    if any(d.severity is Severity.ERROR for d in diags) and status == "exact":
        status = "manual"
    if isinstance(node, N.ModuleCall):
        return Entry(f"module.{node.name}", "module", node.span, became, status,
                     table["other_default"], "module call (local modules are translated)",
                     diags)
    assert isinstance(node, N.Resource)
    kind_class = table["kinds"].get(node.KIND)
    klass = kind_class or (table["ovh_default"] if node.type.startswith("ovh_")
                           else table["other_default"])
    rule = facts.rules.get(node.KIND, facts.fallback_rule)
    if node.KIND not in facts.rules and not node.type.startswith("ovh_"):
        rule = "passthrough (not an OVH resource)"
    return Entry(node.address, node.type, node.span, became, status, klass, rule,
                 diags)
