"""walks.traversals and walks.walk_only give exactly what walk-and-filter gave, in walk order."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W

ROOT = Path(__file__).resolve().parent.parent


def _pairs(e: E.Expr) -> list[tuple[E.Expr, object]]:
    return [(s, t) for s in E.walk(e) if (t := E.traversal(s)) is not None]


def _same(e: E.Expr) -> int:
    for kinds in (E.Literal, (E.Literal, E.Template), E.Var):
        only = W.walk_only(e, kinds)
        assert only == [s for s in E.walk(e) if isinstance(s, kinds)]
        assert all(a is b for a, b in zip(only, (s for s in E.walk(e) if isinstance(s, kinds))))
    want, got = _pairs(e), list(W.traversals(e))
    assert [t for _, t in got] == [t for _, t in want], e
    assert all(a is b for (a, _), (b, _) in zip(got, want)), e
    return len(got)


def test_chains_with_index_keys() -> None:
    for text in ["a.b[c.d[0]].e[f][*].g", "x[y[z[0]]]", "f(a.b)[0].c", "(a.b).c[d]",
                 "{for k, v in var.m : k => v.x[local.i]}", '"${a.b[c]}-${d}"', "a.*.b[0]",
                 "[for x in a.b : x[y.z] if x.ok]", "a ? b.c[d.e] : f.g"]:
        assert _same(parse_expression_text(text, "t.tf")) > 0


def test_every_golden_and_example_value() -> None:
    n = 0
    for d in sorted([*ROOT.glob("golden/*/input"), *ROOT.glob("examples/*")]):
        model = source_model(str(d), Sink())
        for m in model.modules if model is not None else ():
            for node in m.nodes:
                n += sum(_same(v) for _, v in node.args)
    assert n > 1000
