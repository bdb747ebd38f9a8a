"""A database plan given through a variable: what it decides (a standby) is decided at plan time."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from .context import Ctx
from .use import Use


def computed(u: Use, spec: DatabaseSpec) -> E.Expr | None:
    """The plan's expression when it is not a literal and the written nodes do not decide
    (two or more nodes are what they are whatever the plan); else None."""
    raw = u.raw("plan")
    if raw is None or E.str_value(raw) is not None or len(spec.nodes.items) >= 2:
        return None
    return raw


def plans(ctx: Ctx) -> dict[str, Any]:
    """The target's plan table (databases.json `plans`): plan name -> its row."""
    table: dict[str, Any] = ctx.tables.databases.get("plans", {})
    return table


def ha_plans(ctx: Ctx, key: str = "ha") -> list[str]:
    """The plans whose row says `key` (the target's word for a standby), sorted."""
    return sorted(p for p, v in plans(ctx).items() if v.get(key))


def either(ctx: Ctx, node: N.Resource, names: list[str], plan: E.Expr | None,
           dynamic: E.Expr | None) -> E.Expr | None:
    """`length(<dynamic nodes>) >= 2 || contains([names], <plan>)`, of the parts given (in
    the target's vocabulary); None when neither is."""
    conds: list[E.Expr] = []
    if dynamic is not None:
        conds.append(E.Binary(">=", E.Call("length", (ctx.rewrite(dynamic, node.module),)),
                              E.Literal(2, "2")))
    if plan is not None:
        conds.append(E.Call("contains", (E.Tuple(tuple(E.Literal(p) for p in names)),
                                         ctx.rewrite(plan, node.module))))
    if not conds:
        return None
    out = conds[0]
    for c in conds[1:]:
        out = E.Binary("||", out, c)
    return out


def condition(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, plan: E.Expr,
              key: str = "ha") -> E.Expr:
    """True at plan time when the cluster is highly available: a plan sold as HA, or (a
    `dynamic "nodes"`) two or more nodes; the default's row is not the answer."""
    out = either(ctx, node, ha_plans(ctx, key), plan, spec.nodes.dynamic)
    assert out is not None  # a plan is given
    return out


def note(ctx: Ctx, node: N.Resource, at: E.Expr | None, what: str, hint: str = "",
         key: str = "ha") -> None:
    """IT306 at `at` (the plan): `what` is decided at plan time, and by which plans."""
    ctx.sink.add("IT306", (at.span if at is not None else None) or node.span,
                 f"the plan or nodes of {node.address} are known at plan time only: {what} "
                 f"for two or more nodes or plans {', '.join(ha_plans(ctx, key))}", hint)


def by_plan(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, arg: str, yes: str,
            no: str) -> E.Expr:
    """`arg`'s value, `yes` for a highly available cluster, `no` otherwise: a literal, or a
    conditional on a computed plan (said at the plan)."""
    plan = computed(u, spec)
    if plan is None:
        return E.Literal(yes if spec.ha else no)
    note(ctx, node, plan, f"{arg} is {yes} (else {no})")
    return E.Conditional(condition(ctx, node, spec, plan), E.Literal(yes), E.Literal(no))


def flag(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, arg: str) -> E.Expr:
    """`arg`, a boolean standby switch: the written nodes' and plan's answer, or the
    condition itself for a computed plan (said at the plan)."""
    plan = computed(u, spec)
    if plan is None:
        return E.Literal(spec.ha)
    out = condition(ctx, node, spec, plan)
    note(ctx, node, plan, f"{arg} is true")
    return out
