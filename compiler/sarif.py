"""Render diagnostics as a SARIF 2.1.0 log, the format GitHub code scanning reads."""

from __future__ import annotations

import json
from importlib import metadata

from .codes import CODES
from .diagnostics import Diagnostic

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _version() -> str:
    try:
        return metadata.version("iac-translate")
    except metadata.PackageNotFoundError:  # running from a source tree
        return "0+unknown"


def as_sarif(diags: list[Diagnostic], uri_prefix: str = "", base_uri: str = "") -> str:
    """One run whose results carry each diagnostic's code, level, message and region.

    `uri_prefix` is prepended to span files so that artifact URIs are relative to %SRCROOT%
    (the CLI's: the current directory, the repository root in CI), as code scanning expects;
    `base_uri` (a file:// URI ending in /) says where %SRCROOT% is (originalUriBaseIds).
    """
    used = sorted({d.code for d in diags})
    index = {code: i for i, code in enumerate(used)}
    rules = [_rule(code) for code in used]
    results = [_result(d, index[d.code], uri_prefix) for d in diags]
    run: dict[str, object] = {
        "tool": {"driver": {"name": "iac-translate", "version": _version(), "rules": rules}},
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if base_uri:
        run["originalUriBaseIds"] = {"%SRCROOT%": {"uri": base_uri}}
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, sort_keys=True) + "\n"


def _rule(code: str) -> dict[str, object]:
    entry = CODES[code]
    return {
        "id": code,
        "name": "".join(w.capitalize() for w in entry.summary.replace("-", " ").split()),
        "shortDescription": {"text": entry.summary},
        "fullDescription": {"text": entry.detail},
        "help": {"text": f"{code}: {entry.detail} (all codes: docs/diagnostics.md)"},
        "defaultConfiguration": {"level": _LEVEL[entry.severity.value]},
    }


def _result(d: Diagnostic, rule_index: int, uri_prefix: str) -> dict[str, object]:
    text = d.message + (f" (help: {d.hint})" if d.hint else "")
    result: dict[str, object] = {"ruleId": d.code, "ruleIndex": rule_index,
                                 "level": _LEVEL[d.severity.value], "message": {"text": text}}
    s = d.span
    if s is not None:
        region: dict[str, int] = {"startLine": s.line, "startColumn": s.column}
        if s.end_line > s.line or (s.end_line == s.line and s.end_column > s.column):
            region.update(endLine=s.end_line, endColumn=s.end_column)
        result["locations"] = [{"physicalLocation": {
            "artifactLocation": {"uri": uri_prefix + s.file, "uriBaseId": "%SRCROOT%"},
            "region": region}}]
    return result
