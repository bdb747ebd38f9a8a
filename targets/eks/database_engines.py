"""ElastiCache (Valkey, Redis), MSK (Kafka) and OpenSearch domains from the neutral spec."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import common as C
from . import database as D
from . import database_net as net
from .database_parts import cache_users
from .database_rds import backup_regions, describe, storage, times

CACHE = "aws_elasticache_replication_group"
MSK = "aws_msk_cluster"
SEARCH = "aws_opensearch_domain"
MSK_IAM_PORT = 9098  # TLS with IAM authentication (9094 is TLS without it)


def _count(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> E.Expr:
    if spec.nodes.dynamic is not None:
        return E.Call("length", (ctx.rewrite(spec.nodes.dynamic, node.module),))
    return C.num(spec.nodes.count)


def _private_only(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, product: str) -> None:
    if spec.public:
        ctx.sink.add("IT301", node.span, f"{node.address} has a public endpoint on OVH; "
                     f"{product} is reachable only from inside its VPC (the EKS cluster, a "
                     "VPN or a bastion); the allow-list becomes security group rules")


def _common_drops(u: Use, spec: DatabaseSpec, product: str) -> None:
    u.raw("ip_restrictions")
    u.raw("nodes")
    backup_regions(u, spec, f"{product} keeps its snapshots in its region")
    for k in ("opensearch_acls_enabled", "kafka_rest_api", "kafka_schema_registry"):
        if k not in u.consumed:  # read above when it means something for this engine
            u.drop(k, f"not a {product} setting")
    if "description" not in u.consumed:
        u.drop("description", f"{product} has no description field")


def elasticache(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u = Use(ctx, node, f"{CACHE}.{node.name}")
    b = TfBlock("resource", (CACHE, node.name))
    u.raw("engine")
    net.region(ctx, node, spec, b)
    b.set("replication_group_id", net.name_of(node))
    desc = u.raw("description")
    b.set("description", ctx.rewrite(desc, node.module) if desc is not None
          else E.Literal(f"from {node.address}"))
    b.set("engine", E.Literal(str(entry.get("engine", "valkey"))))
    b.set("engine_version", D.engine_version(ctx, node, u, spec, entry))
    b.set("node_type", D.instance_class(ctx, node, u, "elasticache", "an ElastiCache node type"))
    b.set("port", C.num(int(entry.get("port", 6379))))
    count = _count(ctx, node, spec)
    b.set("num_cache_clusters", count)
    many: E.Expr = E.Literal(spec.nodes.count >= 2) if spec.nodes.dynamic is None else \
        E.Binary(">=", count, C.num(2))
    b.set("automatic_failover_enabled", many)
    b.set("multi_az_enabled", many)
    if spec.nodes.count < 2 and spec.plan.ha:
        ctx.sink.add("IT301", u.span("plan"), f"the plan of {node.address} is highly available "
                     "but one node is written: one cache node, no failover")
    u.raw("plan")
    b.set("subnet_group_name", net.subnet_group(ctx, node, spec,
                                                "aws_elasticache_subnet_group"))
    b.set("security_group_ids", E.Tuple((net.security_group(
        ctx, node, spec, int(entry.get("port", 6379)), "Access to the cache"),)))
    b.set("transit_encryption_enabled", E.Literal(True), "OVH serves Valkey over TLS only")
    b.set("at_rest_encryption_enabled", E.Literal(True))
    _user_group(ctx, node, b, str(entry.get("engine", "valkey")))
    times(ctx, node, u, spec, b, "snapshot_window", "maintenance_window", 60, 60)
    b.set("snapshot_retention_limit", C.num(1), "keep the daily snapshot OVH takes")
    if ctx.harden.deletion_protection:
        b.set("final_snapshot_identifier", net.name_of(node, C.aws_name(node.name), "-final"))
    u.drop("deletion_protection", "ElastiCache has no deletion protection; a final snapshot "
           "is taken on delete")
    u.drop("disk_size", "ElastiCache keeps data in memory (no disk to size)")
    u.drop("advanced_configuration", "set engine parameters with aws_elasticache_parameter_group "
           "(family valkey8 / redis7) and parameter_group_name")
    _private_only(ctx, node, spec, "ElastiCache")
    _common_drops(u, spec, "ElastiCache")
    P.place(ctx, node, b)
    u.done()


def _user_group(ctx: Ctx, node: N.Resource, b: TfBlock, engine: str) -> None:
    """The cache's users become an ElastiCache user group; a group must hold a user named
    `default`, which is switched off (OVH has no anonymous access either)."""
    users = cache_users(ctx, node)
    if not users:
        return
    d = TfBlock("resource", ("aws_elasticache_user", f"{node.name}_default"),
                comments=["scaffolding: every user group needs a `default` user; "
                          "this one can do nothing"])
    d.set("user_id", E.Literal(C.aws_name(node.name, 32) + "-default"))
    d.set("user_name", E.Literal("default"))
    d.set("engine", E.Literal(engine))
    d.set("access_string", E.Literal("off -@all"))
    d.block("authentication_mode").set("type", E.Literal("no-password-required"))
    ctx.emit(node.span, d)
    g = TfBlock("resource", ("aws_elasticache_user_group", node.name))
    g.set("user_group_id", E.Literal(C.aws_name(node.name, 34) + "-users"))
    g.set("engine", E.Literal(engine))
    g.set("user_ids", E.Tuple((E.ref(f"aws_elasticache_user.{node.name}_default.user_id"),)
                              + tuple(E.ref(f"aws_elasticache_user.{x.name}.user_id")
                                      for x in users)))
    ctx.emit(node.span, g)
    b.set("user_group_ids", E.Tuple((E.ref(
        f"aws_elasticache_user_group.{node.name}.user_group_id"),)))
    ctx.sink.add("IT307", node.span, f"the users of {node.address} are an ElastiCache user "
                 "group with a disabled `default` user")


def msk(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    """Brokers spread evenly over 2 or 3 zones: MSK needs a broker count that is a multiple
    of its client subnets, one subnet per zone."""
    u = Use(ctx, node, f"{MSK}.{node.name}")
    b = TfBlock("resource", (MSK, node.name))
    u.raw("engine")
    net.region(ctx, node, spec, b)
    b.set("cluster_name", net.name_of(node))
    b.set("kafka_version", D.engine_version(ctx, node, u, spec, entry))
    written = spec.nodes.count if spec.nodes.dynamic is None else 3
    client_subnets, zones = net.zone_subnets(ctx, node, spec, 3 if written % 3 == 0 else 2)
    zones = max(zones, 2)  # MSK spreads brokers over two zones at least
    brokers = -(-written // zones) * zones
    if spec.nodes.dynamic is not None:
        ctx.sink.add("IT308", u.span("nodes"), f"the nodes of {node.address} come from a "
                     f"dynamic block; MSK needs a fixed broker count: {brokers} brokers over "
                     f"{zones} zones")
    elif brokers != written:
        ctx.sink.add("IT301", u.span("nodes"), f"{node.address}: {written} Kafka node(s) "
                     f"become {brokers} MSK brokers over {zones} zones (a multiple of the zone "
                     "count, 2 at least)")
    b.set("number_of_broker_nodes", C.num(brokers))
    g = b.block("broker_node_group_info")
    g.set("instance_type", D.instance_class(ctx, node, u, "msk", "an MSK broker type"))
    g.set("client_subnets", client_subnets)
    g.set("security_groups", E.Tuple((net.security_group(
        ctx, node, spec, MSK_IAM_PORT, "Access to the brokers"),)))
    ebs = g.block("storage_info").block("ebs_storage_info")
    service: dict[str, Any] = ctx.tables.databases.get("services", {}).get("msk", {})
    storage(ctx, node, u, spec, ebs, "volume_size", service, "MSK")
    auth = b.block("client_authentication", comment="OVH Kafka refuses unauthenticated "
                   "clients; IAM is MSK's built-in client authentication")
    auth.set("unauthenticated", E.Literal(False))
    auth.block("sasl").set("iam", E.Literal(True))
    enc = b.block("encryption_info").block("encryption_in_transit")
    enc.set("client_broker", E.Literal("TLS"), "OVH Kafka clients connect over TLS")
    enc.set("in_cluster", E.Literal(True))
    u.raw("plan")
    u.raw("kafka_rest_api")  # false (or unset) loses nothing
    u.raw("kafka_schema_registry")
    if spec.kafka_rest_api is not False:
        u.drop("kafka_rest_api", "MSK has no REST proxy; run one (Confluent REST Proxy) in "
               "the EKS cluster")
    if spec.kafka_schema_registry is not False:
        u.drop("kafka_schema_registry", "MSK has no Karapace/Confluent schema registry: AWS "
               "Glue Schema Registry (aws_glue_registry) has another API, or run one in EKS")
    u.drop("deletion_protection", "MSK has no deletion protection")
    u.drop("backup_time", "MSK keeps no backups; replicate with MSK Replicator for recovery")
    u.drop("maintenance_time", "MSK patches brokers on its own schedule")
    u.drop("advanced_configuration", "set broker properties with aws_msk_configuration and "
           "configuration_info")
    describe(u, b, node)
    _private_only(ctx, node, spec, "MSK")
    _common_drops(u, spec, "MSK")
    P.place(ctx, node, b)
    u.done()


def opensearch(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u = Use(ctx, node, f"{SEARCH}.{node.name}")
    b = TfBlock("resource", (SEARCH, node.name))
    u.raw("engine")
    net.region(ctx, node, spec, b)
    b.set("domain_name", net.name_of(node, C.aws_name(node.name, 28)))
    b.note("a domain in a VPC needs the OpenSearch service-linked role once per account: aws "
           "iam create-service-linked-role --aws-service-name opensearchservice.amazonaws.com")
    b.set("engine_version", D.engine_version(ctx, node, u, spec, entry))
    c = b.block("cluster_config")
    c.set("instance_type", D.instance_class(ctx, node, u, "opensearch",
                                            "an OpenSearch instance type"))
    written = spec.nodes.count
    subnet_ids, zones = net.zone_subnets(ctx, node, spec, (
        3 if written % 3 == 0 else 2) if written >= 2 else 1)
    # with two zones, OpenSearch needs an even number of data nodes
    count = -(-written // zones) * zones if zones > 1 else written
    if count != written:
        ctx.sink.add("IT301", u.span("nodes"), f"{node.address}: {written} OpenSearch "
                     f"node(s) become {count} data nodes over {zones} zones (a multiple of "
                     "the zone count)")
    c.set("instance_count", _count(ctx, node, spec) if spec.nodes.dynamic is not None
          else C.num(count))
    if zones >= 2:
        c.set("zone_awareness_enabled", E.Literal(True))
        c.block("zone_awareness_config").set("availability_zone_count", C.num(zones))
    ebs = b.block("ebs_options")
    ebs.set("ebs_enabled", E.Literal(True))
    service: dict[str, Any] = ctx.tables.databases.get("services", {}).get("opensearch", {})
    storage(ctx, node, u, spec, ebs, "volume_size", service, "OpenSearch")
    ebs.set("volume_type", E.Literal(service.get("storage_type", "gp3")))
    vpc = b.block("vpc_options")
    vpc.set("subnet_ids", subnet_ids)
    vpc.set("security_group_ids", E.Tuple((net.security_group(
        ctx, node, spec, int(entry.get("port", 443)), "Access to the domain"),)))
    b.block("encrypt_at_rest").set("enabled", E.Literal(True))
    b.block("node_to_node_encryption").set("enabled", E.Literal(True))
    ep = b.block("domain_endpoint_options")
    ep.set("enforce_https", E.Literal(True))
    ep.set("tls_security_policy", E.Literal("Policy-Min-TLS-1-2-2019-07"))
    u.raw("opensearch_acls_enabled")
    if spec.opensearch_acls is not False:
        u.drop("opensearch_acls_enabled", "fine-grained access control "
               "(advanced_security_options) needs a master user or IAM role; enable it and "
               "map the OVH user ACLs to OpenSearch roles")
    u.raw("plan")
    u.drop("deletion_protection", "OpenSearch domains have no deletion protection")
    u.drop("backup_time", "OpenSearch takes hourly automated snapshots")
    u.drop("maintenance_time", "set off_peak_window_options for updates")
    u.drop("advanced_configuration", "set advanced_options (only a few keys are accepted)")
    describe(u, b, node)
    ctx.sink.add("IT301", node.span, f"{node.address}: OVH clients log in with OpenSearch "
                 "users; with no access policy the domain accepts only IAM-signed (SigV4) "
                 "requests until access_policies or fine-grained access control is added")
    _private_only(ctx, node, spec, "the OpenSearch domain")
    _common_drops(u, spec, "OpenSearch")
    P.place(ctx, node, b)
    u.done()
