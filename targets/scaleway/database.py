"""Scaleway lowering of managed databases: RDB, Redis, MongoDB, Kafka, OpenSearch by engine."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, read_database

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import map_value

# service -> the Scaleway resource that holds the endpoint (the types stay here, where
# tests/schema/gen_required.py finds them); how each is built: database_build.py
RESOURCE = {"rdb": "scaleway_rdb_instance", "redis": "scaleway_redis_cluster",
            "mongodb": "scaleway_mongodb_instance", "kafka": "scaleway_kafka_cluster",
            "opensearch": "scaleway_opensearch_deployment"}


def memo_of(ctx: Ctx) -> dict[Any, Any]:
    # One run's readings of the family, kept on its context (sub-resources ask about their
    # cluster, the cluster about all of them: one module scan, not one per question).
    memo: dict[Any, Any] = vars(ctx).setdefault("_scw_database_memo", {})
    return memo


def children_of(ctx: Ctx, inst: N.Resource) -> list[N.Resource]:
    """The sub-resources (users, databases, topics...) whose cluster is `inst`, in key order."""
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
    """The engine's row of scaleway/databases.json (redis and valkey have their own)."""
    engines: dict[str, Any] = ctx.tables.databases["engines"]
    found: dict[str, Any] = engines.get(spec.engine.written or "") or engines.get(
        spec.engine.name or "", {})
    return found


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    if node.mode == "data":
        return None
    service = entry_of(ctx, spec_of(ctx, node)).get("service")
    return service if service in RESOURCE else None


def node_type_of(ctx: Ctx, service: str, flavor: str) -> str | None:
    row: dict[str, str] = ctx.tables.databases.get("flavors", {}).get(service, {})
    return row.get(flavor.strip().lower())


def mapped(ctx: Ctx, node: N.Resource, u: Use, arg: str, role: str,
           fn: Callable[[str], str | None], what: str, unknown: str) -> E.Expr:
    """`arg` through the tables: a literal, a variable whose values are mapped, or a
    located TODO when it is absent (IT308) or not in the table (`unknown`)."""
    raw = u.raw(arg)
    if raw is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no {arg}; choose {what}")
        return E.Literal(f"TODO(IT308): {what}")
    out = map_value(raw, node, ctx, role, fn)
    return out if out is not None else E.Literal(f"TODO({unknown}): {what}")


def node_type(ctx: Ctx, node: N.Resource, u: Use, service: str) -> E.Expr:
    return mapped(ctx, node, u, "flavor", f"db_flavor:{service}",
                  partial(node_type_of, ctx, service), f"a Scaleway {service} node type",
                  "IT303")


def version(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec,
            entry: dict[str, Any]) -> E.Expr:
    engine = spec.engine.written or ""
    return mapped(ctx, node, u, "version", f"db_version:{engine}",
                  dict(entry.get("versions", {})).get, f"a Scaleway {engine} version",
                  "IT308")


def mappers(ctx: Ctx) -> dict[str, Callable[[str], str | None]]:
    """The table mappings of variable defaults: node types per service, versions per engine."""
    return {**{f"db_flavor:{s}": partial(node_type_of, ctx, s)
               for s in ctx.tables.databases.get("flavors", {})},
            **{f"db_version:{e}": dict(row.get("versions", {})).get
               for e, row in ctx.tables.databases["engines"].items()}}


def declare_database(ctx: Ctx, node: N.Resource) -> RefTarget:
    service = service_of(ctx, node)
    if service is None:
        return RefTarget(None, {})
    spec = spec_of(ctx, node)
    facts = ctx.tables.databases["services"][service]
    private = spec.private or facts.get("public_endpoint") is False
    host, port = facts["endpoint"]["private" if private else "public"]
    scheme = ctx.tables.databases["schemes"].get(spec.engine.name or "", spec.engine.name)
    return RefTarget(f"{RESOURCE[service]}.{node.name}", {
        "endpoints[].domain": host, "endpoints[].port": port,
        "endpoints[].uri": facts["endpoint"].get("uri") or
        f'"{scheme}://${{{host}}}:${{{port}}}"',
        "description": "{self}.name",
        **({"engine": f'"{spec.engine.written}"'} if spec.engine.written else {})})


def lower_database(ctx: Ctx, node: N.Resource) -> None:
    spec = spec_of(ctx, node)
    entry = entry_of(ctx, spec)
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
    service = service_of(ctx, node)
    if service is None:
        return _untranslated(ctx, node, spec, entry)
    from . import database_build
    database_build.lower(ctx, node, spec, entry, service)


def _untranslated(ctx: Ctx, node: N.Resource, spec: DatabaseSpec,
                  entry: dict[str, Any]) -> None:
    engine = spec.engine.written or "engine unknown"
    instead = entry.get("instead", "")
    resource = RESOURCE.get(entry.get("service") or "")
    if node.mode == "data" and resource is not None:
        ctx.sink.add("IT305", node.span, f"{node.address} reads an existing OVH {engine} "
                     "cluster; there is no Scaleway cluster to read until one is created",
                     f"once migrated, read it with data.{resource}")
    else:
        ctx.sink.add("IT338", node.span, f"{node.address} ({engine}) is not translated: "
                     f"Scaleway offers no managed {engine}"
                     f"{' (' + entry['note'] + ')' if entry.get('note') else ''}",
                     f"use instead: {instead}" if instead else "")
    u = Use(ctx, node, "Scaleway")
    for name, _ in node.args:
        u.raw(name)
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT338): {node.address} (engine {engine}) is not translated"
                     f"{'; use instead: ' + instead if instead else ''}")
    ctx.emit(node.span, placeholder)
    u.done()


def _parts() -> Any:
    from . import database_parts
    return database_parts


def _declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    decl: RefTarget = _parts().declare_sub(ctx, node)
    return decl


def _lower(name: str) -> Lowering:
    def run(ctx: Ctx, node: N.Resource) -> None:
        getattr(_parts(), name)(ctx, node)
    return run


DECLARE: dict[str, Declaring] = {
    "Database": declare_database, "DatabaseDb": _declare_sub,
    "DatabaseUser": _declare_sub, "DatabaseTopic": _declare_sub}
LOWER: dict[str, Lowering] = {
    "Database": lower_database, "DatabaseDb": _lower("lower_db"),
    "DatabaseUser": _lower("lower_user"), "DatabaseTopic": _lower("lower_other"),
    "DatabaseAcl": _lower("lower_other"), "DatabaseIpRestriction": _lower("lower_ip"),
    "DatabaseExtra": _lower("lower_extra")}
