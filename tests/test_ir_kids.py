"""ir/kids: each per-class child reader gives exactly the generic reader's list."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import loader
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks

ROOT = Path(__file__).resolve().parent.parent
INPUTS = sorted({p.parent for d in ("golden", "examples") for p in (ROOT / d).rglob("*.tf")})


EXTRA = """locals {
  a = "%{if var.x}yes%{else}no%{endif} %{for k, v in var.m}${k}=${v}%{endfor}"
  b = !var.x ? -1 : (2 * 3)
  c = [for k, v in var.m : upper(v) if k != ""]
  d = {for s in var.l : s => s...}
  e = var.l[*].id
  f = var.o.*.name
}
"""


def _exprs() -> list[E.Expr]:
    out: list[E.Expr] = []
    runs = [loader.collect([d], Sink(), set()) for d in INPUTS]
    runs.append((loader.Sources({"extra.tf": EXTRA}), [""]))
    for sources, roots in runs:
        sink = Sink()
        for module in loader.build_model(sources, roots, sink).modules:
            for node in module.nodes:
                out.extend(v for _, v in node.args)
    return out


def _generic_walk(expr: E.Expr) -> list[E.Expr]:
    out, stack = [], [expr]
    while stack:
        node = stack.pop()
        out.append(node)
        stack.extend(reversed(E._generic_kids(node)))
    return out


def _same(a: list[E.Expr], b: list[E.Expr]) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b))


def test_every_node_of_the_goldens() -> None:
    assert E._FAST_KIDS  # the package registered the readers
    seen: set[type] = set()
    count = 0
    for value in _exprs():
        nodes = _generic_walk(value)
        assert _same(list(E.walk(value)), nodes)
        assert _same(walks.walk_only(value, (E.Literal, E.Template)),
                     [n for n in nodes if isinstance(n, (E.Literal, E.Template))])
        for n in nodes:
            assert _same(E._kids(n), E._generic_kids(n)), n
            seen.add(type(n))
            count += 1
    assert count > 10_000 and set(E._FAST_KIDS) <= seen  # every reader was exercised


S = E.Literal("s")
ODD = [  # values a class does not declare: the generic reader decides
    E.Directive("if", "", None), E.Index(E.Var("a"), None),  # type: ignore[arg-type]
    E.Tuple((S, (S, E.Var("b")))),  # type: ignore[arg-type]
    E.Tuple([S, S]),  # type: ignore[arg-type]
    E.Call("f", (S, "x")),  # type: ignore[arg-type]
    E.Object(((S, S), S)),  # type: ignore[arg-type]
    E.Object(((S, S, S), (S, (S,)))),  # type: ignore[arg-type]
    E.Object([(S, S)]),  # type: ignore[arg-type]
    E.GetAttr((S, S), "x"),  # type: ignore[arg-type]
    E.Binary("+", S, None), E.Conditional(S, S, None),  # type: ignore[arg-type]
    E.Unary("-", None), E.Parens(None), E.BlockSeq(()),  # type: ignore[arg-type]
    E.Template(("a", (S, S), E.Interp(S))),  # type: ignore[arg-type]
    E.Template(["a", E.Interp(S)]),  # type: ignore[arg-type]
    E.ForExpr(None, "v", S, (S, S)),  # type: ignore[arg-type]
    E.ForExpr("k", "v", S, S, None, S),
    E.DynamicBlock("x", S, E.Object(), labels=(S,)),  # type: ignore[arg-type]
    E.DynamicBlock("x", None, E.Object()),  # type: ignore[arg-type]
]


@pytest.mark.parametrize("node", ODD, ids=repr)
def test_odd_values_read_as_the_generic_reader_does(node: E.Expr) -> None:
    assert _same(E._kids(node), E._generic_kids(node))
