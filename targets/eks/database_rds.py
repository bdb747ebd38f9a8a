"""RDS (PostgreSQL, MySQL) and DocumentDB (for MongoDB) from the neutral database spec."""

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

RDS = "aws_db_instance"
DOCDB = "aws_docdb_cluster"
ADMIN = "dbadmin"  # OVH's admin is avnadmin; RDS needs a master user name of its own
# the parameter group family of a mapped engine version (RDS refuses one of another major)
_FAMILY = {"postgres": "postgres{v}", "mysql": "mysql{v}"}


def rds(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u = Use(ctx, node, f"{RDS}.{node.name}")
    engine = str(entry.get("engine"))
    port = int(entry.get("port", 5432))
    b = TfBlock("resource", (RDS, node.name))
    u.raw("engine")
    net.region(ctx, node, spec, b)
    b.set("identifier", net.name_of(node))
    b.set("engine", E.Literal(engine))
    version = D.engine_version(ctx, node, u, spec, entry)
    b.set("engine_version", version)
    b.set("instance_class", D.instance_class(ctx, node, u, "rds", "an RDS instance class"))
    service: dict[str, Any] = ctx.tables.databases.get("services", {}).get("rds", {})
    storage(ctx, node, u, spec, b, "allocated_storage", service, "RDS")
    b.set("storage_type", E.Literal(service.get("storage_type", "gp3")))
    b.set("storage_encrypted", E.Literal(True), "OVH encrypts database storage at rest")
    b.set("multi_az", multi_az(ctx, node, u, spec))
    b.set("db_subnet_group_name", net.subnet_group(ctx, node, spec, "aws_db_subnet_group"))
    b.set("vpc_security_group_ids", E.Tuple((net.security_group(
        ctx, node, spec, port, "Access to the database"),)))
    u.raw("ip_restrictions")
    u.raw("nodes")
    b.set("publicly_accessible", E.Literal(spec.public),
          "OVH gives a cluster on no private network a public endpoint" if spec.public
          else None)
    b.set("username", E.Literal(ADMIN))
    b.set("manage_master_user_password", E.Literal(True),
          "the password is generated and kept in Secrets Manager (master_user_secret)")
    protect(ctx, node, u, spec, b)
    times(ctx, node, u, spec, b, "backup_window", "maintenance_window")
    _parameters(ctx, node, u, spec, b, engine, version)
    backup_regions(u, spec, "RDS backups stay in the instance's region; copy them with "
                   "aws_db_instance_automated_backups_replication from the destination region")
    describe(u, b, node)
    P.place(ctx, node, b)
    u.done()


def backup_regions(u: Use, spec: DatabaseSpec, why: str) -> None:
    """Backups in the cluster's own metro are what AWS does anyway; others are reported."""
    first = spec.nodes.first
    home = first.location.geo.metro if first and first.location.geo else None
    if home and spec.backup_regions and all(
            loc.geo is not None and loc.geo.metro == home for loc in spec.backup_regions):
        u.raw("backup_regions")
        return
    u.drop("backup_regions", why)


def multi_az(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec) -> E.Expr:
    """From the written nodes and the plan; a plan or node list known at plan time only
    stays a choice made then, through a conditional on the same expressions."""
    plans: dict[str, Any] = ctx.tables.databases.get("plans", {})
    ha_plans = sorted(p for p, v in plans.items() if v.get("multi_az"))
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
    conds: list[E.Expr] = []
    if spec.nodes.dynamic is not None:
        conds.append(E.Binary(">=", E.Call("length", (ctx.rewrite(
            spec.nodes.dynamic, node.module),)), C.num(2)))
    if plan is not None and tier is None:
        conds.append(E.Call("contains", (C.strings(ha_plans), ctx.rewrite(plan, node.module))))
    if not conds:
        return E.Literal(False)
    ctx.sink.add("IT306", plan.span if plan is not None and plan.span else node.span,
                 f"the plan or nodes of {node.address} are known at plan time only: "
                 f"multi_az is true for two or more nodes or plans {', '.join(ha_plans)}")
    out = conds[0]
    for c in conds[1:]:
        out = E.Binary("||", out, c)
    return out


def storage(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock, name: str,
            service: dict[str, Any], product: str) -> None:
    disk = u.raw("disk_size")
    low = int(service.get("min_disk_gb", 1))
    if disk is None:
        size = int(service.get("default_disk_gb", 20))
        b.set(name, C.num(size))
        ctx.sink.add("IT308", node.span, f"{node.address} sets no disk_size (OVH gives the "
                     f"flavor's included storage); {product} gets {size} GiB")
        return
    if spec.disk_gb is not None and spec.disk_gb < low:
        ctx.sink.add("IT301", disk.span or node.span, f"{product} needs at least {low} GiB; "
                     f"disk_size {spec.disk_gb:g} of {node.address} is raised to it")
        b.set(name, C.num(low))
        return
    b.set(name, ctx.rewrite(disk, node.module))


def protect(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock,
            final: bool = True) -> None:
    """deletion_protection as written, else the hardening default; a final snapshot is
    always taken before a delete (OVH keeps its backups after one)."""
    src = u.raw("deletion_protection")
    if src is not None:
        b.set("deletion_protection", ctx.rewrite(src, node.module))
    else:
        on = ctx.harden.deletion_protection
        if on:
            ctx.sink.add("IT337", node.span, f"the database {node.address} is protected "
                         "against deletion (the target's hardening default)",
                         "--no-deletion-protection (or decisions: deletion_protection: false) "
                         "turns it off")
        b.set("deletion_protection", E.Literal(on))
    if final:
        b.set("skip_final_snapshot", E.Literal(False))
        b.set("final_snapshot_identifier", net.name_of(node, C.aws_name(node.name), "-final"))


def times(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock, backup: str,
          maint: str, backup_minutes: int = 30, maint_minutes: int = 30) -> None:
    """OVH daily backup and maintenance times (UTC) as AWS windows; maintenance becomes
    weekly (Sunday), and is moved after the backup when they would overlap."""
    u.raw("backup_time")
    u.raw("maintenance_time")
    bw, mw, moved = net.windows(spec, backup_minutes, maint_minutes)
    for src, name, value in ((spec.backup_time, backup, bw), (spec.maintenance_time, maint, mw)):
        if src.source is not None and value is None:
            ctx.sink.add("IT309", src.source.span or node.span, f"`{name}` of {node.address} "
                         "is not an HH:MM:SS literal; set the AWS window by hand")
    b.set(backup, E.Literal(bw) if bw else None)
    if mw:
        b.set(maint, E.Literal(mw))
        ctx.sink.add("IT301", u.span("maintenance_time"), f"OVH maintenance of {node.address} "
                     f"is daily; AWS takes a weekly window: {mw} (UTC)"
                     + (", after the backup window it would overlap" if moved else ""))


def _parameters(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock,
                engine: str, version: E.Expr) -> None:
    """advanced_configuration -> a parameter group of the engine family; OVH component keys
    (pglookout, the OVH failover daemon) have no RDS meaning."""
    cfg = u.raw("advanced_configuration")
    if cfg is None:
        return
    if spec.config.computed:
        ctx.sink.add("IT309", cfg.span or node.span, f"advanced_configuration of "
                     f"{node.address} is an expression; set aws_db_parameter_group by hand")
        return
    major = E.str_value(version)
    if not major or major.startswith("TODO"):
        ctx.sink.add("IT308", cfg.span or node.span, f"advanced_configuration of "
                     f"{node.address}: the engine version is not known, so no parameter group "
                     "family can be chosen; add aws_db_parameter_group by hand")
        return
    g = TfBlock("resource", ("aws_db_parameter_group", node.name))
    g.set("name", net.name_of(node, C.aws_name(node.name, 255)))
    g.set("family", E.Literal(_FAMILY[engine].format(v=major)))
    engine_prefixes = {"pg", "mysql", ""}
    for entry in spec.config.entries:
        if entry.prefix not in engine_prefixes:
            ctx.sink.add("IT302", entry.value.span or cfg.span or node.span,
                         f"advanced_configuration `{entry.key}` of {node.address} is not "
                         f"translated: `{entry.prefix}` is an OVH service component, not an "
                         "engine parameter")
            continue
        p = g.block("parameter")
        p.set("name", E.Literal(entry.name))
        p.set("value", _param_value(ctx.rewrite(entry.value, node.module)))
        p.set("apply_method", E.Literal("pending-reboot"))
    net.side(ctx, node, g)
    b.set("parameter_group_name", net.same(node, "aws_db_parameter_group", "name"))
    ctx.sink.add("IT301", cfg.span or node.span, "advanced_configuration keys become RDS "
                 "parameters without their OVH prefix (applied at the next reboot); check "
                 "each is a parameter of the family")


def _param_value(v: E.Expr) -> E.Expr:
    """RDS parameter groups take booleans as 1/0 (OVH writes true/false)."""
    if isinstance(v, E.Literal) and isinstance(v.value, bool):
        return E.Literal("1" if v.value else "0")
    text = E.str_value(v)
    if text is not None and text.lower() in ("true", "false"):
        return E.Literal("1" if text.lower() == "true" else "0")
    return v


def describe(u: Use, b: TfBlock, node: N.Resource) -> None:
    desc = u.raw("description")
    if desc is not None and E.str_value(desc):
        b.note(f"{E.str_value(desc)} (from {node.address})")
    b.set("tags", E.Object(((E.Var("Name"), net.name_of(node)),) + (
        ((E.Var("Description"), desc),) if desc is not None else ())))


def docdb(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u = Use(ctx, node, f"{DOCDB}.{node.name}")
    ctx.sink.add("IT301", node.arg_span("engine"), f"{node.address} (MongoDB) becomes Amazon "
                 f"DocumentDB, which is not MongoDB: {entry.get('gap', '')}")
    b = TfBlock("resource", (DOCDB, node.name))
    u.raw("engine")
    net.region(ctx, node, spec, b)
    b.set("cluster_identifier", net.name_of(node))
    b.set("engine", E.Literal("docdb"))
    b.set("engine_version", D.engine_version(ctx, node, u, spec, entry))
    b.set("master_username", E.Literal(ADMIN))
    b.set("manage_master_user_password", E.Literal(True))
    b.set("db_subnet_group_name", net.subnet_group(ctx, node, spec, "aws_docdb_subnet_group"))
    b.set("vpc_security_group_ids", E.Tuple((net.security_group(
        ctx, node, spec, int(entry.get("port", 27017)), "Access to the cluster"),)))
    u.raw("ip_restrictions")
    u.raw("nodes")
    b.set("storage_encrypted", E.Literal(True))
    protect(ctx, node, u, spec, b)
    times(ctx, node, u, spec, b, "preferred_backup_window", "preferred_maintenance_window")
    if spec.public:
        ctx.sink.add("IT301", node.span, f"{node.address} has a public endpoint on OVH; "
                     "DocumentDB is reachable only from inside its VPC (a bastion, VPN or "
                     "the EKS cluster)")
    u.drop("disk_size", "DocumentDB storage grows by itself (no size to set)")
    u.raw("plan")  # the plan is the node count here: one DocumentDB instance per node
    u.drop("advanced_configuration", "set DocumentDB parameters with "
           "aws_docdb_cluster_parameter_group (family docdb5.0 / docdb8.0)")
    backup_regions(u, spec, "DocumentDB snapshots are copied across regions by hand "
                   "(aws docdb copy-db-cluster-snapshot)")
    describe(u, b, node)
    P.place(ctx, node, b)
    i = TfBlock("resource", ("aws_docdb_cluster_instance", node.name))
    count: E.Expr = C.num(spec.nodes.count) if spec.nodes.dynamic is None else E.Call(
        "length", (ctx.rewrite(spec.nodes.dynamic, node.module),))
    if node.meta.count is None and node.meta.for_each is None:
        i.set("count", count)
        i.set("identifier", C.tpl(C.aws_name(node.name) + "-", E.ref("count.index")))
    else:
        i.set("identifier", net.name_of(node, C.aws_name(node.name)))
        ctx.sink.add("IT308", node.span, f"{node.address} is repeated: one DocumentDB "
                     "instance per cluster is declared; add the others by hand")
    i.set("cluster_identifier", net.same(node, DOCDB, "id"))
    i.set("instance_class", D.instance_class(ctx, node, u, "docdb", "a DocumentDB class"))
    net.side(ctx, node, i)
    u.done()
