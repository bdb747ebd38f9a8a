"""OVH MongoDB on Azure: a Cosmos DB for MongoDB (vCore) cluster, azurerm_mongo_cluster."""

from __future__ import annotations

from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..tfbase import db_parts as DP
from ..tfbase import db_plan as PLAN
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import mapped
from . import common as C
from . import database as D
from . import database_flex as F
from . import database_net as NET
from . import unique_names

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
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    if public:
        _firewall(ctx, node, spec)
    u.done()


def _firewall(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> None:
    NET.literal_rules(ctx, node, spec, "azurerm_mongo_cluster_firewall_rule",
                      lambda desc, i: C.az_name(desc or f"ovh-{i}", 80), KIND,
                      (("mongo_cluster_id", "id"),), ("start_ip_address", "end_ip_address"))


def lower_user(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """vCore users are not an azurerm resource: a password here, the command as the hint."""
    label = f"{node.name}_user"
    u = DP.read_all(ctx, node, f"random_password.{label}")
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
    DP.said(ctx, node, "Azure", "IT310", f"{node.address} has no counterpart to declare: "
            "MongoDB creates a database at its first write")
