"""Generate docs/diagnostics.md from the code table (`python -m iac_translate.compiler.docs`)."""

from __future__ import annotations

import sys

from .codes import CODES

_RANGES = (("IT0", "Input and output"), ("IT1", "Syntax"), ("IT2", "Source semantics"),
           ("IT3", "Mapping to the target"), ("IT9", "Internal"))


def markdown() -> str:
    lines = ["# Diagnostic codes", "",
             "Generated from `compiler/codes.py` by `python -m iac_translate.compiler.docs`; "
             "do not edit by hand.", "",
             "Each diagnostic prints as `file:line:col: severity[CODE]: message`. Errors make "
             "the exit code 1 (see the README); `--fail-on warning` also fails on warnings.", ""]
    for prefix, title in _RANGES:
        lines += [f"## {title} ({prefix}xx)", "", "| code | severity | summary | meaning |",
                  "| --- | --- | --- | --- |"]
        for code in sorted(c for c in CODES if c.startswith(prefix)):
            c = CODES[code]
            lines.append(f"| {c.code} | {c.severity.value} | {c.summary} | {c.detail} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown())
