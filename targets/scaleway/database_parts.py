"""Database sub-resources on Scaleway: RDB databases, users, privileges, MongoDB users, the rest."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database_parts as S

from ..hclwrite import TfBlock
from ..tfbase import companions, readings
from ..tfbase import db_parts as DP
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import database as D
from . import database_access as A

RDB = "scaleway_rdb_instance"
# MongoDB roles OVH writes (role@db) -> Scaleway's role names
ADMIN = "avnadmin"  # (Aiven's administrator, created with every PostgreSQL/MySQL cluster)
_MONGO_ROLES = {"read": "read", "readWrite": "read_write", "dbAdmin": "db_admin"}


def _cluster(ctx: Ctx, node: N.Resource) -> tuple[N.Resource | None, str | None]:
    """The cluster of a sub-resource and the Scaleway service it became (None: not)."""
    return DP.cluster(ctx, node, D.service_of)


def _plain(node: N.Resource) -> bool:
    return node.meta.count is None and node.meta.for_each is None


def label_of(ctx: Ctx, node: N.Resource) -> str:
    """The label of what a user becomes: its own, unless another user resource of the module
    has it too (postgresql_user.app and mongodb_user.app): then prefixed by its engine."""
    # (the module's labels of that kind counted once: every user asks, twice)
    def build() -> dict[str, int]:
        counts: dict[str, int] = {}
        for o in ctx.by_module.resources(node.module, node.KIND):
            counts[o.name] = counts.get(o.name, 0) + 1
        return counts
    counts = readings.index(ctx, f"scaleway.label_of {node.module} {node.KIND}", build)
    if counts.get(node.name, 0) < 2:
        return node.name
    return f"{S.read_part(ctx, node).engine_written or 'db'}_{node.name}"


def password_label(ctx: Ctx, node: N.Resource) -> str:
    # `_user`: never a cluster's admin password (`<cluster>_admin`), whatever the labels.
    return f"{label_of(ctx, node)}_user"


def redis_user(ctx: Ctx, inst: N.Resource) -> N.Resource | None:
    """The OVH Valkey user that becomes the cluster's one user: the first, unrepeated."""
    if not _plain(inst):
        return None
    return next((c for c in D.children_of(ctx, inst) if c.KIND == "DatabaseUser" and
                 _plain(c) and c.get("name") is not None), None)


def rdb_admin(ctx: Ctx, inst: N.Resource) -> N.Resource | None:
    """OVH's (Aiven's) built-in administrator of a PostgreSQL/MySQL cluster, `avnadmin`,
    declared to read its password: on Scaleway it is the instance's first user (user_name,
    password), an administrator of every database; unrepeated, named so literally."""
    if not _plain(inst):
        return None
    return next((c for c in D.children_of(ctx, inst) if c.KIND == "DatabaseUser" and
                 c.mode != "data" and _plain(c) and
                 E.str_value(S.read_user(ctx, c).name.source) == ADMIN), None)


def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    inst, service = _cluster(ctx, node)
    if inst is None or service is None:
        return RefTarget(None, {})
    if node.KIND == "DatabaseUser" and service == "rdb" and rdb_admin(ctx, inst) is node:
        return RefTarget(f"scaleway_rdb_instance.{inst.name}", {
            "name": "{self}.user_name", "password": "{self}.password"})
    if node.KIND == "DatabaseDb" and service == "rdb":
        return RefTarget(f"scaleway_rdb_database.{node.name}", {"name": "{self}.name"})
    if node.KIND == "DatabaseUser" and service in ("rdb", "mongodb"):
        kind = "scaleway_rdb_user" if service == "rdb" else "scaleway_mongodb_user"
        return RefTarget(f"{kind}.{label_of(ctx, node)}", {"name": "{self}.name",
                                                  "password": "{self}.password"})
    if node.KIND == "DatabaseUser" and service == "redis" and redis_user(ctx, inst) is node:
        return RefTarget(f"scaleway_redis_cluster.{inst.name}", {
            "name": "{self}.user_name", "password": "{self}.password"})
    return RefTarget(None, {})


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    if inst is not None and service == "mongodb":
        # MongoDB creates a database at its first write: there is nothing to declare.
        DP.nothing(ctx, node)
        return DP.said(ctx, node, "Scaleway", "IT310", f"{node.address} has no counterpart "
                       "to declare: MongoDB creates a database at its first write (the users' "
                       "roles name it)")
    if inst is None or service != "rdb":
        return _not_translated(ctx, node, inst, service)
    u = Use(ctx, node, f"scaleway_rdb_database.{node.name}")
    u.raw("engine")
    u.field("cluster")
    b = TfBlock("resource", ("scaleway_rdb_database", node.name))
    b.set("instance_id", _instance_id(ctx, node, inst))
    b.set("name", u.expr("name"))
    _place(ctx, node, b)
    u.done()


def _instance_id(ctx: Ctx, node: N.Resource, inst: N.Resource) -> E.Expr:
    """The cluster's id as the sub-resource wrote it (its instance key kept)."""
    src = node.field_value("cluster")
    return ctx.rewrite(src, node.module) if src is not None else companions.same(
        inst, D.RESOURCE["rdb"], "id")


