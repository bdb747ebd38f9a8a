"""Cloud SQL instances and the database sub-resources (databases, users, topics, allow-lists)."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import literal_str
from . import common as C

SQL = "google_sql_database_instance"
# Why users/databases of a translated cluster are still not translated (by engine).
_SUB_REASONS = {
    "valkey": "Memorystore for Valkey authenticates with IAM, not per-user ACLs",
    "redis": "Memorystore authenticates with IAM or an AUTH string, not per-user ACLs",
    "kafka": "Managed Kafka clients authenticate as IAM principals (service accounts with "
             "roles/managedkafka.client), not as SASL users",
}
_PLAN_DEFAULT = {"availability_type": "ZONAL"}


def cloud_sql(ctx: Ctx, node: N.Resource, entry: dict[str, Any], engine: str) -> None:
    from .database import flavor_spec, iso_hhmm, node_count, region_from_nodes
    u = Use(ctx, node, SQL)
    b = TfBlock("resource", (SQL, node.name))
    b.set("name", E.Literal(C.gcp_name(node.name.replace("_", "-"), 80)))
    count, first = node_count(u)
    b.set("region", region_from_nodes(ctx, node, first))
    b.set("database_version", _version(ctx, node, u, entry, engine))
    prot = u.raw("deletion_protection")
    b.set("deletion_protection", ctx.rewrite(prot, node.module) if prot else E.Literal(False))
    desc = u.raw("description")
    if desc is not None and E.str_value(desc):
        b.note(f"{E.str_value(desc)} (from {node.address})")
    s = b.block("settings")
    spec, name = flavor_spec(ctx, node, u)
    if spec is not None:
        tier = custom_tier(spec["vcpu"], spec["ram_gb"])
        s.set("tier", E.Literal(tier))
        ctx.sink.add("IT306", u.span("flavor"), f"database flavor `{name}` ({spec['vcpu']} vCPU, "
                     f"{spec['ram_gb']} GB) mapped to tier {tier}")
    s.set("edition", E.Literal("ENTERPRISE"), "custom tiers need the ENTERPRISE edition")
    plan = literal_str(u.raw("plan"), node, ctx)
    plans: dict[str, Any] = ctx.tables.databases.get("plans", {})
    avail = plans.get(plan or "", _PLAN_DEFAULT).get("availability_type", "ZONAL")
    if count >= 2:
        avail = "REGIONAL"
    s.set("availability_type", E.Literal(avail))
    if plan == "enterprise":
        ctx.sink.add("IT301", u.span("plan"), "plan `enterprise`: a REGIONAL instance; add read "
                     "replicas (google_sql_database_instance with master_instance_name) for the "
                     "extra nodes")
    disk = u.expr("disk_size")
    if disk is not None:
        s.set("disk_size", disk)
        s.set("disk_autoresize", E.Literal(False))
    s.set("disk_type", E.Literal("PD_SSD"))
    _ip(ctx, node, u, s, first)
    backup = s.block("backup_configuration")
    backup.set("enabled", E.Literal(True))
    start = iso_hhmm(literal_str(u.raw("backup_time"), node, ctx))
    if start:
        backup.set("start_time", E.Literal(start))
    if engine == "postgresql":
        backup.set("point_in_time_recovery_enabled", E.Literal(True))
    else:
        backup.set("binary_log_enabled", E.Literal(True))
    regions = u.raw("backup_regions")
    if isinstance(regions, E.Tuple) and regions.items:
        backup.set("location", C.map_region(ctx, node, regions.items[0]))
        if len(regions.items) > 1:
            ctx.sink.add("IT301", regions.span, "Cloud SQL keeps backups in one location; the "
                         "first backup region is used")
    maint = iso_hhmm(literal_str(u.raw("maintenance_time"), node, ctx))
    if maint:
        w = s.block("maintenance_window", comment="OVH maintenance is daily; Cloud SQL "
                    "needs a day of the week (7 = Sunday)")
        w.set("day", C.num(7))
        w.set("hour", C.num(int(maint[:2])))
    _flags(ctx, node, u, s)
    drop_common(ctx, node, u, "Cloud SQL")
    P.place(ctx, node, b)
    u.done()


def custom_tier(vcpu: int, ram_gb: float) -> str:
    """A Cloud SQL custom tier: even vCPU (or 1), 0.9-6.5 GB per vCPU, RAM a multiple of 256 MB."""
    cpus = vcpu if vcpu == 1 or vcpu % 2 == 0 else vcpu + 1
    mb = int(round(ram_gb * 1024 / 256)) * 256
    mb = max(mb, int(cpus * 0.9 * 1024 / 256 + 1) * 256)
    mb = min(mb, int(cpus * 6.5 * 1024 / 256) * 256)
    return f"db-custom-{cpus}-{mb}"


def _version(ctx: Ctx, node: N.Resource, u: Use, entry: dict[str, Any], engine: str) -> E.Expr:
    raw = u.raw("version")
    version = literal_str(raw, node, ctx)
    mapped = entry.get("versions", {}).get(version or "")
    if mapped:
        return E.Literal(mapped)
    prefix = {"postgresql": "POSTGRES_", "mysql": "MYSQL_"}.get(engine, "")
    if raw is not None and version is None and prefix == "POSTGRES_":
        ctx.sink.add("IT309", raw.span, "the PostgreSQL version is computed; Cloud SQL needs "
                     "POSTGRES_<major>")
        return C.tpl(prefix, ctx.rewrite(raw, node.module))
    ctx.sink.add("IT308", raw.span if raw else node.span, f"{engine} version `{version}` is not "
                 "in the mapping table; choose a Cloud SQL database_version")
    return E.Literal(f"TODO(IT308): {engine} {version}")


def _ip(ctx: Ctx, node: N.Resource, u: Use, s: TfBlock, first: E.Expr | None) -> None:
    ip = s.block("ip_configuration")
    network = network_of(ctx, node, first)
    ip.set("ipv4_enabled", E.Literal(network is None))
    if network is not None:
        ip.set("private_network", network)
        scaffold_private_service_access(ctx, node, network)
    ip.set("ssl_mode", E.Literal("ENCRYPTED_ONLY"))
    restrictions = u.raw("ip_restrictions")
    if isinstance(restrictions, E.BlockSeq):
        for item in restrictions.items:
            if isinstance(item, E.Object):
                add_network(ip, ctx.rewrite(E.obj_get(item, "ip") or E.Literal(""), node.module),
                            _rewrite_opt(ctx, E.obj_get(item, "description"), node))
            else:
                dyn = ip.block("dynamic", "authorized_networks")
                dyn.set("for_each", ctx.rewrite(item.for_each, node.module))
                dyn.set("iterator", E.Var(item.iterator or "ip_restrictions"))
                c = dyn.block("content")
                c.set("value", _rewrite_opt(ctx, E.obj_get(item.content, "ip"), node))
                c.set("name", _rewrite_opt(ctx, E.obj_get(item.content, "description"), node))


def _rewrite_opt(ctx: Ctx, e: E.Expr | None, node: N.Resource) -> E.Expr | None:
    return ctx.rewrite(e, node.module) if e is not None else None


def add_network(ip: TfBlock, value: E.Expr, name: E.Expr | None) -> None:
    n = ip.block("authorized_networks")
    n.set("value", value)
    if name is not None:
        n.set("name", name)


def network_of(ctx: Ctx, node: N.Resource, first: E.Expr | None) -> E.Expr | None:
    net = E.obj_get(first, "network_id") if isinstance(first, E.Object) else None
    return ctx.rewrite(net, node.module) if net is not None else None


def scaffold_private_service_access(ctx: Ctx, node: N.Resource, network: E.Expr) -> None:
    from iac_translate.compiler.hcl.printer import to_hcl
    key = "psa:" + to_hcl(network)

    def make() -> TfBlock:
        return TfBlock("resource", ("google_service_networking_connection", "private_services"))

    if f"{node.module}|{key}" in ctx.scaffolds:
        return
    addr = ctx.scaffold(key + ":addr", node.module, lambda: _psa_address(network))
    del addr
    conn = ctx.scaffold(key, node.module, make)
    conn.note("scaffolding: private services access, needed for Cloud SQL private IP")
    conn.set("network", network)
    conn.set("service", E.Literal("servicenetworking.googleapis.com"))
    conn.set("reserved_peering_ranges",
             E.Tuple((E.ref("google_compute_global_address.private_services.name"),)))
    ctx.sink.add("IT307", node.span, f"{node.address} uses a private network: private services "
                 "access (a reserved range and a peering) is added for Cloud SQL")


def _psa_address(network: E.Expr) -> TfBlock:
    a = TfBlock("resource", ("google_compute_global_address", "private_services"))
    a.set("name", E.Literal("private-services"))
    a.set("purpose", E.Literal("VPC_PEERING"))
    a.set("address_type", E.Literal("INTERNAL"))
    a.set("prefix_length", C.num(16))
    a.set("network", network)
    return a


def _flags(ctx: Ctx, node: N.Resource, u: Use, s: TfBlock) -> None:
    cfg = u.raw("advanced_configuration")
    if cfg is None:
        return
    if not isinstance(cfg, E.Object):
        ctx.sink.add("IT309", cfg.span, "advanced_configuration is computed; set database_flags "
                     "by hand")
        return
    for k, v in cfg.items:
        key = E.key_name(k) or ""
        flag = key.split(".", 1)[1] if "." in key else key
        f = s.block("database_flags")
        f.set("name", E.Literal(flag))
        f.set("value", ctx.rewrite(v, node.module))
    ctx.sink.add("IT301", cfg.span, "advanced_configuration keys become Cloud SQL database_flags "
                 "without their engine prefix; check each flag is supported by Cloud SQL")


def drop_common(ctx: Ctx, node: N.Resource, u: Use, product: str) -> None:
    if product != "Cloud SQL":
        u.drop("ip_restrictions", f"{product} is reached only through private endpoints in the "
               "VPC; restrict access with firewall rules instead of an IP allow-list")
    for k in ("plan", "disk_size", "backup_time", "maintenance_time", "backup_regions",
              "deletion_protection", "ip_restrictions", "advanced_configuration"):
        if node.get(k) is not None and k not in u.consumed:
            u.drop(k, f"{product} has no equivalent setting")
    u.raw("engine")
    u.raw("version")
    u.raw("nodes")
    u.raw("flavor")
    u.drop("opensearch_acls_enabled", f"not a {product} setting")
    u.drop("description", f"{product} has no description field")


# --- sub-resources -----------------------------------------------------------------------

def _instance(ctx: Ctx, node: N.Resource, u: Use) -> tuple[N.Resource | None, TfBlock | None]:
    raw = u.field("cluster")
    inst = ctx.resolve(raw, node.module)
    return inst, (ctx.primary.get(ctx.key_of(inst)) if inst else None)


def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.KIND == "DatabaseDb":
        return RefTarget(C.self_ref("google_sql_database", node), {"name": "{self}.name"})
    if node.KIND == "DatabaseUser":
        return RefTarget(C.self_ref("google_sql_user", node), {
            "name": "{self}.name", "password": f"random_password.{node.name}.result"})
    if node.KIND == "DatabaseTopic":
        return RefTarget(C.self_ref("google_managed_kafka_topic", node),
                         {"name": "{self}.topic_id"})
    return RefTarget(None, {})


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_sql_database")
    inst, block = _instance(ctx, node, u)
    u.raw("engine")
    if block is None or block.labels[0] != SQL:
        return _not_applicable(ctx, node, u, inst)
    b = TfBlock("resource", ("google_sql_database", node.name))
    b.set("name", u.expr("name"))
    b.set("instance", E.ref(f"{SQL}.{inst.name}.name"))  # type: ignore[union-attr]
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_sql_user")
    inst, block = _instance(ctx, node, u)
    u.raw("engine")
    if block is None or block.labels[0] != SQL:
        return _not_applicable(ctx, node, u, inst)
    pw = TfBlock("resource", ("random_password", node.name),
                 comments=["OVH generates database passwords; random_password does it here"])
    pw.set("length", C.num(32))
    pw.set("special", E.Literal(False))
    P.emit_meta(ctx, pw, node, {})
    ctx.emit(node.span, pw)
    ctx.extra_providers["random"] = {"source": "hashicorp/random", "version": "~> 3.6"}
    b = TfBlock("resource", ("google_sql_user", node.name))
    b.set("name", u.expr("name"))
    b.set("instance", E.ref(f"{SQL}.{inst.name}.name"))  # type: ignore[union-attr]
    b.set("password", E.ref(f"random_password.{node.name}.result"))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.drop("roles", "grant roles with SQL or the cyrilgdn/postgresql provider")
    u.drop("password_reset", "rotate by tainting random_password")
    u.drop("group", "no user groups on Cloud SQL")
    u.done()


def lower_topic(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_managed_kafka_topic")
    inst, block = _instance(ctx, node, u)
    if block is None or block.labels[0] != "google_managed_kafka_cluster":
        return _not_applicable(ctx, node, u, inst)
    b = TfBlock("resource", ("google_managed_kafka_topic", node.name))
    b.set("topic_id", u.expr("name"))
    b.set("cluster", E.ref(f"google_managed_kafka_cluster.{inst.name}.cluster_id"))  # type: ignore[union-attr]
    b.set("location", E.ref(f"google_managed_kafka_cluster.{inst.name}.location"))  # type: ignore[union-attr]
    b.set("partition_count", u.expr("partitions"))
    b.set("replication_factor", u.expr("replication") or C.num(3))
    configs: list[tuple[E.Expr, E.Expr]] = []
    hours = u.expr("retention_hours")
    if hours is not None:
        configs.append((E.Literal("retention.ms"), E.Call("tostring", (
            E.Binary("*", hours, C.num(3600000)),))))
    for src, dst in (("retention_bytes", "retention.bytes"),
                     ("min_insync_replicas", "min.insync.replicas")):
        v = u.expr(src)
        if v is not None:
            configs.append((E.Literal(dst), E.Call("tostring", (v,))))
    if configs:
        b.set("configs", E.Object(tuple(configs)))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def lower_ip_restriction(ctx: Ctx, node: N.Resource) -> None:
    """The removed per-IP resource merges into the instance's authorized networks."""
    u = Use(ctx, node, SQL)
    inst, block = _instance(ctx, node, u)
    u.raw("engine")
    ip = u.raw("ip")
    desc = u.raw("description")
    settings = block.find("settings") if block is not None else None
    ipc = settings.find("ip_configuration") if settings is not None else None
    if ipc is None or ip is None:
        return _not_applicable(ctx, node, u, inst)
    m = node.meta
    if m.for_each is None and m.count is None:
        add_network(ipc, ctx.rewrite(ip, node.module),
                    ctx.rewrite(desc, node.module) if desc is not None else None)
    else:
        it = "authorized_networks"
        dyn = ipc.block("dynamic", it)
        coll = m.for_each if m.for_each is not None else E.Call("range", (m.count,))
        dyn.set("for_each", ctx.rewrite(coll, node.module))
        c = dyn.block("content")
        c.set("value", _iter(ctx.rewrite(ip, node.module), it))
        if desc is not None:
            c.set("name", _iter(ctx.rewrite(desc, node.module), it))
    ctx.sink.add("IT306", node.span, f"{node.address} merged into the authorized networks of "
                 f"{SQL}.{inst.name}")  # type: ignore[union-attr]
    u.done()


