"""Lark grammars shipped with iac-translate and their loader."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lark import Lark


@cache
def parser(name: str) -> Lark:
    """The LALR parser of `grammars/<name>.lark` (built once per process)."""
    text = resources.files("iac_translate.grammars").joinpath(f"{name}.lark").read_text("utf-8")
    return Lark(text, parser="lalr", propagate_positions=True, maybe_placeholders=False)
