"""A database plan given through a variable: the node count it decides, looked up at plan time."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase import db_plan as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import database_access as A


def count(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, arg: str, nodes: int,
          fit: Callable[[int], int]) -> E.Expr:
    """`arg`, a node count: `fit(nodes)` (the written nodes, else the plan's nominal count),
    or, for a computed plan, each plan's count looked up at plan time."""
    plan = P.computed(u, spec)
    if plan is None:
        return A.num(fit(nodes))
    written = len(spec.nodes.items)
    per = {p: fit(max(written, int(v.get("nodes", 1)))) for p, v in sorted(
        P.plans(ctx).items())}
    fallback = fit(max(written, 1))
    if set(per.values()) == {fallback}:
        return A.num(fallback)
    ctx.sink.add("IT306", plan.span or node.span, f"the plan of {node.address} is known at "
                 f"plan time only: {arg} is looked up from it ("
                 + ", ".join(f"{p} {n}" for p, n in per.items()) + f"; {fallback} otherwise)")
    table = E.Object(tuple((E.Literal(p), A.num(n)) for p, n in per.items()))
    return E.Call("lookup", (table, ctx.rewrite(plan, node.module), A.num(fallback)))
