"""render_blocks skips reindent on text with no close-then-open line: that must never change it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.ir import expr as E
from iac_translate.targets import hclwrite
from iac_translate.targets.hclwrite import TfBlock, closes_then_opens
from iac_translate.targets.tfbase.printer_indent import reindent
from test_parser_properties import exprs


def _text(blocks: list[TfBlock]) -> str:
    return "\n".join(hclwrite._render_block(b, 0) for b in blocks)


def _block(values: list[E.Expr], nested: list[E.Expr]) -> TfBlock:
    b = TfBlock("resource", ("t", "x"))
    for i, v in enumerate(values):
        b.set(f"a{i}", v)
    inner = b.block("inner")
    for i, v in enumerate(nested):
        inner.set(f"b{i}", v)
    return b


wide = st.builds(lambda xs: E.Tuple(tuple(xs)), st.lists(exprs, min_size=2, max_size=6))
values = st.lists(st.one_of(exprs, wide, st.builds(E.Conditional, exprs, wide, wide)),
                  max_size=4)


@settings(max_examples=150, deadline=None)
@given(values, values)
def test_text_without_such_a_line_is_already_as_fmt_indents_it(a: list[E.Expr],
                                                               b: list[E.Expr]) -> None:
    text = _text([_block(a, b)])
    assert closes_then_opens(text) or reindent(text) == text


def _long(n: int) -> E.Tuple:
    return E.Tuple(tuple(E.Literal(f"value-number-{i}-of-a-long-list") for i in range(n)))


def test_a_multiline_conditional_is_found_and_reindented() -> None:
    """`cond ? [ ... ] : [ ... ]` over several lines: fmt keeps `] : [` one level in."""
    b = TfBlock("locals")
    b.set("x", E.Conditional(E.Var("c"), _long(4), _long(5)))
    text = _text([b])
    assert "] : [" in text
    assert closes_then_opens(text)
    assert reindent(text) != text  # (the case the filter exists for)
    assert hclwrite.render_blocks([b]) == reindent(text)


def test_ordinary_blocks_skip_the_relex() -> None:
    b = TfBlock("resource", ("google_container_cluster", "k"))
    b.set("name", E.Literal("k"))
    b.set("tags", _long(3))
    b.block("node_config").set("labels", E.Object(((E.Var("a"), E.Literal("b")),)))
    text = _text([b])
    assert not closes_then_opens(text)
    assert hclwrite.render_blocks([b]) == text == reindent(text)


def test_brackets_inside_strings_only_make_it_careful() -> None:
    assert closes_then_opens('x = "a)" == y ? [\n')
    assert not closes_then_opens('x = "(a" ? 1 : 2\n')
    assert not closes_then_opens('n = [\n')