def _place(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    A.side(ctx, node, b)
    ctx.primary[ctx.key_of(node)] = b


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    if inst is not None and service == "redis" and redis_user(ctx, inst) is node:
        return _redis_user(ctx, node, inst)
    if inst is not None and service == "rdb" and rdb_admin(ctx, inst) is node:
        return _admin_user(ctx, node, inst)
    if inst is None or service not in ("rdb", "mongodb"):
        return _not_translated(ctx, node, inst, service)
    spec = S.read_user(ctx, node)
    kind = "scaleway_rdb_user" if service == "rdb" else "scaleway_mongodb_user"
    label = label_of(ctx, node)
    u = Use(ctx, node, f"{kind}.{label}")
    u.raw("engine")
    u.field("cluster")
    b = TfBlock("resource", (kind, label))
    b.set("instance_id", _instance_id(ctx, node, inst))
    b.set("name", u.expr("name"))
    b.set("password", A.password(ctx, node, password_label(ctx, node)))
    u.drop("password_reset", "rotate the password by replacing random_password "
           f"(terraform apply -replace=random_password.{password_label(ctx, node)})")
    if service == "rdb":
        b.set("is_admin", E.Literal(False))
        u.drop("roles", "Scaleway users have no PostgreSQL role attributes (replication...); "
               "is_admin and per-database privileges are what it grants")
        _place(ctx, node, b)
        _privileges(ctx, node, inst)
    else:
        _mongo_roles(ctx, node, u, spec, b)
        _place(ctx, node, b)
    u.done()


def _privileges(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """Scaleway grants a new user nothing: the table's permission on each logical database
    of the instance (OVH users reach them as the engine's default grants allow)."""
    perm = str(ctx.tables.databases["services"]["rdb"]["user_permission"])
    dbs = [c for c in D.children_of(ctx, inst) if c.KIND == "DatabaseDb"]
    if not dbs:
        ctx.sink.add("IT301", node.span, f"{node.address} has no logical database of its "
                     "cluster to be granted on; a Scaleway user has no privilege until a "
                     "scaleway_rdb_privilege gives one")
        return
    for db in dbs:
        p = TfBlock("resource", ("scaleway_rdb_privilege", f"{label_of(ctx, node)}_{db.name}"))
        p.set("instance_id", _instance_id(ctx, node, inst))
        p.set("user_name", companions.same(node, "scaleway_rdb_user", "name",
                                           label_of(ctx, node)))
        p.set("database_name", companions.same(db, "scaleway_rdb_database", "name"))
        p.set("permission", E.Literal(perm))
        if _plain(node) and _plain(db):
            ctx.emit(node.span, p)
        else:
            A.side(ctx, node if not _plain(node) else db, p)
    ctx.sink.add("IT301", node.span, f"{node.address} gets `{perm}` on "
                 f"{', '.join(d.address for d in dbs)}: Scaleway grants a new user nothing, "
                 "OVH users reach the cluster's databases through the engine's default "
                 "grants; narrow or widen each scaleway_rdb_privilege")


def _mongo_roles(ctx: Ctx, node: N.Resource, u: Use, spec: S.UserSpec, b: TfBlock) -> None:
    u.raw("roles")
    if spec.roles_source is not None and not spec.roles:
        ctx.sink.add("IT309", spec.roles_source.span or node.span, f"`roles` of "
                     f"{node.address} is not a literal list; write the roles blocks by hand")
    for text in spec.roles:
        role, _, db = text.partition("@")
        mapped = _MONGO_ROLES.get(role)
        if mapped is None:
            ctx.sink.add("IT302", spec.roles_source.span if spec.roles_source else node.span,
                         f"MongoDB role `{text}` of {node.address} is not translated: "
                         "Scaleway offers read, read_write, db_admin and sync roles only")
            continue
        r = b.block("roles")
        r.set("role", E.Literal(mapped))
        if db and db != "admin":
            r.set("database_name", E.Literal(db))
        else:
            r.set("any_database", E.Literal(True))


def _folded(ctx: Ctx, node: N.Resource, inst: N.Resource, kind: str) -> Use:
    """The Use of a user that becomes its instance's own user (user_name, password): its
    engine, name and cluster are read there, and it is recorded as folded into the block."""
    u = Use(ctx, node, f"{kind}.{inst.name}")
    for k in ("engine", "name"):
        u.raw(k)
    u.field("cluster")
    block = ctx.primary.get(ctx.key_of(inst))
    if block is not None:
        ctx.merged(node, block)
    return u


def _redis_user(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """The cluster's one user (named on the cluster): its ACL rules have no place."""
    u = _folded(ctx, node, inst, "scaleway_redis_cluster")
    ctx.sink.add("IT306", node.span, f"{node.address} becomes the user (user_name, password) "
                 f"of scaleway_redis_cluster.{inst.name}")
    for k in ("categories", "commands", "keys", "channels"):
        u.drop(k, "a Managed Redis cluster has one user with every permission (no ACL rules)")
    u.drop("password_reset", f"rotate by replacing random_password."
           f"{password_label(ctx, node)}")
    u.done()


def _admin_user(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """avnadmin: the instance's first user (database_access.credentials names it so)."""
    u = _folded(ctx, node, inst, "scaleway_rdb_instance")
    # IT301, not a plain mapping: the user is now a creation-time setting of the instance,
    # not a resource of its own.
    ctx.sink.add("IT301", node.arg_span("name") or node.span, f"{node.address} (OVH's "
                 f"built-in {ADMIN}) becomes the first user of scaleway_rdb_instance."
                 f"{inst.name} (user_name = \"{ADMIN}\", password), an administrator of "
                 "every database of the instance")
    u.drop("roles", "the instance's first user is an administrator (every privilege)")
    u.drop("password_reset", f"rotate by replacing random_password.{password_label(ctx, node)}")
    u.done()


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    _not_translated(ctx, node, *_cluster(ctx, node))


lower_extra = not_translated(
    "IT338", "{address} is not translated: it is an OVH database add-on (connection pool, "
    "integration, log subscription, metrics endpoint) with no Scaleway equivalent", "Scaleway",
    "Cockpit receives Managed Database logs and metrics; a pooler (PgBouncer) runs in the "
    "cluster")


def lower_ip(ctx: Ctx, node: N.Resource) -> None:
    """The removed per-IP resource: one more rule of the instance's one scaleway_rdb_acl
    (the ACL holds the whole list; two would overwrite each other)."""
    inst, service = _cluster(ctx, node)
    spec = S.read_ip_restriction(ctx, node)
    if inst is not None and service == "rdb" and \
            A.private_only(ctx, inst.module, D.spec_of(ctx, inst)):
        # (no ACL on a Private Network endpoint: database_acl.no_acl warns at the instance)
        from .database_acl import NO_ACL
        DP.nothing(ctx, node)
        return DP.said(ctx, node, "Scaleway", "IT310", f"{node.address} has no counterpart: "
                       f"{inst.address} has only a Private Network endpoint, where Scaleway "
                       f"applies no allowed IPs ({NO_ACL})")
    acl = D.memo_of(ctx).get(("acl", ctx.key_of(inst))) if inst is not None else None
    if inst is None or service != "rdb" or acl is None or spec.ip is None or \
            not _plain(inst):
        return _not_translated(ctx, node, inst, service)
    u = Use(ctx, node, f"scaleway_rdb_acl.{inst.name}")
    for k in ("engine", "ip", "description"):
        u.raw(k)
    u.field("cluster")
    ip, desc = ctx.rewrite(spec.ip, node.module), spec.description
    if spec.repeat is not None:
        dyn = acl.block("dynamic", "acl_rules")
        dyn.set("for_each", ctx.rewrite(spec.repeat, node.module))
        rule = dyn.block("content")
        ip = _each(ip, "acl_rules")
    else:
        rule = acl.block("acl_rules")
    rule.set("ip", ip)
    if desc is not None:
        rule.set("description", _each(ctx.rewrite(desc, node.module), "acl_rules")
                 if spec.repeat is not None else ctx.rewrite(desc, node.module))
    if acl.span is None:
        A.side(ctx, inst, acl)
    ctx.merged(node, acl)
    ctx.sink.add("IT306", node.span, f"{node.address} becomes a rule of "
                 f"scaleway_rdb_acl.{inst.name}")
    u.done()


def _each(e: E.Expr, iterator: str) -> E.Expr:
    """each.value / each.key / count.index of a repeated resource -> the dynamic block's."""
    def fn(sub: E.Expr) -> E.Expr | None:
        t = E.traversal(sub)
        if t and t[0] == "each" and t[1] and t[1][0][0] == "attr":
            return E.ref(f"{iterator}.{t[1][0][1]}")
        if t and t[0] == "count" and t[1] and t[1][0] == ("attr", "index"):
            return E.ref(f"{iterator}.value")
        return None
    return E.transform(e, fn)


def _not_translated(ctx: Ctx, node: N.Resource, inst: N.Resource | None,
                    service: str | None) -> None:
    DP.unbuilt(ctx, node, "Scaleway", inst, lambda c: _why(c, service))


def _why(inst: N.Resource, service: str | None) -> tuple[str, str]:
    if service is None:
        return f"its cluster {inst.address} has no Scaleway equivalent", ""
    why = {"kafka": "Managed Kafka has one user and no Terraform resource for topics or ACLs",
           "opensearch": "Managed OpenSearch has one user (the deployment's) and no "
                         "Terraform resource for more or for index ACLs",
           "redis": "a Managed Redis cluster has one user (the cluster's)",
           "rdb": "Managed Database has no counterpart for it",
           "mongodb": "Managed MongoDB has no counterpart for it"}[service]
    hint = {"kafka": "create them with a Kafka admin client (kafka-topics.sh, "
                     "kafka-acls.sh) or the Mongey/kafka provider",
            "opensearch": "create them through the OpenSearch security API "
                          "(opensearch-project/opensearch provider)"}.get(service, "")
    return why, hint
