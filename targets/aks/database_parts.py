"""Database sub-resources on Azure: Flexible Server databases, users (SQL), per-IP rules, others."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database_parts as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import db_parts as DP
from ..tfbase.context import Ctx
from ..tfbase.keyed import keyed
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from . import database as D
from . import database_net as NET

# What MySQL 8 databases get when OVH's users create them (the engine's defaults), which
# azurerm_mysql_flexible_database requires written.
_MYSQL_DB = (("charset", "utf8mb4"), ("collation", "utf8mb4_0900_ai_ci"))


def _cluster(ctx: Ctx, node: N.Resource) -> tuple[N.Resource | None, str | None]:
    """The cluster of a sub-resource and the Azure service it became (None: not)."""
    return DP.cluster(ctx, node, D.service_of)


def _label(node: N.Resource) -> str:
    return f"{node.name}_user"


def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    inst, service = _cluster(ctx, node)
    if inst is None or service is None:
        return RefTarget(None, {})
    if service == "redis_cache":
        # no users: clients authenticate with the cache's access key
        return RefTarget(f"{D.RESOURCE[service]}.{inst.name}", {
            "password": "{self}.primary_access_key"}) if node.KIND == "DatabaseUser" \
            else RefTarget(None, {})
    if service == "eventhubs":
        # Kafka clients log in with SASL PLAIN: $ConnectionString and the namespace's
        return RefTarget(f"{D.RESOURCE[service]}.{inst.name}", {
            "password": "{self}.default_primary_connection_string",
            "name": '"$ConnectionString"'}) if node.KIND == "DatabaseUser" else \
            RefTarget(f"azurerm_eventhub.{node.name}", {"name": "{self}.name"}) \
            if node.KIND == "DatabaseTopic" else RefTarget(None, {})
    if service == "mongo_vcore":
        return RefTarget(f"random_password.{_label(node)}", {"password": "{self}.result"}) \
            if node.KIND == "DatabaseUser" else RefTarget(None, {})
    if node.KIND == "DatabaseDb":
        kind = "azurerm_postgresql_flexible_server_database" \
            if service == "postgresql_flexible" else "azurerm_mysql_flexible_database"
        return RefTarget(f"{kind}.{node.name}", {"name": "{self}.name"})
    if node.KIND == "DatabaseUser":
        given = node.get("name")
        name = E.str_value(given) if given is not None else None
        rules: dict[str, Any] = {"password": "{self}.result"}
        if name:
            rules["name"] = f'"{name}"'
        elif given is not None and _module_wide(given):
            # the name as written (a variable...): the role the IT338 hint creates, which a
            # connection string built from `<user>.name` keeps naming (eimis-synapse)
            rules["name"] = lambda head, rest: ctx.rewrite(given, node.module)
        return RefTarget(f"random_password.{_label(node)}", rules)
    return RefTarget(None, {})


def _module_wide(expr: E.Expr) -> bool:
    """`expr` means the same wherever the module reads it: no each/count/self."""
    return not any((t := E.traversal(p)) and t[0] in ("each", "count", "self")
                   for p in E.walk(expr))


def _server(inst: N.Resource, service: str, attr: str) -> E.Expr:
    return companions.same(inst, D.RESOURCE[service], attr)


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    if inst is None or service is None:
        return _not_translated(ctx, node, inst)
    if service == "mongo_vcore":
        DP.nothing(ctx, node)
        from . import database_mongo
        return database_mongo.lower_db(ctx, node)
    pg = service == "postgresql_flexible"
    kind = "azurerm_postgresql_flexible_server_database" if pg else \
        "azurerm_mysql_flexible_database"
    u = Use(ctx, node, f"{kind}.{node.name}")
    u.raw("engine")
    u.field("cluster")
    b = TfBlock("resource", (kind, node.name))
    b.set("name", u.expr("name"))
    if pg:
        b.set("server_id", _server(inst, service, "id"))
    else:
        b.set("resource_group_name", _server(inst, service, "resource_group_name"))
        b.set("server_name", _server(inst, service, "name"))
        for k, v in _MYSQL_DB:
            b.set(k, E.Literal(v), "MySQL 8's defaults, as OVH creates databases" if
                  k == "charset" else None)
    NET.side(ctx, node, b)
    ctx.primary[ctx.key_of(node)] = b
    u.done()


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    """Flexible Server has no user resource (roles live in SQL): the password is generated
    here, so outputs keep reading it, and the SQL that creates the user is the hint."""
    inst, service = _cluster(ctx, node)
    if inst is None or service is None:
        return _not_translated(ctx, node, inst)
    if service in ("redis_cache", "eventhubs"):
        return _cache_user(ctx, node, inst, service)
    if service == "mongo_vcore":
        from . import database_mongo
        return database_mongo.lower_user(ctx, node, inst)
    spec = S.read_user(ctx, node)
    u = Use(ctx, node, f"random_password.{_label(node)}")
    u.raw("engine")
    u.field("cluster")
    u.raw("name")
    NET.password(ctx, node, _label(node))
    name = spec.name.text or "<name>"
    u.raw("roles")
    roles = [r.upper() for r in spec.roles]
    server = f"{D.RESOURCE[service]}.{inst.name}"
    pw = f"<random_password.{_label(node)}.result>"
    if service == "postgresql_flexible":
        sql = (f"psql \"host=<{server}.fqdn> user=psqladmin dbname=postgres "
               f"sslmode=require\" -c \"CREATE ROLE {name} WITH LOGIN"
               f"{' ' + ' '.join(roles) if roles else ''} PASSWORD '{pw}'\"")
    else:
        sql = (f"mysql -h <{server}.fqdn> -u mysqladmin -p --ssl-mode=REQUIRED -e "
               f"\"CREATE USER '{name}'@'%' IDENTIFIED BY '{pw}'\" (then GRANT what the "
               "application needs)")
    ctx.sink.add("IT338", node.span, f"{node.address} is not created by Terraform: "
                 f"{NET_PRODUCT[service]} manages users in SQL (no azurerm resource); its "
                 f"password is random_password.{_label(node)}",
                 f"after apply: {sql}; or manage it with the "
                 f"{_PROVIDER[service]} provider")
    u.drop("password_reset", f"rotate with terraform apply -replace=random_password."
           f"{_label(node)} and ALTER the user's password")
    u.done()


def _cache_user(ctx: Ctx, node: N.Resource, inst: N.Resource, service: str) -> None:
    target = f"{D.RESOURCE[service]}.{inst.name}"
    if service == "eventhubs":
        return DP.said(ctx, node, target, "IT338", f"{node.address} is not translated: Event "
                       "Hubs has no Kafka users; clients log in with SASL PLAIN as "
                       "$ConnectionString and a connection string (references to its password "
                       f"now read {target}.default_primary_connection_string, which can send "
                       "and listen on every event hub)", "per-client rights: "
                       "azurerm_eventhub_authorization_rule (send/listen) per event hub, or "
                       "Entra ID role assignments (Azure Event Hubs Data Sender/Receiver)")
    DP.said(ctx, node, target, "IT338", f"{node.address} is not translated: Azure Cache for "
            "Redis has no users or ACL rules (categories, commands, keys, channels); clients "
            f"authenticate with azurerm_redis_cache.{inst.name}.primary_access_key (what "
            "references to its password now read), which grants every command",
            "for per-client permissions use Entra ID authentication with data access "
            "policies (azurerm_redis_cache_access_policy_assignment)")


_PROVIDER = {"postgresql_flexible": "cyrilgdn/postgresql", "mysql_flexible": "petoju/mysql"}
NET_PRODUCT = {"postgresql_flexible": "Azure Database for PostgreSQL flexible server",
               "mysql_flexible": "Azure Database for MySQL flexible server"}


def lower_ip(ctx: Ctx, node: N.Resource) -> None:
    """The removed per-IP resource: a firewall rule of its own (the resource's count or
    for_each kept), on a server with a public endpoint."""
    inst, service = _cluster(ctx, node)
    spec = S.read_ip_restriction(ctx, node)
    first = D.spec_of(ctx, inst).nodes.first if inst is not None else None
    if inst is None or service not in NET.COMPANION or spec.ip is None or (
            first is not None and first.network is not None) or \
            inst.meta.count is not None or inst.meta.for_each is not None:
        return _not_translated(ctx, node, inst)
    kind = NET.COMPANION[service][0]
    u = Use(ctx, node, f"{kind}.{node.name}")
    for k in ("engine", "ip", "description"):
        u.raw(k)
    u.field("cluster")
    b = TfBlock("resource", (kind, node.name))
    desc = E.str_value(spec.description) if spec.description is not None else None
    name = C.az_name(desc or node.name.replace("_", "-"), 70)
    # (rule names take letters, digits, hyphens and underscores: a CIDR key is rewritten)
    key = E.Call("replace", (E.ref("each.key"), E.Literal("/[^a-zA-Z0-9_-]/"),
                             E.Literal("-")))
    b.set("name", keyed(node, name, key))
    if service == "postgresql_flexible":
        b.set("server_id", _server(inst, service, "id"))
    else:
        b.set("resource_group_name", _server(inst, service, "resource_group_name"))
        b.set("server_name", _server(inst, service, "name"))
    text = E.str_value(spec.ip)
    start, end = NET.range_of(ctx.rewrite(spec.ip, node.module), text)
    b.set("start_ip_address", start)
    b.set("end_ip_address", end)
    NET.side(ctx, node, b)
    ctx.primary[ctx.key_of(node)] = b
    u.done()


def lower_topic(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    if inst is not None and service == "eventhubs":
        from . import database_kafka
        return database_kafka.lower_topic(ctx, node, inst)
    _not_translated(ctx, node, inst)


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    if inst is not None and service == "eventhubs" and node.KIND == "DatabaseAcl":
        DP.nothing(ctx, node)
        return DP.said(ctx, node, "Azure", "IT338", f"{node.address} is not translated: Event "
                       "Hubs has no Kafka ACLs", "grant send/listen per event hub with "
                       "azurerm_eventhub_authorization_rule or Entra ID role assignments")
    _not_translated(ctx, node, inst)


lower_extra = not_translated(
    "IT338", "{address} is not translated: it is an OVH database add-on (connection pool, "
    "integration, log subscription, metrics endpoint, index pattern) with no Azure resource",
    "Azure", "logs and metrics go to Azure Monitor (azurerm_monitor_diagnostic_setting); "
    "PostgreSQL's PgBouncer is a server parameter (pgbouncer.enabled = true)")


def _not_translated(ctx: Ctx, node: N.Resource, inst: N.Resource | None) -> None:
    DP.unbuilt(ctx, node, "Azure", inst, lambda c: (
        f"its cluster {c.address} is not an Azure server this translation builds", ""))
