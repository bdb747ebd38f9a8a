"""What every database family reads alike: sub-resources, spec, engine row, table-mapped values."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, read_database

from .context import Ctx
from .use import Use
from .values import map_value


def memo_of(ctx: Ctx) -> dict[Any, Any]:
    # One run's readings of the family, kept on its context: every sub-resource asks about
    # its cluster (and the cluster about all of them), which must not cost a module scan.
    memo: dict[Any, Any] = vars(ctx).setdefault("_dbfamily_memo", {})
    return memo


def children_of(ctx: Ctx, inst: N.Resource) -> list[N.Resource]:
    """The sub-resources (users, databases, topics...) whose cluster is `inst`, in key order;
    one pass over its module, the first time any cluster of it asks."""
    memo = memo_of(ctx)
    key = ("children", inst.module)
    if key not in memo:
        found: dict[Any, list[N.Resource]] = {}
        for k in ctx.by_module.sorted_keys(inst.module):
            other = ctx.nodes[k]
            if other.KIND.startswith("Database") and other.KIND != "Database":
                owner = ctx.resolve(other.field_value("cluster"), other.module)
                if owner is not None:
                    found.setdefault(ctx.key_of(owner), []).append(other)
        memo[key] = found
    children: list[N.Resource] = memo[key].get(ctx.key_of(inst), [])
    return children


def spec_of(ctx: Ctx, node: N.Resource) -> DatabaseSpec:
    memo = memo_of(ctx)
    key = ("spec", ctx.key_of(node))
    if key not in memo:
        memo[key] = read_database(ctx, node, children_of(ctx, node))
    spec: DatabaseSpec = memo[key]
    return spec


def entry_of(ctx: Ctx, spec: DatabaseSpec) -> dict[str, Any]:
    """The engine's row of the target's databases table, by the engine as written (redis
    and valkey have rows of their own), else by its neutral name."""
    engines: dict[str, Any] = ctx.tables.databases["engines"]
    found: dict[str, Any] = engines.get(spec.engine.written or "") or engines.get(
        spec.engine.name or "", {})
    return found


def mapped(ctx: Ctx, node: N.Resource, u: Use, arg: str, role: str,
           fn: Callable[[str], str | None], what: str, unknown: str,
           absent: str = "") -> E.Expr:
    """`arg` mapped through the tables: a literal, a variable whose values are mapped, or a
    located TODO when it is absent (IT308: `absent`, by default "<node> has no <arg>; choose
    <what>") or not in the table (`unknown`)."""
    raw = u.raw(arg)
    if raw is None:
        ctx.sink.add("IT308", node.span, absent or f"{node.address} has no {arg}; choose {what}")
        return E.Literal(f"TODO(IT308): {what}")
    out = map_value(raw, node, ctx, role, fn)
    return out if out is not None else E.Literal(f"TODO({unknown}): {what}")


def service_in(ctx: Ctx, node: N.Resource, resources: Mapping[str, str]) -> str | None:
    """The cloud's service for cluster `node` (its engine row's), when it is one of
    `resources`' (the service -> target resource table); a data source reads none."""
    if node.mode == "data":
        return None
    service = entry_of(ctx, spec_of(ctx, node)).get("service")
    return service if service in resources else None


def lower_database(ctx: Ctx, node: N.Resource, service_of: Callable[[Ctx, N.Resource], Any],
                   untranslated: Callable[[Ctx, N.Resource, DatabaseSpec, dict[str, Any]], None],
                   lower: Callable[[Ctx, N.Resource, DatabaseSpec, dict[str, Any], Any], None]
                   ) -> None:
    """A database cluster: how its engine was found (engine_notes), then the cloud's service
    for it `lower`s it, or none does and it is `untranslated`."""
    spec = spec_of(ctx, node)
    entry = entry_of(ctx, spec)
    engine_notes(ctx, node, spec)
    service = service_of(ctx, node)
    if service is None:
        return untranslated(ctx, node, spec, entry)
    lower(ctx, node, spec, entry, service)


def read_not_there(ctx: Ctx, node: N.Resource, engine: str, cloud: str, resource: str) -> None:
    """A data source reading an OVH cluster: the cloud's (`resource`) exists only once one is
    created (IT305)."""
    ctx.sink.add("IT305", node.span, f"{node.address} reads an existing OVH {engine} "
                 f"cluster; there is no {cloud} cluster to read until one is created",
                 f"once migrated, read it with data.{resource}")


def engine_notes(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> None:
    """How the engine was found: given away by a typed sub-resource (IT301), or not at all
    (IT309: the cluster cannot be translated)."""
    by = spec.engine.inferred_by
    if by is not None:
        ctx.sink.add("IT301", node.arg_span("engine"), f"the engine of {node.address} is "
                     f"not a literal; {by.address} is a {spec.engine.written} resource of this "
                     f"cluster, so it is translated as {spec.engine.written}")
    elif spec.engine.name is None:
        ctx.sink.add("IT309", node.arg_span("engine"), f"the engine of {node.address} is not a "
                     "value the translator can read, and no typed user or database resource of "
                     "it names one; the database cannot be translated",
                     "set `engine` to a literal or give its variable a default")
