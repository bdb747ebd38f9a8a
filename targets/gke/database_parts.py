"""Database sub-resources (databases, users, topics, allow-lists) and shared drop rules."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database_parts as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import default_db as DD
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget, Rule
from ..tfbase.use import Use
from . import common as C
from .cloudsql import PRIVATE_ONLY, add_network

SQL = "google_sql_database_instance"
# Why users/databases of a translated cluster are still not translated (by engine).
_SUB_REASONS = {
    "valkey": "Memorystore for Valkey authenticates with IAM, not per-user ACLs",
    "redis": "Memorystore authenticates with IAM or an AUTH string, not per-user ACLs",
    "kafka": "Managed Kafka clients authenticate as IAM principals (service accounts with "
             "roles/managedkafka.client), not as SASL users",
}


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
            "name": "{self}.name", "password": _password_of(node.name)})
    if node.KIND == "DatabaseTopic":
        return RefTarget(C.self_ref("google_managed_kafka_topic", node),
                         {"name": "{self}.topic_id"})
    return RefTarget(None, {})


def _password_of(label: str) -> Rule:
    """`random_password.<label>` of the same instance as the google_sql_user reference
    (`user[0].password` -> `random_password.user[0].result`): a counted user's
    password is counted too, and the bare address is no value (Missing resource instance key)."""
    def rule(head: E.Expr, rest: list[E.Step]) -> E.Expr:
        t = E.traversal(head)
        assert t is not None  # the head is the google_sql_user address with its keys
        return E.build_traversal("random_password", [("attr", label), *t[1][1:],
                                                     ("attr", "result"), *rest], head.span)
    return rule


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_sql_database")
    inst, block = _instance(ctx, node, u)
    u.raw("engine")
    if block is None or block.labels[0] != SQL:
        return _not_applicable(ctx, node, u, inst)
    b = TfBlock("resource", ("google_sql_database", node.name))
    b.set("name", _rw(ctx, node, u, "name", S.read_db(ctx, node).name.source))
    b.set("instance", E.ref(f"{SQL}.{inst.name}.name"))  # type: ignore[union-attr]
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def default_database(ctx: Ctx, inst: N.Resource) -> None:
    """OVH's `defaultdb`, read by the module (a connection string) and not declared in it,
    is created: Cloud SQL makes only its engine's own database (postgres, or none)."""
    reads = DD.reads(ctx, inst)
    if not reads or DD.declared(ctx, inst):
        return
    at = reads[0].span or inst.span
    if inst.meta.count is not None or inst.meta.for_each is not None:
        ctx.sink.add("IT308", at, f"`{DD.DEFAULT_DB}` (the database OVH creates in every "
                     f"cluster) is read here; {SQL}.{inst.name} is repeated, so no "
                     "google_sql_database creates it", "declare a google_sql_database "
                     "per instance")
        return
    label = f"{inst.name}_{DD.DEFAULT_DB}"
    b = TfBlock("resource", ("google_sql_database", label), comments=[
        f"OVH creates {DD.DEFAULT_DB} in {inst.address}; the source reads it"])
    b.set("name", E.Literal(DD.DEFAULT_DB))
    b.set("instance", E.ref(f"{SQL}.{inst.name}.name"))
    ctx.emit(inst.span, b)
    ctx.sink.add("IT306", at, f"`{DD.DEFAULT_DB}` (the database OVH creates in every "
                 f"cluster) is read here: google_sql_database.{label} creates it")


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
    spec = S.read_user(ctx, node)
    b.set("name", _rw(ctx, node, u, "name", spec.name.source))
    b.set("instance", E.ref(f"{SQL}.{inst.name}.name"))  # type: ignore[union-attr]
    # the random_password of the same instance: both carry the user's count/for_each
    b.set("password", companions.same(node, "random_password", "result"))
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
    spec = S.read_topic(ctx, node)
    b = TfBlock("resource", ("google_managed_kafka_topic", node.name))
    b.set("topic_id", _rw(ctx, node, u, "name", spec.name.source))
    b.set("cluster", E.ref(f"google_managed_kafka_cluster.{inst.name}.cluster_id"))  # type: ignore[union-attr]
    b.set("location", E.ref(f"google_managed_kafka_cluster.{inst.name}.location"))  # type: ignore[union-attr]
    b.set("partition_count", _rw(ctx, node, u, "partitions", spec.partitions))
    b.set("replication_factor", _rw(ctx, node, u, "replication", spec.replication) or
          C.num(3))
    configs: list[tuple[E.Expr, E.Expr]] = []
    hours = _rw(ctx, node, u, "retention_hours", spec.retention_hours)
    if hours is not None:
        configs.append((E.Literal("retention.ms"), E.Call("tostring", (
            E.Binary("*", hours, C.num(3600000)),))))
    for src, dst, value in (("retention_bytes", "retention.bytes", spec.retention_bytes),
                            ("min_insync_replicas", "min.insync.replicas",
                             spec.min_insync_replicas)):
        v = _rw(ctx, node, u, src, value)
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
    u.raw("ip")
    u.raw("description")
    spec = S.read_ip_restriction(ctx, node)
    ip, desc = spec.ip, spec.description
    settings = block.find("settings") if block is not None else None
    ipc = settings.find("ip_configuration") if settings is not None else None
    if ipc is None or ip is None:
        return _not_applicable(ctx, node, u, inst)
    if ipc.get("private_network") is not None:
        ctx.sink.add("IT301", node.span, f"{node.address}: {PRIVATE_ONLY}")
        ctx.merged(node, block)  # type: ignore[arg-type]
        return u.done()
    if spec.repeat is None:
        add_network(ipc, ctx.rewrite(ip, node.module),
                    ctx.rewrite(desc, node.module) if desc is not None else None)
    else:
        it = "authorized_networks"
        dyn = ipc.block("dynamic", it)
        dyn.set("for_each", ctx.rewrite(spec.repeat, node.module))
        c = dyn.block("content")
        c.set("value", _iter(ctx.rewrite(ip, node.module), it))
        if desc is not None:
            c.set("name", _iter(ctx.rewrite(desc, node.module), it))
    ctx.merged(node, block)  # type: ignore[arg-type]
    ctx.sink.add("IT306", node.span, f"{node.address} merged into the authorized networks of "
                 f"{SQL}.{inst.name}")  # type: ignore[union-attr]
    u.done()


def _rw(ctx: Ctx, node: N.Resource, u: Use, name: str, value: E.Expr | None) -> E.Expr | None:
    """A spec value rewritten for the target, its argument marked read."""
    u.raw(name)
    return ctx.rewrite(value, node.module) if value is not None else None


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
    ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {what}")
    u.done()


def _not_applicable(ctx: Ctx, node: N.Resource, u: Use, inst: N.Resource | None) -> None:
    # Nothing is emitted: references read later (outputs, locals) become reported
    # placeholders instead of the random_password or google_sql_user declared for them.
    ctx.refmap[ctx.key_of(node)] = RefTarget(None, {})
    for name, _ in node.args:
        u.raw(name)
    if inst is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its database "
                     "cluster is not declared in this module",
                     "declare it on the translated instance where the cluster is declared")
    else:
        from .database import engine_of
        engine = engine_of(inst, ctx) or ""  # as OVH writes it (redis is not valkey here)
        why = _SUB_REASONS.get(engine, f"its cluster {inst.address} has no GCP equivalent "
                                       "for it")
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {why}")
    u.done()
