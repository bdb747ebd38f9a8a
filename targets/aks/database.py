"""AKS lowering of managed databases: Flexible Server, Azure Cache for Redis; others reported."""

from __future__ import annotations

from types import ModuleType
from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase import db_parts as DP
from ..tfbase import dbfamily, dbtables
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import children_of, entry_of, memo_of, spec_of
from ..tfbase.dbmappers import flavor_of as sku_of
from ..tfbase.dbmappers import mappers
from ..tfbase.refs import RefTarget

# (the family's readings and table lookups)
__all__ = ["children_of", "entry_of", "mappers", "memo_of", "sku_of", "spec_of"]

# service -> the azurerm resource that holds the endpoint, for the services this family
# builds today (the types stay here, where tests/schema/gen_required.py finds them); the
# table's other services (redis_cache, eventhubs, mongo_vcore) are reported until built.
RESOURCE = {"postgresql_flexible": "azurerm_postgresql_flexible_server",
            "mysql_flexible": "azurerm_mysql_flexible_server",
            "redis_cache": "azurerm_redis_cache", "eventhubs": "azurerm_eventhub_namespace",
            "mongo_vcore": "azurerm_mongo_cluster"}
# service -> the attributes of its endpoint (host, port), and its URI when not
# scheme://host:port (vCore clusters are reached by SRV record and TLS; no retryable writes)
_ENDPOINT = {"redis_cache": ("{self}.hostname", "{self}.ssl_port"),
             "eventhubs": ('"${{self}.name}.servicebus.windows.net"', "9093"),
             "mongo_vcore": ('"${{self}.name}.global.mongocluster.cosmos.azure.com"',
                             "10260")}
_URI = {"mongo_vcore": '"mongodb+srv://${{self}.name}.global.mongocluster.cosmos.azure.com'
                       '/?tls=true&retrywrites=false"'}


def service_of(ctx: Ctx, node: N.Resource) -> str | None:
    return dbfamily.service_in(ctx, node, RESOURCE)


def declare_database(ctx: Ctx, node: N.Resource) -> RefTarget:
    service = service_of(ctx, node)
    if service is None:
        return RefTarget(None, {})
    spec = spec_of(ctx, node)
    entry = entry_of(ctx, spec)
    scheme = ctx.tables.databases["schemes"].get(spec.engine.name or "", spec.engine.name)
    host, port = _ENDPOINT.get(service, ("{self}.fqdn", str(entry["port"])))
    uri_port = port if port.isdigit() else "${" + port + "}"
    uri_host = host[1:-1] if host.startswith('"') else "${" + host + "}"
    return RefTarget(f"{RESOURCE[service]}.{node.name}", {
        "endpoints[].domain": host, "endpoints[].port": port,
        "endpoints[].uri": _URI.get(service, f'"{scheme}://{uri_host}:{uri_port}"'),
        "description": "{self}.name",
        **({"engine": f'"{spec.engine.written}"'} if spec.engine.written else {})})


def lower_database(ctx: Ctx, node: N.Resource) -> None:
    dbfamily.lower_database(ctx, node, service_of, _untranslated, _lower)


def _lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
           service: str) -> None:
    if service == "mongo_vcore":
        from . import database_mongo
        return database_mongo.lower(ctx, node, spec, entry)
    if service == "eventhubs":
        from . import database_kafka
        return database_kafka.lower(ctx, node, spec, entry)
    if service == "redis_cache":
        from . import database_redis
        return database_redis.lower(ctx, node, spec, entry)
    from . import database_flex
    database_flex.lower(ctx, node, spec, entry, service)


def _untranslated(ctx: Ctx, node: N.Resource, spec: DatabaseSpec,
                  entry: dict[str, Any]) -> None:
    """An engine with no Flexible Server: what Azure offers instead (or would: the table's
    resource, not built yet) and what differs, with a located TODO."""
    engine = spec.engine.written or "engine unknown"
    resource = entry.get("resource")
    if spec.engine.written is None and spec.engine.name is None and node.mode == "managed":
        # (a module translated alone: its caller sets the engine)
        shown = to_hcl(spec.engine.source) if spec.engine.source is not None else "none"
        ctx.sink.add("IT338", (spec.engine.source or node).span or node.span,
                     f"{node.address} is not translated: its engine is not a literal "
                     f"(`{shown}`), so which Azure service it becomes is not known",
                     "translate the configuration that sets it (the module's caller), or "
                     "write the engine (postgresql, mysql, redis...)")
        return DP.todo(ctx, node, "Azure", f"TODO(IT338): {node.address} is not translated: "
                       f"its engine `{shown}` is not known")
    if node.mode == "data":
        ctx.sink.add("IT305", node.span, f"{node.address} reads an existing OVH {engine} "
                     "cluster; there is no Azure server to read until one is created",
                     f"once migrated, read it with data.{resource}" if resource else "")
    elif resource is not None:
        ctx.sink.add("IT338", node.span, f"{node.address} ({engine}) is not translated: the "
                     f"Azure counterpart is {resource}, which this translation does not "
                     f"build yet; {entry.get('gap') or entry.get('note', '')}",
                     f"declare {resource} by hand ({entry.get('note', '')})")
    else:
        ctx.sink.add("IT338", node.span, f"{node.address} ({engine}) is not translated: "
                     f"Azure offers no managed {engine}"
                     f"{'; ' + entry['note'] if entry.get('note') else ''}",
                     f"use instead: {entry['instead']}" if entry.get("instead") else "")
    what = resource or entry.get("instead") or "nothing"
    DP.todo(ctx, node, "Azure", f"TODO(IT338): {node.address} (engine {engine}) is not "
            f"translated; Azure: {what}")


def _parts() -> ModuleType:
    from . import database_parts
    return database_parts


DECLARE, LOWER = dbtables.tables(__name__, _parts, declare_database, lower_database,
                                 "lower_topic")
