"""EKS lowering of managed databases: RDS, ElastiCache, MSK, OpenSearch, DocumentDB by engine."""

from __future__ import annotations

from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase import db_parts as DP
from ..tfbase import dbfamily
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import children_of as children_of  # (database_parts reads them here)
from ..tfbase.dbfamily import entry_of as entry_of
from ..tfbase.dbfamily import mapped
from ..tfbase.dbfamily import memo_of as memo_of
from ..tfbase.dbfamily import spec_of as spec_of
from ..tfbase.dbmappers import flavor_of as class_of
from ..tfbase.dbmappers import mappers as mappers  # the family's variable-default mappers
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.resource_region import with_database
from ..tfbase.use import Use
from . import database_lookup as lookup
from . import database_parts as parts

# service -> the AWS resource that holds the endpoint; how each is built: eks/databases.json
# `lowering` (the resource types stay here, where tests/schema/gen_required.py finds them)
RESOURCE = {"rds": "aws_db_instance", "elasticache": "aws_elasticache_replication_group",
            "msk": "aws_msk_cluster", "opensearch": "aws_opensearch_domain",
            "docdb": "aws_docdb_cluster"}


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    return dbfamily.service_in(ctx, node, RESOURCE)


def instance_class(ctx: Ctx, node: N.Resource, u: Use, service: str, what: str) -> E.Expr:
    return mapped(ctx, node, u, "flavor", f"db_flavor:{service}", partial(
        class_of, ctx, service), what, "IT303")


def engine_version(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec,
                   entry: dict[str, Any]) -> E.Expr:
    engine = spec.engine.written or ""
    what = f"{engine} version"
    return mapped(ctx, node, u, "version", f"db_version:{engine}",
                  dict(entry.get("versions", {})).get, what, "IT308",
                  f"{node.address} has no {what}; choose one")


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
    dbfamily.lower_database(ctx, node, service_of, _untranslated, _lower)


def _lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
           service: str) -> None:
    from . import database_engines, database_rds
    database_rds.lower(ctx, node, spec, entry, service,
                       {**database_rds.BUILDERS, **database_engines.BUILDERS})
    block = ctx.primary.get(ctx.key_of(node))
    if service == "rds" and block is not None:
        from . import database_master
        db = parts.db_name_of(ctx, node)
        if db is None or parts.S.read_db(ctx, db).name.text != database_master.DEFAULT_DB:
            database_master.default_db(ctx, node, block, db is not None)


def _untranslated(ctx: Ctx, node: N.Resource, spec: DatabaseSpec,
                  entry: dict[str, Any]) -> None:
    engine = spec.engine.written or "engine unknown"
    why = entry.get("note", "")
    resource = RESOURCE.get(entry.get("service") or "")
    if node.mode == "data" and resource is not None:
        dbfamily.read_not_there(ctx, node, engine, "AWS", resource)
    else:
        ctx.sink.add("IT305", node.span, f"{node.address} ({engine}) has no managed "
                     "equivalent on AWS; a human must choose (self-hosted in EKS, a "
                     "marketplace service, or another engine)", why)
    DP.todo(ctx, node, "AWS", f"TODO(IT305): {node.address} (engine {engine}) is not "
            f"translated{': ' + why if why else ''}")


# "Lookup": data sources of database users are read here (the other lookups are omitted
# as every family target omits them).
DECLARE: dict[str, Declaring] = {
    "Lookup": lookup.declare_lookup, "Database": declare_database, "DatabaseDb": parts.declare_sub,
    "DatabaseUser": parts.declare_sub, "DatabaseTopic": parts.declare_sub}
# The AWS types a database's companions are (eks/databases.json, the lowerings here) that
# take `region` (aws provider 6; tests/test_db_region_companions.py checks the schema): they
# follow a database that names its own region.
REGIONAL = frozenset({
    "aws_db_subnet_group", "aws_elasticache_subnet_group", "aws_docdb_subnet_group",
    "aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_db_parameter_group",
    "aws_elasticache_user", "aws_elasticache_user_group", "aws_docdb_cluster_instance",
    "aws_msk_configuration", "aws_msk_scram_secret_association", "aws_secretsmanager_secret",
    "aws_secretsmanager_secret_version", "aws_opensearch_domain_policy",
    "data.aws_secretsmanager_secret_version", "data.aws_vpc", "data.aws_subnets",
    "data.aws_subnet"})


def _cluster_of(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    return parts._cluster(ctx, node)[0]


_LOWER: dict[str, Lowering] = {
    "Lookup": lookup.lower_lookup, "Database": lower_database, "DatabaseDb": parts.lower_db,
    "DatabaseUser": parts.lower_user,
    "DatabaseTopic": parts.lower_other, "DatabaseAcl": parts.lower_other,
    "DatabaseIpRestriction": parts.lower_ip_restriction, "DatabaseExtra": parts.lower_extra}
LOWER: dict[str, Lowering] = {
    kind: with_database(f, _cluster_of, REGIONAL, "aws_") if kind.startswith("Database") else f
    for kind, f in _LOWER.items()}
