"""Property and fuzz tests: printing round-trips, agreement with python-hcl2, no crashes."""

from __future__ import annotations

from pathlib import Path

import hcl2
from hcl_normal import from_hcl2, from_ours
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from iac_translate.compiler.api import translate
from iac_translate.compiler.hcl.parser import ParseError, parse_body_text, parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E

ROOT = Path(__file__).resolve().parent.parent
IDENT = st.from_regex(r"[a-z][a-z0-9_]{0,6}", fullmatch=True).filter(
    lambda s: s not in ("true", "false", "null", "for", "in", "if"))
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=8)

leaves = st.one_of(
    st.builds(E.Literal, TEXT),
    st.builds(lambda n: E.Literal(n, str(n)), st.integers(0, 10 ** 6)),
    st.builds(E.Literal, st.sampled_from([True, False, None])),
    st.builds(lambda a, b: E.GetAttr(E.Var(a), b), IDENT, IDENT),
)


def _extend(children: st.SearchStrategy[E.Expr]) -> st.SearchStrategy[E.Expr]:
    return st.one_of(
        st.builds(E.Binary, st.sampled_from(["+", "-", "*", "==", "&&", "||", "<"]),
                  children, children),
        st.builds(E.Unary, st.sampled_from(["-", "!"]), children),
        st.builds(E.Conditional, children, children, children),
        st.builds(lambda xs: E.Tuple(tuple(xs)), st.lists(children, max_size=3)),
        st.builds(lambda ks, vs: E.Object(tuple((E.Var(k), v) for k, v in zip(ks, vs))),
                  st.lists(IDENT, max_size=3, unique=True), st.lists(children, max_size=3)),
        st.builds(lambda n, xs: E.Call(n, tuple(xs)), IDENT, st.lists(children, max_size=3)),
        st.builds(lambda o, k: E.Index(o, k), children, children),
        st.builds(lambda a, t: E.Template((a, E.Interp(t))), TEXT, children),
        st.builds(lambda v, c: E.ForExpr(None, v, c, E.Var(v)), IDENT, children),
    )


exprs = st.recursive(leaves, _extend, max_leaves=12)


def _canonical(e: E.Expr) -> E.Expr:
    """Drop grouping parentheses and empty template text, as printing may add or lose them."""
    def fn(n: E.Expr) -> E.Expr | None:
        if isinstance(n, E.Parens):
            return n.expr
        if isinstance(n, E.Template):
            merged: list[E.TemplatePart] = []
            for p in n.parts:  # `${"x"}` is the text x
                if isinstance(p, E.Interp) and isinstance(p.expr, E.Literal) and \
                        isinstance(p.expr.value, str) and not (p.strip_left or p.strip_right):
                    p = p.expr.value
                if isinstance(p, str) and merged and isinstance(merged[-1], str):
                    merged[-1] += p
                else:
                    merged.append(p)
            parts = tuple(p for p in merged if p != "")
            if all(isinstance(p, str) for p in parts):
                return E.Literal("".join(p for p in parts if isinstance(p, str)))
            return E.Template(parts, n.heredoc, n.indent)
        return None
    return E.transform(e, fn)


@settings(max_examples=400, deadline=None)
@given(exprs)
def test_parse_of_print_is_the_same_tree(e: E.Expr) -> None:
    text = to_hcl(e)
    parsed = parse_expression_text(text, "p.tf")
    assert _canonical(parsed) == _canonical(e)
    assert to_hcl(parsed) == text


def _hcl2_accepts(e: E.Expr) -> bool:
    """python-hcl2's grammar rejects `--x` and `-!x`, which HCL itself accepts."""
    return not any(isinstance(n, E.Unary) and isinstance(n.operand, E.Unary) for n in E.walk(e))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.filter_too_much])
@given(exprs.filter(_hcl2_accepts))
def test_agrees_with_python_hcl2_on_random_expressions(e: E.Expr) -> None:
    source = f"x = {to_hcl(e)}\n"
    assert from_ours(parse_body_text(source, "p.tf")) == from_hcl2(hcl2.loads(source))


SEEDS = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob("golden/*/input/main.tf"))[:12]]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(SEEDS), st.integers(0, 10 ** 6), st.integers(1, 4),
       st.sampled_from(["", "{", "}", '"', "$", "${", "[", "=", "\n", "#", "<<EOT\n", "\\", ","]))
def test_mutated_files_never_crash_the_parser(seed: str, pos: int, cut: int, insert: str) -> None:
    i = pos % (len(seed) + 1)
    text = seed[:i] + insert + seed[i + cut:]
    try:
        parse_body_text(text, "m.tf")
    except ParseError as err:
        assert 0 <= err.offset <= len(text)


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(SEEDS), st.integers(0, 10 ** 6), st.sampled_from(["}", '"', "{", "\n"]))
def test_mutated_files_never_cause_internal_errors(seed: str, pos: int, insert: str) -> None:
    i = pos % (len(seed) + 1)
    result = translate({"main.tf": seed[:i] + insert + seed[i:]}, "gke")
    assert not any(d.code.startswith("IT9") for d in result.diagnostics), result.diagnostics
    if result.has_errors and any(d.code.startswith("IT1") for d in result.diagnostics):
        assert not result.files
