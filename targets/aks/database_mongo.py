"""OVH MongoDB on Azure: a Cosmos DB for MongoDB (vCore) cluster, azurerm_mongo_cluster."""

from __future__ import annotations

from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec
from iac_translate.compiler.passes.database_settings import AllowEntry

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import db_plan as PLAN
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import mapped
from ..tfbase.use import Use
from . import common as C
from . import database as D
from . import database_flex as F
from . import database_net as NET

KIND, SERVICE = "azurerm_mongo_cluster", "mongo_vcore"
PRODUCT = "Azure Cosmos DB for MongoDB (vCore)"


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    facts: dict[str, Any] = ctx.tables.databases["services"][SERVICE]
    u, b = NET.opened(ctx, node, spec, KIND)
    first = spec.nodes.first
    b.set("version", mapped(ctx, node, u, "version", "db_version:mongodb",
                            dict(entry.get("versions", {})).get, "a vCore MongoDB version",
                            "IT308"))
    b.set("compute_tier", mapped(ctx, node, u, "flavor", f"db_flavor:{SERVICE}",
                                 partial(D.sku_of, ctx, SERVICE), "a vCore compute tier",
                                 "IT303"))
    b.set("administrator_username", E.Literal(facts["admin_login"]))
    b.set("administrator_password", NET.password(ctx, node, f"{node.name}_admin"))
    b.set("storage_size_in_gb", F.disk_gb(ctx, node, u, spec, facts, PRODUCT))
    b.set("shard_count", NET.num(1), "one shard: an OVH replica set is not sharded")
    u.raw("nodes")
    b.set("high_availability_mode", PLAN.by_plan(ctx, node, u, spec,
                                                 "high_availability_mode",
                                                 "ZoneRedundantPreferred", "Disabled"))
    if spec.ha:
        ctx.sink.add("IT301", u.span("plan"), f"the {len(spec.nodes.items) or 3}-node replica "
                     f"set of {node.address} becomes a vCore shard with a high-availability "
                     "standby: no secondaries to read from (readPreference secondary reads "
                     "the primary)")
    ctx.sink.add("IT301", u.span("version"), f"{node.address}: {entry.get('gap', '')}")
    public = first is None or first.network is None
    b.set("public_network_access", E.Literal("Enabled" if public else "Disabled"))
    if not public:
        ctx.sink.add("IT308", first.network.span if first and first.network else node.span,
                     f"{node.address} is on an OVH private network: reach the cluster "
                     "through a private endpoint (azurerm_private_endpoint with subresource "
                     "MongoCluster and the privatelink.mongocluster.cosmos.azure.com zone)")
    if u.raw("backup_time") is not None:
        ctx.sink.add("IT301", u.span("backup_time"), f"backup_time of {node.address}: "
                     f"{PRODUCT} backs up continuously (35 days of point-in-time restore), "
                     "with no time argument")
    u.drop("backup_regions", f"{PRODUCT} keeps its backups in the cluster's region")
    u.drop("maintenance_time", f"{PRODUCT} has no maintenance window argument")
    NET.protect_note(ctx, node, u, PRODUCT, b)
    u.drop("advanced_configuration", f"{PRODUCT} has no mongod configuration")
    for k in ("engine", "ip_restrictions"):
        u.raw(k)
    P.place(ctx, node, b)
    if public:
        _firewall(ctx, node, spec)
    u.done()


def _firewall(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> None:
    for i, item in enumerate(spec.allow.items):
        if not isinstance(item, AllowEntry):
            ctx.sink.add("IT308", item.for_each.span or node.span, f"a dynamic "
                         f"ip_restrictions of {node.address} is not translated; declare "
                         "azurerm_mongo_cluster_firewall_rule resources by hand")
            continue
        if item.ip is None:
            continue
        r = TfBlock("resource", ("azurerm_mongo_cluster_firewall_rule",
                                 f"{node.name}_{i}" if i else node.name))
        desc = E.str_value(item.description) if item.description is not None else None
        r.set("name", E.Literal(C.az_name(desc or f"ovh-{i}", 80)))
        r.set("mongo_cluster_id", companions.same(node, KIND, "id"))
        start, end = NET.range_of(ctx.rewrite(item.ip, node.module), item.cidr)
        r.set("start_ip_address", start)
        r.set("end_ip_address", end)
        NET.private_source(ctx, node, item)
        NET.side(ctx, node, r)


def lower_user(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """vCore users are not an azurerm resource: a password here, the command as the hint."""
    label = f"{node.name}_user"
    u = Use(ctx, node, f"random_password.{label}")
    for name, _ in node.args:
        u.raw(name)
    NET.password(ctx, node, label)
    name = E.str_value(node.get("name")) if node.get("name") is not None else "<name>"
    ctx.sink.add("IT338", node.span, f"{node.address} is not created by Terraform: {PRODUCT} "
                 "users are not an azurerm resource, and a native user is read-only or "
                 "read-write on every database (roles such as readWrite@catalog are not "
                 f"per database); its password is random_password.{label}",
                 f"after apply: mongosh \"<{KIND}.{inst.name} connection string>\" --eval "
                 f"'db.runCommand({{createUser: \"{name}\", pwd: \"<random_password.{label}"
                 ".result>\", roles: [{role: \"readWriteAnyDatabase\", db: \"admin\"}]})'")
    u.done()


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    # MongoDB creates a database at its first write: there is nothing to declare.
    u = Use(ctx, node, "Azure")
    for name, _ in node.args:
        u.raw(name)
    ctx.sink.add("IT310", node.span, f"{node.address} has no counterpart to declare: MongoDB "
                 "creates a database at its first write")
    u.done()
