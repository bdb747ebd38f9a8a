"""The builders one service's shape calls: RDS Multi-AZ and parameters, cache nodes, zones."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfBlock
from ..tfbase import companions, shape
from ..tfbase import db_plan as DP
from . import common as C
from . import database as D
from . import database_net as net
from . import unique_names
from .database_parts import cache_users, group_user_ids
from .database_rds import Builder, Lower

CACHE_GROUP = "aws_elasticache_user_group"  # built by the cache_user_group companion set


def _count(s: Lower) -> E.Expr:
    if s.spec.nodes.dynamic is not None:
        return E.Call("length", (s.rw(s.spec.nodes.dynamic),))
    return C.num(s.spec.nodes.count)


def multi_az(s: Lower, it: shape.Item, b: TfBlock) -> E.Expr:
    """From the written nodes and the plan; a plan or node list known at plan time only
    stays a choice made then, through a conditional on the same expressions."""
    ctx, node, spec, u = s.ctx, s.node, s.spec, s.u
    plan = u.raw("plan")
    # a plan written as a literal decides now; through a variable, at plan time
    tier = spec.plan.tier if E.str_value(plan) is not None else None
    if tier is not None and tier.value == "enterprise":
        ctx.sink.add("IT301", u.span("plan"), f"plan `enterprise` of {node.address}: a "
                     "Multi-AZ instance (one standby that serves no reads); OVH's third node "
                     "is a Multi-AZ DB cluster (aws_rds_cluster with two readable standbys) or "
                     "a read replica (aws_db_instance with replicate_source_db) on AWS")
    if len(spec.nodes.items) >= 2 or (tier is not None and spec.plan.ha):
        if tier is not None and tier.value != "enterprise":
            ctx.sink.add("IT301", u.span("plan"), f"the standby of {node.address} serves "
                         "reads on OVH (its replica endpoint); a Multi-AZ RDS standby does "
                         "not: add a read replica (replicate_source_db) for read traffic")
        return E.Literal(True)
    # a literal plan of a known tier is answered; a dynamic node list is still counted then
    out = DP.either(ctx, node, DP.ha_plans(ctx, "multi_az"), plan if tier is None else None,
                    spec.nodes.dynamic)
    if out is None:
        return E.Literal(False)
    DP.note(ctx, node, plan, "multi_az is true", key="multi_az")
    return out


def parameters(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """advanced_configuration -> a parameter group of the engine family; OVH component keys
    (pglookout, the OVH failover daemon) have no engine meaning."""
    ctx, node, spec = s.ctx, s.node, s.spec
    cfg = s.u.raw("advanced_configuration")
    if cfg is None:
        return
    where = cfg.span or node.span
    if spec.config.computed:
        ctx.sink.add("IT309", where, f"advanced_configuration of {node.address} is an "
                     "expression; set aws_db_parameter_group by hand")
        return
    major = E.str_value(s.scratch["version"])
    if not major or major.startswith("TODO"):
        ctx.sink.add("IT308", where, f"advanced_configuration of {node.address}: the engine "
                     "version is not known, so no parameter group family can be chosen; add "
                     "aws_db_parameter_group by hand")
        return
    g = TfBlock("resource", ("aws_db_parameter_group", node.name))
    g.set("name", net.name_of(node, C.aws_name(node.name, 255)))
    g.set("family", E.Literal(it["family"].format(engine=s.entry["engine"], major=major)))
    for entry in spec.config.entries:
        if entry.prefix not in it["prefixes"]:
            ctx.sink.add("IT302", entry.value.span or where, f"advanced_configuration "
                         f"`{entry.key}` of {node.address} is not translated: `{entry.prefix}` "
                         "is an OVH service component, not an engine parameter")
            continue
        p = g.block("parameter")
        p.set("name", E.Literal(entry.name))
        p.set("value", _param_value(s.rw(entry.value)))
        p.set("apply_method", E.Literal("pending-reboot"))
    net.side(ctx, node, g)
    unique_names.warn(ctx, node, g)  # (named after the database: IT308 in a repeated module)
    b.set("parameter_group_name", net.same(node, "aws_db_parameter_group", "name"))
    ctx.sink.add("IT301", where, "advanced_configuration keys become RDS parameters without "
                 "their OVH prefix (applied at the next reboot); check each is a parameter of "
                 "the family")


def _param_value(v: E.Expr) -> E.Expr:
    """RDS parameter groups take booleans as 1/0 (OVH writes true/false)."""
    text = str(v.value).lower() if isinstance(v, E.Literal) and isinstance(v.value, bool) \
        else (E.str_value(v) or "").lower()
    return E.Literal("1" if text == "true" else "0") if text in ("true", "false") else v


def cache_nodes(s: Lower, it: shape.Item, b: TfBlock) -> None:
    count = _count(s)
    b.set("num_cache_clusters", count)
    many: E.Expr = E.Literal(s.spec.nodes.count >= 2) if s.spec.nodes.dynamic is None else \
        E.Binary(">=", count, C.num(2))
    b.set("automatic_failover_enabled", many)
    b.set("multi_az_enabled", many)
    if s.spec.nodes.count < 2 and s.spec.plan.ha:
        s.ctx.sink.add("IT301", s.u.span("plan"), f"the plan of {s.node.address} is highly "
                       "available but one node is written: one cache node, no failover")
    s.u.raw("plan")


def user_group(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """The cache's users become an ElastiCache user group; a group must hold a user named
    `default`, which is switched off (OVH has no anonymous access either)."""
    ctx, node, engine = s.ctx, s.node, str(s.entry.get("engine", "valkey"))
    users = cache_users(ctx, node)
    if not users:
        return
    companions.build(ctx, ctx.tables.databases["companions"], "cache_user_group", node, {
        "uid": C.aws_name(node.name, 32), "gid": C.aws_name(node.name, 34), "engine": engine,
        "user_ids": group_user_ids(f"{node.name}_default", users)})
    b.set("user_group_ids", E.Tuple((E.ref(
        f"{CACHE_GROUP}.{node.name}.user_group_id"),)))
    ctx.sink.add("IT307", node.span, f"the users of {node.address} are an ElastiCache user "
                 "group with a disabled `default` user")


def brokers(s: Lower, it: shape.Item, b: TfBlock) -> E.Expr:
    """Brokers spread evenly over 2 or 3 zones: MSK needs a broker count that is a multiple
    of its client subnets, one subnet per zone."""
    written = s.spec.nodes.count if s.spec.nodes.dynamic is None else 3
    subnets, zones = net.zone_subnets(s.ctx, s.node, s.spec, 3 if written % 3 == 0 else 2)
    s.scratch["zone_subnets"] = subnets
    zones = max(zones, 2)  # MSK spreads brokers over two zones at least
    count = -(-written // zones) * zones
    if s.spec.nodes.dynamic is not None:
        s.ctx.sink.add("IT308", s.u.span("nodes"), f"the nodes of {s.node.address} come from "
                       f"a dynamic block; MSK needs a fixed broker count: {count} brokers "
                       f"over {zones} zones")
    elif count != written:
        s.ctx.sink.add("IT301", s.u.span("nodes"), f"{s.node.address}: {written} Kafka "
                       f"node(s) become {count} MSK brokers over {zones} zones (a multiple "
                       "of the zone count, 2 at least)")
    return C.num(count)


def zone_subnets(s: Lower, it: shape.Item, b: TfBlock) -> E.Expr:
    subnets: E.Expr = s.scratch["zone_subnets"]
    return subnets


def data_nodes(s: Lower, it: shape.Item, b: TfBlock) -> None:
    """OpenSearch data nodes: with two zones or more, a multiple of the zone count."""
    written = s.spec.nodes.count
    subnets, zones = net.zone_subnets(s.ctx, s.node, s.spec, (
        3 if written % 3 == 0 else 2) if written >= 2 else 1)
    s.scratch["zone_subnets"] = subnets
    count = -(-written // zones) * zones if zones > 1 else written
    if count != written:
        s.ctx.sink.add("IT301", s.u.span("nodes"), f"{s.node.address}: {written} OpenSearch "
                       f"node(s) become {count} data nodes over {zones} zones (a multiple of "
                       "the zone count)")
    b.set("instance_count", _count(s) if s.spec.nodes.dynamic is not None else C.num(count))
    if zones >= 2:
        b.set("zone_awareness_enabled", E.Literal(True))
        b.block("zone_awareness_config").set("availability_zone_count", C.num(zones))


def docdb_instances(s: Lower, it: shape.Item, b: TfBlock) -> None:
    node = s.node
    i = TfBlock("resource", ("aws_docdb_cluster_instance", node.name))
    if node.meta.count is None and node.meta.for_each is None:
        i.set("count", _count(s))
        i.set("identifier", C.tpl(C.aws_name(node.name) + "-", E.ref("count.index")))
    else:
        i.set("identifier", net.name_of(node, C.aws_name(node.name)))
        s.ctx.sink.add("IT308", node.span, f"{node.address} is repeated: one DocumentDB "
                       "instance per cluster is declared; add the others by hand")
    i.set("cluster_identifier", net.same(node, b.labels[0], "id"))
    i.set("instance_class", D.instance_class(s.ctx, node, s.u, "docdb", "a DocumentDB class"))
    net.side(s.ctx, node, i)


BUILDERS: dict[str, Builder] = {
    f.__name__: f for f in (multi_az, parameters, cache_nodes, user_group, brokers,
                            zone_subnets, data_nodes, docdb_instances)}
