"""The printer's shortcuts answer as the slow paths they skip (fmt_one_line, closes_then_opens)."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st
from iac_translate.compiler.hcl import printer
from iac_translate.compiler.hcl.lexer import NL, LexError, tokenize
from iac_translate.targets.hclwrite import closes_then_opens
from test_parser_properties import exprs


def _one_line_by_lexing(text: str) -> bool:
    """fmt_one_line without its shortcuts: no newline token before the text's end."""
    if "\n" not in text:
        return True
    try:
        toks = tokenize(text)
    except LexError:
        return False
    return not any(t[0] == NL and t[2] < len(text) for t in toks)


def _closes_then_opens_by_lines(text: str) -> bool:
    """A line that ends opening a bracket and holds a closing one before it."""
    for m in re.finditer(r"[\[({][ \t]*$", text, re.M):
        line = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        if "}" in line or "]" in line or ")" in line:
            return True
    return False


# Pieces of HCL values that open or close tokens across a newline.
_PIECES = ["a", "b.c", " ", "\t", "\n", "[", "]", "{", "}", "(", ")", "*", "[*]", "[ * ]",
           '"', '"x"', "${", "%{", "<<EOT\n", "<<-EOT\n", "EOT", "#", "//", "/*", "*/", "\\",
           "=", ":", ",", "?", "1", "yamlencode(", "=>", "...", "-", "!"]
texts = st.lists(st.sampled_from(_PIECES), max_size=14).map("".join)


@settings(max_examples=1500, deadline=None)
@given(texts)
@example('"${\na}"')
@example("a # c\nb")
@example("a // c\nb")
@example("a /* c\n */ b")
@example("x <<EOT\nhi\nEOT\n")
@example("a[\n*]")
@example("a[ *\n]")
@example("a \\\nb")
def test_fmt_one_line_shortcut_agrees_with_the_lexer(text: str) -> None:
    assert printer.fmt_one_line(text) == _one_line_by_lexing(text), repr(text)


@settings(max_examples=300, deadline=None)
@given(exprs)
def test_fmt_one_line_agrees_on_printed_values(e) -> None:  # type: ignore[no-untyped-def]
    text = printer.to_hcl(e, 2)
    assert printer.fmt_one_line(text) == _one_line_by_lexing(text), repr(text)


@settings(max_examples=1500, deadline=None)
@given(texts)
def test_closes_then_opens_regex_agrees_with_the_line_scan(text: str) -> None:
    assert closes_then_opens(text) == _closes_then_opens_by_lines(text), repr(text)
