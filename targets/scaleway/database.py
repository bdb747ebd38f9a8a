"""Scaleway lowering of managed databases: RDB, Redis, MongoDB, Kafka, OpenSearch by engine."""

from __future__ import annotations

from functools import partial
from types import ModuleType
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase import db_parts as DP
from ..tfbase import dbfamily, dbtables
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import children_of, entry_of, mapped, memo_of, spec_of
from ..tfbase.dbmappers import flavor_of as node_type_of
from ..tfbase.dbmappers import mappers
from ..tfbase.refs import RefTarget
from ..tfbase.resource_region import with_database
from ..tfbase.use import Use

# (the family's readings and table lookups)
__all__ = ["children_of", "entry_of", "mappers", "memo_of", "node_type_of", "spec_of"]

# service -> the Scaleway resource that holds the endpoint (the types stay here, where
# tests/schema/gen_required.py finds them); how each is built: database_build.py
RESOURCE = {"rdb": "scaleway_rdb_instance", "redis": "scaleway_redis_cluster",
            "mongodb": "scaleway_mongodb_instance", "kafka": "scaleway_kafka_cluster",
            "opensearch": "scaleway_opensearch_deployment"}


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    return dbfamily.service_in(ctx, node, RESOURCE)


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
    dbfamily.lower_database(ctx, node, service_of, _untranslated, _lower)


def _lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
           service: str) -> None:
    from . import database_build
    database_build.lower(ctx, node, spec, entry, service)


def _untranslated(ctx: Ctx, node: N.Resource, spec: DatabaseSpec,
                  entry: dict[str, Any]) -> None:
    engine = spec.engine.written or "engine unknown"
    instead = entry.get("instead", "")
    resource = RESOURCE.get(entry.get("service") or "")
    if node.mode == "data" and resource is not None:
        dbfamily.read_not_there(ctx, node, engine, "Scaleway", resource)
    else:
        ctx.sink.add("IT338", node.span, f"{node.address} ({engine}) is not translated: "
                     f"Scaleway offers no managed {engine}"
                     f"{' (' + entry['note'] + ')' if entry.get('note') else ''}",
                     f"use instead: {instead}" if instead else "")
    DP.todo(ctx, node, "Scaleway", f"TODO(IT338): {node.address} (engine {engine}) is not "
            f"translated{'; use instead: ' + instead if instead else ''}")


def _parts() -> ModuleType:
    from . import database_parts
    return database_parts


# The Scaleway types beside a database that take `region` (tests/test_db_region_companions.py
# checks the schema): they follow a database that names its own region.
REGIONAL = frozenset({
    "scaleway_rdb_acl", "scaleway_rdb_database", "scaleway_rdb_privilege",
    "scaleway_rdb_read_replica", "scaleway_rdb_user", "scaleway_mongodb_user",
    "scaleway_vpc_private_network", "scaleway_vpc"})


def _cluster_of(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    inst, _ = DP.cluster(ctx, node, service_of)
    return inst


DECLARE, _LOWER = dbtables.tables(__name__, _parts, declare_database, lower_database,
                                  "lower_other")
LOWER = {kind: with_database(f, _cluster_of, REGIONAL, "scaleway_") for kind, f in
         _LOWER.items()}
