"""A database plan given through a variable: what it decides (a standby) is decided at plan time."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import database_net as NET


def computed(u: Use, spec: DatabaseSpec) -> E.Expr | None:
    """The plan's expression when it is not a literal and the written nodes do not decide
    (two or more nodes are highly available whatever the plan); else None."""
    raw = u.raw("plan")
    if raw is None or E.str_value(raw) is not None or len(spec.nodes.items) >= 2:
        return None
    return raw


def ha_plans(ctx: Ctx) -> list[str]:
    plans: dict[str, Any] = ctx.tables.databases["plans"]
    return sorted(p for p, v in plans.items() if v.get("ha"))


def condition(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, plan: E.Expr) -> E.Expr:
    """True at plan time when the cluster is highly available: a plan sold as HA, or (a
    `dynamic "nodes"`) two or more nodes; the default's row is not the answer."""
    when: E.Expr = E.Call("contains", (E.Tuple(tuple(E.Literal(p) for p in ha_plans(ctx))),
                                       ctx.rewrite(plan, node.module)))
    if spec.nodes.dynamic is not None:
        when = E.Binary("||", E.Binary(">=", E.Call("length", (ctx.rewrite(
            spec.nodes.dynamic, node.module),)), NET.num(2)), when)
    return when


def note(ctx: Ctx, node: N.Resource, plan: E.Expr, what: str, hint: str = "") -> None:
    ctx.sink.add("IT306", plan.span or node.span, f"the plan or nodes of {node.address} are "
                 f"known at plan time only: {what} for two or more nodes or plans "
                 f"{', '.join(ha_plans(ctx))}", hint)


def by_plan(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, arg: str, yes: str,
            no: str) -> E.Expr:
    """`arg`'s value, `yes` for a highly available cluster, `no` otherwise: a literal, or a
    conditional on a computed plan (said at the plan)."""
    plan = computed(u, spec)
    if plan is None:
        return E.Literal(yes if spec.ha else no)
    note(ctx, node, plan, f"{arg} is {yes} (else {no})")
    return E.Conditional(condition(ctx, node, spec, plan), E.Literal(yes), E.Literal(no))
