"""The migration report: per source object, what it became, how exactly, and its reversibility."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from . import guard, report_model
from .api import (
    Inputs,
    Result,
    TargetFacts,
    TranslateOptions,
    keeping_model,
    target_facts,
    translate,
)
from .codes import CODES, Severity
from .diagnostics import Diagnostic, Sink
from .runbook import Step
from .span import Span

VERSION = 1
STATUSES = ("exact", "approximated", "manual", "unsupported", "not applicable")
CLASSES = ("core", "adapt", "specific")
# Codes that decide an entry's status, strongest first; other codes leave it "exact".
_STATUS_OF = (("unsupported", {"IT305"}), ("not applicable", {"IT310"}),
              ("manual", {"IT308", "IT309", "IT383"}),  # IT383: a variable to set
              ("approximated", {"IT301", "IT302", "IT303", "IT304", "IT311", "IT312", "IT313"}))
# The output self-check (names, references, required arguments, placeholders, Kubernetes
# links) and the source's own undefined references: an object with one is never "exact".
SELF_CHECK = frozenset({c for c, v in CODES.items() if v.summary.startswith("self-check:")}
                       | {"IT235"})


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
    return guard.call(lambda: _build(inputs, target, options),
                      lambda d: (Report(target, (), (d,)), Result({}, [d])))


def _build(inputs: Inputs, target: str, options: TranslateOptions | None
           ) -> tuple[Report, Result]:
    with keeping_model():  # the objects are read from the model translate() built
        result = translate(inputs, target, options)
        facts = target_facts(target)
        if result.has_errors and not result.files:
            return Report(target, (), tuple(result.diagnostics)), result
        if facts.input == "ai":
            files = _ai_files(inputs)
            entries, attached = _ai_entries(files, result, facts)
            return Report(target, tuple(entries), _rest(result, attached)), result
        est = _estate(inputs)
        if est is not None:
            return _estate_report(est, target, options, result, facts), result
        objects, runbook = report_model.facts(inputs, target)
    entries, attached = _tf_entries(objects, result, facts)
    return Report(target, tuple(entries), _rest(result, attached), tuple(runbook)), result


def _estate(inputs: Inputs) -> Any:
    """The estate a translation of `inputs` covered (several roots, or workloads), or None."""
    if isinstance(inputs, dict):
        return None
    from . import estate
    found = estate.discover(inputs if isinstance(inputs, list) else [inputs], Sink(), set())
    if found is None or found.flat or not (found.roots or found.workloads):
        return None
    return found


def _estate_report(est: Any, target: str, options: TranslateOptions | None, result: Result,
                   facts: TargetFacts) -> Report:
    """One report for the platform (every root's objects) and the workloads beside it."""
    import posixpath

    from .frontends import loader
    objects: list[report_model.Object] = []
    runbook: list[Step] = []
    for root in est.roots:
        found, steps = report_model.facts([est.base / root], target)
        top = loader.resolve_inputs([est.base / root], Sink(), modules=True)
        rebase = posixpath.relpath(top[1].as_posix(), est.base.as_posix()) if top else root
        objects += [o if rebase == "." else replace(o, span=o.span._replace(
            file=posixpath.normpath(posixpath.join(rebase, o.span.file)))) for o in found]
        runbook += steps
    objects.sort(key=lambda o: (o.span.file, o.span.line))
    entries, attached = _tf_entries(objects, result, facts)
    ai_target = (options.workloads if options else "k8s") or "k8s"
    more, also = _ai_entries(dict(est.workloads), result, target_facts(ai_target))
    return Report(target, tuple(entries + more), _rest(result, attached | also),
                  tuple(runbook))


def _rest(result: Result, attached: set[int]) -> tuple[Diagnostic, ...]:
    return tuple(d for i, d in enumerate(result.diagnostics) if i not in attached)


def _tf_entries(objects: list[report_model.Object], result: Result, facts: TargetFacts
                ) -> tuple[list[Entry], set[int]]:
    owned = _assign(result.diagnostics, [n.span for n in objects])
    produced = _Produced(result.trace)
    entries = []
    for k, node in enumerate(objects):
        became = tuple(sorted(produced.within(node.span)))
        diags = tuple(result.diagnostics[i] for i in owned.get(k, []))
        entries.append(_entry(node, diags, became, facts))
    return entries, {i for found in owned.values() for i in found}


def _ai_files(inputs: Inputs) -> dict[str, str]:
    from .frontends import ai_sources
    return dict(inputs) if isinstance(inputs, dict) else ai_sources.collect(
        list(inputs if isinstance(inputs, list) else [inputs]), Sink())


def _ai_entries(files: dict[str, str], result: Result, facts: TargetFacts
                ) -> tuple[list[Entry], set[int]]:
    """Entries for AI apps, jobs and notebooks, and for manifests exported from MKS."""
    from .frontends import ai_sources
    quiet = Sink()
    exports: dict[str, list] = {}
    workloads = ai_sources.read_all(files, quiet, exports)
    table = facts.reversibility
    sources = [(f"{w.kind} {w.name or '(unnamed)'}", f"ovhai {w.kind}", w.span,
                table["ai_workloads"][w.kind], "k8s objects.build") for w in workloads]
    sources += [("/".join((str(i.obj.get("kind", "")), str((i.obj.get("metadata") or {})
                                                             .get("name", "")))),
                 "exported manifest", i.span, table["exported_manifest"], "k8s export.clean")
                for items in exports.values() for i in items]
    sources.sort(key=lambda s: (s[2].file, s[2].line))
    owned = _assign(result.diagnostics, [s[2] for s in sources])
    at_span: dict[Span, set[str]] = {}
    for at, addr in result.trace:
        at_span.setdefault(at, set()).add(addr)
    entries = []
    for k, (label, type_, span, klass, rule) in enumerate(sources):
        diags = tuple(result.diagnostics[i] for i in owned.get(k, []))
        became = tuple(sorted(at_span.get(span, ())))
        status = _status(diags)
        if status == "not applicable" and type_ != "exported manifest":
            status = "approximated"  # IT310 on a workload concerns one flag, not the whole
        entries.append(Entry(label, type_, span, became, status, klass, rule, diags))
    return entries, {i for found in owned.values() for i in found}


def _status(diags: tuple[Diagnostic, ...]) -> str:
    codes = {d.code for d in diags}
    status = next((s for s, cs in _STATUS_OF if codes & cs), "exact")
    if status == "exact" and codes & SELF_CHECK:  # "exact" means: passes the self-check
        failed = any(d.code in SELF_CHECK and d.severity is Severity.ERROR for d in diags)
        return "manual" if failed else "approximated"
    if status == "exact" and any(d.severity is Severity.ERROR for d in diags):
        return "manual"
    if status == "exact" and any(d.code.startswith("IT3") and d.severity is Severity.WARNING
                                 for d in diags):
        return "approximated"  # any other reported loss in the mapping
    return status


def _assign(diags: list[Diagnostic], spans: list[Span]) -> dict[int, list[int]]:
    """Diagnostic indexes per source object: the latest-starting object whose lines hold the
    diagnostic (a document's span may run up to the line where the next one starts); the
    first such object when several start on that line."""
    per_file: dict[str, list[tuple[int, int, int]]] = {}  # file -> (start, index, end)
    for k, span in enumerate(spans):
        per_file.setdefault(span.file, []).append((span.line, k, span.end_line or span.line))
    starts: dict[str, list[int]] = {}
    reach: dict[str, list[int]] = {}  # the furthest end among the objects starting so far
    for f, row in per_file.items():
        row.sort()
        starts[f] = [line for line, _, _ in row]
        furthest, acc = 0, []
        for _, _, end in row:
            furthest = max(furthest, end)
            acc.append(furthest)
        reach[f] = acc
    owned: dict[int, list[int]] = {}
    for i, d in enumerate(diags):
        if d.span is None or d.span.file not in per_file:
            continue
        row, line = per_file[d.span.file], d.span.line
        j = bisect_right(starts[d.span.file], line) - 1
        found: tuple[int, int] | None = None  # (start, index) of the holder so far
        # Walk back from the latest start; stop once nothing earlier reaches this line.
        while j >= 0 and reach[d.span.file][j] >= line:
            start, k, end = row[j]
            if found is not None and start < found[0]:
                break
            if end >= line:
                found = (start, k)
            j -= 1
        if found is not None:
            owned.setdefault(found[1], []).append(i)
    return owned


class _Produced:
    """Trace entries (source span, target address) by file, sorted by line."""

    def __init__(self, trace: tuple[tuple[Span | None, str], ...]) -> None:
        self.rows: dict[str, list[tuple[int, str]]] = {}
        for at, addr in trace:
            if at is not None:
                self.rows.setdefault(at.file, []).append((at.line, addr))
        for row in self.rows.values():
            row.sort()
        self.lines = {f: [line for line, _ in row] for f, row in self.rows.items()}

    def within(self, outer: Span) -> set[str]:
        """Addresses produced from a line of `outer`."""
        lines = self.lines.get(outer.file)
        if not lines:
            return set()
        lo = bisect_left(lines, outer.line)
        hi = bisect_right(lines, outer.end_line or outer.line)
        return {addr for _, addr in self.rows[outer.file][lo:hi]}


def _entry(node: report_model.Object, diags: tuple[Diagnostic, ...], became: tuple[str, ...],
           facts: TargetFacts) -> Entry:
    table = facts.reversibility
    status = _status(diags)
    if node.type == "module":
        return Entry(node.address, "module", node.span, became, status,
                     table["other_default"], "module call (local modules are translated)",
                     diags)
    klass = facts.class_of(node.kind, node.type)
    rule = facts.rules.get(node.kind, facts.fallback_rule)
    if node.kind not in facts.rules and not node.type.startswith("ovh_"):
        rule = "passthrough (not an OVH resource)"
    return Entry(node.address, node.type, node.span, became, status, klass, rule,
                 diags)
