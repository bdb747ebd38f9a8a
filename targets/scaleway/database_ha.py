"""Scaleway high availability on node types where it is not established (databases.json `ha`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E

if TYPE_CHECKING:
    from .database_build import Lower


def _facts(s: Lower) -> dict[str, Any]:
    facts: dict[str, Any] = s.facts.get("ha") or {}
    return facts


def _member(node_type: E.Expr, types: list[str]) -> E.Expr | bool:
    """Whether `node_type` is one of `types`: known now for a literal, else an expression."""
    written = E.str_value(node_type)
    if written is not None:
        return written.upper() in types
    # (upper: the provider compares node types ignoring case)
    return E.Call("contains", (E.Tuple(tuple(E.Literal(t) for t in types)),
                               E.Call("upper", (node_type,))))


def _both(a: E.Expr | bool, b: E.Expr | bool) -> E.Expr | bool:
    if isinstance(a, bool) or isinstance(b, bool):
        if a is False or b is False:
            return False
        return b if a is True else a
    return E.Binary("&&", a, b)


def rdb_node_type(s: Lower, node_type: E.Expr, ha: E.Expr) -> E.Expr:
    """The node type of an RDB instance whose `is_ha_cluster` is `ha`: a type on which HA is not
    established (a PLAY2) becomes the table's `instead` while HA is on, said (IT308). OVH's
    business and enterprise plans are a primary and a standby, so HA is kept, not the type."""
    facts = _facts(s)
    types = [str(t).upper() for t in facts.get("unverified", ())]
    instead = facts.get("instead")
    if not types or not instead:
        return node_type
    on: E.Expr | bool = ha.value if isinstance(ha, E.Literal) and isinstance(
        ha.value, bool) else ha
    cond = _both(on, _member(node_type, types))
    if cond is False:
        return node_type
    out = E.Literal(instead) if cond is True else E.Conditional(cond, E.Literal(instead),
                                                               node_type)
    written = E.str_value(node_type)
    which = f"`{written}`" if written is not None else \
        f"{short_hcl(node_type, 40)} (when it is {', '.join(types)})"
    if on is True:
        plan = s.spec.plan.text
        what = "is highly available (" + (f"OVH {plan} plan: " if plan else "") + \
            "a primary and a standby)"
        when = ""
    else:
        what = "may be highly available (is_ha_cluster is decided at plan time)"
        when = " while is_ha_cluster is true"
    s.ctx.sink.add(
        "IT308", s.u.span("flavor"),
        f"{s.node.address} {what} on {which}: Scaleway documents no high availability on "
        "DB-PLAY2 types (its tests run them standalone; the HA SLA is for "
        "Production-Optimized instances only), so "
        f"node_type is {instead}{when}, the smallest Production-Optimized type, which "
        "Scaleway's API documents with is_ha_cluster",
        "check `scw rdb node-type list`: if the PLAY2 type takes is_ha_cluster, drop it from "
        "services.rdb.ha.unverified with --mapping; to keep the smaller type, keep "
        "is_ha_cluster = false and accept a single node")
    return out


def mongodb_nodes(s: Lower, node_type: E.Expr, nodes: E.Expr) -> None:
    """A 3-node replica set on a type where Scaleway does not establish one (MGDB-PLAY2):
    kept, type and count, and said (IT308) for the user to verify."""
    types = [str(t).upper() for t in _facts(s).get("unverified", ())]
    if not types:
        return
    member = _member(node_type, types)
    count = nodes.value if isinstance(nodes, E.Literal) else None
    if member is False or count == 1:
        return
    written = E.str_value(node_type)
    which = f"`{written}`" if written is not None else \
        f"{short_hcl(node_type, 40)} (when it is {', '.join(types)})"
    when = "" if count == 3 else " when node_number is 3"
    s.ctx.sink.add(
        "IT308", s.u.span("flavor"),
        f"{s.node.address} is a 3-node replica set{when} on {which}: Scaleway documents "
        "1- and 3-node replica sets but no 3-node one on its PLAY2 type (every one its "
        "provider's tests record is a single node); the type and the 3 nodes are kept",
        "check `scw mongodb node-type list` or the console before apply; if 3 nodes are "
        "refused there, map the flavor to MGDB-PRO2-XXS (--mapping) or keep 1 node")
