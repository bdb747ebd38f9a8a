"""The rule catalogue: `iac-translate codes` and `iac-translate explain ITxxx` (rustc --explain)."""

from __future__ import annotations

import json
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli import EXIT_USAGE, main

if TYPE_CHECKING:  # (the code table is read by the commands, not at start-up)
    from .codes import Code


@cache
def examples() -> dict[str, dict[str, str]]:
    """A small input per code that produces it (compiler/code_examples.json); explain runs
    it, so the example's output is the translator's, never a copy that can drift."""
    path = Path(__file__).with_name("code_examples.json")
    data: dict[str, dict[str, str]] = json.loads(path.read_text(encoding="utf-8"))
    return data


def example_output(code: str) -> tuple[str, str] | None:
    """(input text, diagnostics the translator prints for it) of `code`'s example."""
    from . import render
    from .api import translate
    ex = examples().get(code)
    if ex is None:
        return None
    result = translate({ex["file"]: ex["source"]}, ex["target"])
    shown = [d for d in result.diagnostics if d.code == code]
    return ex["source"], render.text(shown, lambda rel: ex["source"] if rel == ex["file"]
                                     else None)


def explain_code(code: str) -> str:
    from .codes import CODES
    c = CODES[code]
    out = [f"{c.code} ({c.severity.value}): {c.summary}", "", c.detail]
    ex = example_output(code)
    if ex is not None:
        name = examples()[code]["file"]
        target = examples()[code]["target"]
        out += ["", f"Example: `{name}`, translated with --target {target}:", "",
                *("    " + line for line in ex[0].splitlines()), "", "prints:", "",
                *("    " + line for line in ex[1].splitlines())]
    out += ["", "All codes: `iac-translate codes` (docs/diagnostics.md)."]
    return "\n".join(out) + "\n"


def as_dict(c: Code) -> dict[str, str]:
    return {"code": c.code, "severity": c.severity.value, "summary": c.summary,
            "detail": c.detail}


@main.command("codes", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def codes_cmd(fmt: str) -> None:
    """List every diagnostic code with its severity and summary (`explain ITxxx` for more)."""
    from .codes import CODES
    if fmt == "json":
        click.echo(json.dumps({"version": 1, "codes": [as_dict(CODES[c]) for c in sorted(CODES)]},
                              indent=2, sort_keys=True))
        return
    for code in sorted(CODES):
        c = CODES[code]
        click.echo(f"{c.code}  {c.severity.value:<7}  {c.summary}")


def unknown(word: str, choices: list[str]) -> None:
    """An unknown code or type: usage error with the nearest names (exit 2)."""
    import difflib
    near = difflib.get_close_matches(word.upper() if word[:2].lower() == "it" else word,
                                     choices, n=3, cutoff=0.6)
    what = "diagnostic code" if word[:2].lower() == "it" and word[2:].isdigit() else \
        "OVH resource type or diagnostic code"
    click.echo(f"error: unknown {what} `{word}`"
               + (f"; did you mean {' or '.join(f'`{n}`' for n in near)}?" if near else
                  "; `iac-translate codes` lists the codes"), err=True)
    sys.exit(EXIT_USAGE)
