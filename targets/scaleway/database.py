"""Scaleway lowering of managed databases: RDB, Redis, MongoDB, Kafka, OpenSearch by engine."""

from __future__ import annotations

from functools import partial
from types import ModuleType
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import dbtables
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import children_of, engine_notes, entry_of, mapped, memo_of, spec_of
from ..tfbase.dbmappers import flavor_of as node_type_of
from ..tfbase.dbmappers import mappers
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use

# (the family's readings and table lookups)
__all__ = ["children_of", "entry_of", "mappers", "memo_of", "node_type_of", "spec_of"]

# service -> the Scaleway resource that holds the endpoint (the types stay here, where
# tests/schema/gen_required.py finds them); how each is built: database_build.py
RESOURCE = {"rdb": "scaleway_rdb_instance", "redis": "scaleway_redis_cluster",
            "mongodb": "scaleway_mongodb_instance", "kafka": "scaleway_kafka_cluster",
            "opensearch": "scaleway_opensearch_deployment"}


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    if node.mode == "data":
        return None
    service = entry_of(ctx, spec_of(ctx, node)).get("service")
    return service if service in RESOURCE else None


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
    engine_notes(ctx, node, spec)
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


def _parts() -> ModuleType:
    from . import database_parts
    return database_parts


DECLARE, LOWER = dbtables.tables(__name__, _parts, declare_database, lower_database,
                                 "lower_other")
