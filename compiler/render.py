"""Render diagnostics as text (file:line:col, source line and caret) or as stable JSON."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from .codes import CODES
from .diagnostics import Diagnostic
from .secrets import redact

SourceLookup = Callable[[str], str | None]
# Findings about credentials never quote their source line: CI logs must not show the value.
_NO_SNIPPET = {"IT222", "IT312", "IT314", "IT315", "IT316", "IT317"}


def text(diags: list[Diagnostic], source: SourceLookup | None = None, color: bool = False,
         verbose: bool = False) -> str:
    return "".join(text_chunks(diags, source, color, verbose))


def text_chunks(diags: list[Diagnostic], source: SourceLookup | None = None,
                color: bool = False, verbose: bool = False) -> Iterator[str]:
    """The text rendering, one diagnostic (with its newline) at a time: a writer need not
    hold the whole text (13 MB at 20,000 resources) at once."""
    # Each file is looked up and split once per call: thousands of diagnostics on one file
    # must not re-read it each time (that was quadratic). Sorted diagnostics (the usual
    # case) come file after file: only the current file's lines are kept, not every line of
    # every input (30 MB at 20,000 resources, the peak of a translation).
    files = [d.span.file for d in diags if d.span]
    one_at_a_time = all(a <= b for a, b in zip(files, files[1:]))
    cache: dict[str, list[str] | None] = {}

    def lines_of(rel: str) -> list[str] | None:
        if rel not in cache:
            if one_at_a_time:
                cache.clear()
            body = source(rel) if source else None
            cache[rel] = body.splitlines() if body is not None else None
        return cache[rel]
    for d in diags:
        where = str(d.span) if d.span else "<input>"
        sev = d.severity.value
        if color:
            sev = {"error": "\x1b[31merror\x1b[0m", "warning": "\x1b[33mwarning\x1b[0m",
                   "info": "\x1b[36minfo\x1b[0m"}[sev]
        # One string per diagnostic, not per line: a third as many objects alive with the
        # text they are joined into.
        lines = [f"{where}: {sev}[{d.code}]: {d.message}"]
        snippet = _snippet(d, lines_of) if source and d.span and d.code not in _NO_SNIPPET \
            else None
        if snippet:
            lines.extend(snippet)
        if d.hint:
            lines.append(f"  = help: {d.hint}")
        if verbose:
            lines.append(f"  = note: {CODES[d.code].detail}")
        lines.append("")
        yield "\n".join(lines)


def _snippet(d: Diagnostic, lines_of: Callable[[str], list[str] | None]) -> list[str] | None:
    assert d.span is not None
    lines = lines_of(d.span.file)
    if lines is None or d.span.line < 1 or d.span.line > len(lines):
        return None
    line = redact(lines[d.span.line - 1])
    gutter = f"{d.span.line:>4} | "
    width = 1
    if d.span.end_line == d.span.line and d.span.end_column > d.span.column:
        width = d.span.end_column - d.span.column
    caret = " " * (len(gutter) + d.span.column - 1) + "^" * max(1, min(width, 80))
    return [gutter + line, caret]


def as_json(diags: list[Diagnostic], files: list[str] | None = None) -> str:
    doc = {"version": 1, "diagnostics": [d.to_dict() for d in diags]}
    if files is not None:
        doc["files"] = sorted(files)
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def golden_line(d: Diagnostic) -> str:
    """The stable one-line form stored in golden diagnostics files."""
    where = str(d.span) if d.span else "-"
    hint = f" (help: {d.hint})" if d.hint else ""
    return f"{d.severity.value} {d.code} {where} {d.message}{hint}"
