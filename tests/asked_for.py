"""Test helper: the variable an output asks for in place of a TODO placeholder (IT383)."""

from __future__ import annotations

import re


def asked_for(out: str, text: str) -> str:
    """The name of the required variable standing for the placeholder `TODO(ITxxx): text`:
    its description starts with `text`, it has no default and a value reads it."""
    pattern = rf'(?ms)^variable "(\w+)" \{{\n  description = "(?i:{re.escape(text[:1])})' \
        rf'{re.escape(text[1:])}[^"\n]*?, for .*?^\}}'
    m = re.search(pattern, out)
    assert m, f"no variable stands for {text!r} in:\n{out}"
    assert "\n  default" not in m.group(0), m.group(0)
    assert re.search(rf"\bvar\.{m.group(1)}\b", out), f"nothing reads var.{m.group(1)}"
    return m.group(1)
