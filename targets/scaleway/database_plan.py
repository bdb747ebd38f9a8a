"""A database plan given through a variable: the standby and node count it decides, at plan time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import database_access as A


def computed(u: Use, spec: DatabaseSpec) -> E.Expr | None:
    """The plan's expression when it is not a literal and the written nodes do not decide
    (two or more nodes are what they are whatever the plan); else None."""
    raw = u.raw("plan")
    if raw is None or E.str_value(raw) is not None or len(spec.nodes.items) >= 2:
        return None
    return raw


def _plans(ctx: Ctx) -> dict[str, Any]:
    plans: dict[str, Any] = ctx.tables.databases.get("plans", {})
    return plans


def ha(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec) -> E.Expr:
    """is_ha_cluster: from the written nodes and the plan; a plan (or node list) known at
    plan time only stays a choice made then, through a conditional on it (as eks does)."""
    plan = computed(u, spec)
    if plan is None:
        return E.Literal(spec.ha)
    names = sorted(p for p, v in _plans(ctx).items() if v.get("ha"))
    out: E.Expr = E.Call("contains", (E.Tuple(tuple(E.Literal(p) for p in names)),
                                      ctx.rewrite(plan, node.module)))
    if spec.nodes.dynamic is not None:
        out = E.Binary("||", E.Binary(">=", E.Call("length", (ctx.rewrite(
            spec.nodes.dynamic, node.module),)), A.num(2)), out)
    ctx.sink.add("IT306", plan.span or node.span, f"the plan or nodes of {node.address} are "
                 "known at plan time only: is_ha_cluster is true for two or more nodes or "
                 f"plans {', '.join(names)}")
    return out


def count(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, arg: str, nodes: int,
          fit: Callable[[int], int]) -> E.Expr:
    """`arg`, a node count: `fit(nodes)` (the written nodes, else the plan's nominal count),
    or, for a computed plan, each plan's count looked up at plan time."""
    plan = computed(u, spec)
    if plan is None:
        return A.num(fit(nodes))
    written = len(spec.nodes.items)
    per = {p: fit(max(written, int(v.get("nodes", 1)))) for p, v in sorted(
        _plans(ctx).items())}
    fallback = fit(max(written, 1))
    if set(per.values()) == {fallback}:
        return A.num(fallback)
    ctx.sink.add("IT306", plan.span or node.span, f"the plan of {node.address} is known at "
                 f"plan time only: {arg} is looked up from it ("
                 + ", ".join(f"{p} {n}" for p, n in per.items()) + f"; {fallback} otherwise)")
    table = E.Object(tuple((E.Literal(p), A.num(n)) for p, n in per.items()))
    return E.Call("lookup", (table, ctx.rewrite(plan, node.module), A.num(fallback)))