def _iter(e: E.Expr, it: str) -> E.Expr:
    """each.value/each.key/count.index -> the dynamic block iterator."""
    def fn(n: E.Expr) -> E.Expr | None:
        t = E.traversal(n)
        if t and t[0] == "each" and t[1] and t[1][0][0] == "attr":
            return E.build_traversal(it, list(t[1]))
        if t and t[0] == "count" and t[1] == [("attr", "index")]:
            return E.ref(f"{it}.key")
        return None
    return E.transform(e, fn)


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "GCP")
    for name, _ in node.args:
        u.raw(name)
    what = {"DatabaseAcl": "Managed Kafka authorises with IAM (roles/managedkafka.client) or "
                           "google_managed_kafka_acl with IAM principals"}.get(
        node.KIND, "it is an OVH database add-on with no portable equivalent")
    ctx.sink.add("IT302", node.span, f"{node.address} is not translated: {what}")
    u.done()


def _not_applicable(ctx: Ctx, node: N.Resource, u: Use, inst: N.Resource | None) -> None:
    for name, _ in node.args:
        u.raw(name)
    if inst is None:
        ctx.sink.add("IT206", node.span, f"{node.address}: its database cluster is not declared "
                     "in this module")
    else:
        engine = literal_str(inst.get("engine"), inst, ctx) or ""
        why = _SUB_REASONS.get(engine, f"its cluster {inst.address} has no GCP equivalent "
                                       "for it")
        ctx.sink.add("IT302", node.span, f"{node.address} is not translated: {why}")
    u.done()
