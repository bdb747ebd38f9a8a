"""EKS lowering of managed databases: RDS, ElastiCache, MSK, OpenSearch, DocumentDB by engine."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, read_database

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.dbmappers import flavor_of as class_of
from ..tfbase.dbmappers import mappers as mappers  # the family's variable-default mappers
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import map_value
from . import database_parts as parts

# service -> the AWS resource that holds the endpoint; how each is built: eks/databases.json
# `lowering` (the resource types stay here, where tests/schema/gen_required.py finds them)
RESOURCE = {"rds": "aws_db_instance", "elasticache": "aws_elasticache_replication_group",
            "msk": "aws_msk_cluster", "opensearch": "aws_opensearch_domain",
            "docdb": "aws_docdb_cluster"}


def memo_of(ctx: Ctx) -> dict[Any, Any]:
    # One run's readings of the family, kept on its context: every sub-resource asks about
    # its cluster (and the cluster about all of them), which must not cost a module scan.
    memo: dict[Any, Any] = vars(ctx).setdefault("_database_memo", {})
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
    """The engine's row of eks/databases.json (by the engine as written: redis and valkey
    have their own versions)."""
    engines: dict[str, Any] = ctx.tables.databases["engines"]
    found: dict[str, Any] = engines.get(spec.engine.written or "") or engines.get(
        spec.engine.name or "", {})
    return found


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    if node.mode == "data":
        return None
    service = entry_of(ctx, spec_of(ctx, node)).get("service")
    return service if service in RESOURCE else None


def _mapped(ctx: Ctx, node: N.Resource, u: Use, arg: str, role: str,
            fn: Callable[[str], str | None], what: str, unknown: str) -> E.Expr:
    """`arg` mapped through the tables: a literal, a variable whose values are mapped, or a
    located TODO when it is absent (IT308) or not in the table (`unknown`)."""
    raw = u.raw(arg)
    if raw is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no {arg}; choose {what}"
                     if arg == "flavor" else f"{node.address} has no {what}; choose one")
        return E.Literal(f"TODO(IT308): {what}")
    out = map_value(raw, node, ctx, role, fn)
    return out if out is not None else E.Literal(f"TODO({unknown}): {what}")


def instance_class(ctx: Ctx, node: N.Resource, u: Use, service: str, what: str) -> E.Expr:
    return _mapped(ctx, node, u, "flavor", f"db_flavor:{service}", partial(
        class_of, ctx, service), what, "IT303")


def engine_version(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec,
                   entry: dict[str, Any]) -> E.Expr:
    engine = spec.engine.written or ""
    return _mapped(ctx, node, u, "version", f"db_version:{engine}",
                   dict(entry.get("versions", {})).get, f"{engine} version", "IT308")


def declare_database(ctx: Ctx, node: N.Resource) -> RefTarget:
    service = service_of(ctx, node)
    if service is None:
        return RefTarget(None, {})
    spec = spec_of(ctx, node)
    engine = spec.engine.name or ""
    row: dict[str, Any] = ctx.tables.databases["lowering"][service]
    host, port = row["endpoint"]
    scheme = ctx.tables.databases["schemes"].get(engine, engine)
    uri = row.get("uri") or (f'"{scheme}://${{{host}}}:{port}"' if port.isdigit() else
                             f'"{scheme}://${{{host}}}:${{{port}}}"')
    return RefTarget(f"{RESOURCE[service]}.{node.name}", {
        "endpoints[].domain": host, "endpoints[].port": port, "endpoints[].uri": uri,
        "description": row["name"], "engine": f'"{spec.engine.written or engine}"'})


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
    from . import database_engines, database_rds
    database_rds.lower(ctx, node, spec, entry, service,
                       {**database_rds.BUILDERS, **database_engines.BUILDERS})


def _untranslated(ctx: Ctx, node: N.Resource, spec: DatabaseSpec,
                  entry: dict[str, Any]) -> None:
    engine = spec.engine.written or "engine unknown"
    why = entry.get("note", "")
    resource = RESOURCE.get(entry.get("service") or "")
    if node.mode == "data" and resource is not None:
        ctx.sink.add("IT305", node.span, f"{node.address} reads an existing OVH {engine} "
                     "cluster; there is no AWS cluster to read until one is created",
                     f"once migrated, read it with data.{resource}")
    else:
        ctx.sink.add("IT305", node.span, f"{node.address} ({engine}) has no managed "
                     "equivalent on AWS; a human must choose (self-hosted in EKS, a "
                     "marketplace service, or another engine)", why)
    u = Use(ctx, node, "AWS")
    for name, _ in node.args:
        u.raw(name)
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (engine {engine}) is not "
                     f"translated{': ' + why if why else ''}")
    ctx.emit(node.span, placeholder)
    u.done()


DECLARE: dict[str, Declaring] = {
    "Database": declare_database, "DatabaseDb": parts.declare_sub,
    "DatabaseUser": parts.declare_sub, "DatabaseTopic": parts.declare_sub}
LOWER: dict[str, Lowering] = {
    "Database": lower_database, "DatabaseDb": parts.lower_db, "DatabaseUser": parts.lower_user,
    "DatabaseTopic": parts.lower_other, "DatabaseAcl": parts.lower_other,
    "DatabaseIpRestriction": parts.lower_ip_restriction, "DatabaseExtra": parts.lower_extra}
