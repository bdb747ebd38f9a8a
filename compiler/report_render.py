"""Render a migration report as Markdown or as versioned JSON (schema: report.schema.json)."""

from __future__ import annotations

import json

from .report import CLASSES, STATUSES, VERSION, Report


def as_dict(report: Report) -> dict[str, object]:
    return {
        "version": VERSION,
        "target": report.target,
        "totals": {"status": report.totals("status"),
                   "reversibility": report.totals("reversibility")},
        "entries": [{
            "source": e.source, "type": e.type, "file": e.span.file, "line": e.span.line,
            "column": e.span.column, "became": list(e.became), "status": e.status,
            "reversibility": e.reversibility, "rule": e.rule,
            "diagnostics": [d.to_dict() for d in e.diagnostics],
        } for e in report.entries],
        "other_diagnostics": [d.to_dict() for d in report.unattached],
        "runbook": [{"source": s.source, "kind": s.kind, "commands": list(s.commands),
                     "notes": s.notes} for s in report.runbook],
    }


def as_json(report: Report) -> str:
    return json.dumps(as_dict(report), indent=2, sort_keys=True) + "\n"


def as_markdown(report: Report) -> str:
    status, klass = report.totals("status"), report.totals("reversibility")
    out = [f"# Migration report: OVHcloud to {report.target}", "",
           f"{len(report.entries)} source objects.", "",
           "| status | " + " | ".join(STATUSES) + " |",
           "| --- |" + " --- |" * len(STATUSES),
           "| objects | " + " | ".join(str(status[s]) for s in STATUSES) + " |", "",
           "An object is *exact* only when nothing was lost and its output passed the "
           "self-check (accepted names, resolved references, required arguments, no "
           "placeholder in place of a value, Kubernetes selectors, ports and references).",
           "",
           "| reversibility | " + " | ".join(CLASSES) + " |",
           "| --- |" + " --- |" * len(CLASSES),
           "| objects | " + " | ".join(str(klass[c]) for c in CLASSES) + " |", "",
           "## Objects", "",
           "| source | at | became | status | class | rule |",
           "| --- | --- | --- | --- | --- | --- |"]
    for e in report.entries:
        became = ", ".join(f"`{b}`" for b in e.became) or _nothing(e.status, bool(e.diagnostics))
        out.append(f"| `{e.source}` | {e.span} | {became} | {e.status} | {e.reversibility} "
                   f"| {e.rule} |")
    findings = [(e.source, d) for e in report.entries for d in e.diagnostics
                if d.code not in ("IT306", "IT307")]
    if findings:
        out += ["", "## What changed and what to decide", ""]
        out += [f"- `{src}` ({d.span}): {d.severity.value} {d.code}: {_md(d.message)}"
                + (f" (help: {_md(d.hint)})" if d.hint else "") for src, d in findings]
    rest = [d for d in report.unattached if d.code not in ("IT306", "IT307")]
    if rest:
        out += ["", "## Other findings", ""]
        out += [f"- {d.span or '-'}: {d.severity.value} {d.code}: {_md(d.message)}"
                for d in rest]
    if report.runbook:
        out += ["", "## Data-move runbook", "",
                "Credentials are environment variables you set; none is printed here."]
        for step in report.runbook:
            out += ["", f"### {step.kind}: `{step.source}`", "", step.notes, "", "```sh",
                    *step.commands, "```"]
    return "\n".join(out) + "\n"


def _nothing(status: str, findings: bool) -> str:
    """What an entry that emitted no object of its own became."""
    if status == "unsupported":
        return "(TODO placeholder: a human decides)"
    if status == "not applicable":
        return "(omitted)"
    return "(not emitted: see the findings)" if findings else "(merged into another object)"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
