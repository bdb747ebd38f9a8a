"""Cloud SQL instances: tier, version, availability, private IP and flags from OVH databases."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, NodeSpec, Tier
from iac_translate.compiler.passes.database_settings import AllowEntry
from iac_translate.compiler.passes.machine import machine_of

from ..hclwrite import TfBlock
from ..tfbase import db_settings
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from ..tfbase.values import map_value
from . import common as C
from . import database_net as NET
from . import harden
from .instance_names import warn_repeated

SQL = "google_sql_database_instance"
_PLAN_DEFAULT = {"availability_type": "ZONAL"}


def cloud_sql(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
              engine: str) -> None:
    from .database import node_count, region_from_nodes
    u = Use(ctx, node, SQL)
    b = TfBlock("resource", (SQL, node.name))
    b.set("name", E.Literal(C.gcp_name(node.name.replace("_", "-"), 80)))
    warn_repeated(ctx, node, SQL, b.get("name"), "per project (and stay taken for a week "
                  "after a delete)")
    count, first = node_count(u, spec)
    b.set("region", region_from_nodes(ctx, node, first))
    b.set("database_version", _version(ctx, node, u, engine))
    b.set("deletion_protection", harden.protection(ctx, node, u.raw("deletion_protection"),
                                                   "the instance"))
    u.raw("description")
    if spec.description.known and spec.description.text and \
            E.str_value(spec.description.source):
        b.note(f"{spec.description.text} (from {node.address})")
    s = b.block("settings")
    s.set("tier", _tier(ctx, node, u))
    s.set("edition", E.Literal("ENTERPRISE"), "custom tiers need the ENTERPRISE edition")
    s.set("availability_type", _availability(ctx, node, u, spec, count))
    u.raw("disk_size")
    disk = ctx.rewrite(spec.disk_source, node.module) if spec.disk_source is not None else None
    if disk is not None:
        s.set("disk_size", disk)
        s.set("disk_autoresize", E.Literal(False))
    s.set("disk_type", E.Literal("PD_SSD"))
    wait = _ip(ctx, node, u, s, spec)
    backup = s.block("backup_configuration")
    backup.set("enabled", E.Literal(True))
    u.raw("backup_time")
    start = spec.backup_time.hhmm
    if start:
        backup.set("start_time", E.Literal(start))
    if engine == "postgresql":
        backup.set("point_in_time_recovery_enabled", E.Literal(True))
    else:
        backup.set("binary_log_enabled", E.Literal(True))
    u.raw("backup_regions")
    regions = spec.backup_regions_source
    if isinstance(regions, E.Tuple) and regions.items:
        backup.set("location", C.map_region(ctx, node, regions.items[0]))
        if len(regions.items) > 1:
            ctx.sink.add("IT301", regions.span, "Cloud SQL keeps backups in one location; the "
                         "first backup region is used")
    u.raw("maintenance_time")
    maint = spec.maintenance_time.hhmm
    if maint:
        w = s.block("maintenance_window", comment="OVH maintenance is daily; Cloud SQL "
                    "needs a day of the week (7 = Sunday)")
        w.set("day", C.num(7))
        w.set("hour", C.num(spec.maintenance_time.hour or 0))
    _flags(ctx, node, u, spec, s)
    from .database_parts import drop_common
    drop_common(ctx, node, u, "Cloud SQL")
    P.place(ctx, node, b)
    if wait is not None:
        # The private IP exists only once the peering does; Terraform cannot infer that.
        deps = b.get("depends_on")
        items = deps.items if isinstance(deps, E.Tuple) else ()
        b.set("depends_on", E.Tuple(tuple(items) + (wait,)))
    u.done()


def tier_of(ctx: Ctx, flavor: str) -> str | None:
    """The Cloud SQL custom tier of an OVH database flavor (the `db_flavor` role's mapper)."""
    m = machine_of(flavor, ctx.tables.ovh_flavors, "database")
    return custom_tier(m.vcpu, m.ram_gb) if m.vcpu is not None and m.ram_gb is not None \
        else None


def _tier(ctx: Ctx, node: N.Resource, u: Use) -> E.Expr:
    """`tier` is required: a mapped literal, a variable whose values are mapped, or (computed)
    the expression kept with IT309; an absent flavor is a located TODO."""
    raw = u.raw("flavor")
    if raw is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no flavor; choose a Cloud SQL tier")
        return E.Literal("TODO(IT308): Cloud SQL tier")
    out = map_value(raw, node, ctx, "db_flavor", lambda f: tier_of(ctx, f))
    return out if out is not None else E.Literal("TODO(IT303): Cloud SQL tier")


def _availability(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec,
                  count: int) -> E.Expr:
    """ZONAL or REGIONAL from the plan (and node count); a plan in a variable stays a choice
    made at plan time, through a conditional on the same variable."""
    raw = u.raw("plan")
    plans: dict[str, Any] = ctx.tables.databases.get("plans", {})
    regional = sorted(p for p, v in plans.items() if v.get("availability_type") == "REGIONAL")
    if count >= 2:
        return E.Literal("REGIONAL")
    many = spec.nodes.dynamic
    if many is not None:
        # `dynamic "nodes"`: two or more nodes are a regional (HA) instance, as a plan would.
        ha: E.Expr = E.Binary(">=", E.Call("length", (ctx.rewrite(many, node.module),)),
                              C.num(2))
        if raw is not None:
            ha = E.Binary("||", ha, E.Call("contains", (C.strings(regional),
                                                         ctx.rewrite(raw, node.module))))
        ctx.sink.add("IT306", u.span("nodes"), f"the nodes of {node.address} come from a "
                     "dynamic block: availability_type is REGIONAL for two or more nodes"
                     + (f" or plans {', '.join(regional)}" if raw is not None else ""))
        return E.Conditional(ha, E.Literal("REGIONAL"), E.Literal("ZONAL"))
    plan = E.str_value(raw)  # a literal decides now; a variable's default does not
    if plan is not None or raw is None:
        if spec.plan.tier is Tier.ENTERPRISE and plan is not None:
            ctx.sink.add("IT301", u.span("plan"), "plan `enterprise`: a REGIONAL instance; add "
                         "read replicas (google_sql_database_instance with master_instance_name)"
                         " for the extra nodes")
        return E.Literal(plans.get(plan or "", _PLAN_DEFAULT).get("availability_type", "ZONAL"))
    cond = E.Call("contains", (C.strings(regional), ctx.rewrite(raw, node.module)))
    ctx.sink.add("IT306", raw.span, f"the plan of {node.address} comes from an expression: "
                 f"availability_type is REGIONAL for plans {', '.join(regional)} and ZONAL "
                 "otherwise")
    return E.Conditional(cond, E.Literal("REGIONAL"), E.Literal("ZONAL"))


def custom_tier(vcpu: int, ram_gb: float) -> str:
    """A Cloud SQL custom tier: even vCPU (or 1), 0.9-6.5 GB per vCPU, RAM a multiple of 256 MB."""
    cpus = vcpu if vcpu == 1 or vcpu % 2 == 0 else vcpu + 1
    mb = int(round(ram_gb * 1024 / 256)) * 256
    mb = max(mb, int(cpus * 0.9 * 1024 / 256 + 1) * 256)
    mb = min(mb, int(cpus * 6.5 * 1024 / 256) * 256)
    return f"db-custom-{cpus}-{mb}"


def version_mapper(ctx: Ctx, engine: str) -> Callable[[str], str | None]:
    versions: dict[str, str] = ctx.tables.databases["engines"].get(engine, {}).get(
        "versions", {})
    return versions.get


def _version(ctx: Ctx, node: N.Resource, u: Use, engine: str) -> E.Expr:
    raw = u.raw("version")
    if raw is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no {engine} version; choose a "
                     "Cloud SQL database_version")
        return E.Literal(f"TODO(IT308): {engine} version")
    out = map_value(raw, node, ctx, f"db_version:{engine}", version_mapper(ctx, engine))
    return out if out is not None else E.Literal(f"TODO(IT308): {engine} version")


PRIVATE_ONLY = ("authorized networks filter the public IP only; this instance has a private "
                "IP in the VPC and no public one: restrict access with VPC firewall rules")


def _ip(ctx: Ctx, node: N.Resource, u: Use, s: TfBlock, spec: DatabaseSpec) -> E.Expr | None:
    """Public IP with authorized networks, or (on a private network) private IP only; for
    the latter, what the instance waits for (the private services connection), if any."""
    ip = s.block("ip_configuration")
    place = NET.placement(ctx, node)
    network = network_of(ctx, node, spec.nodes.first) if place.mode != "public" else None
    if place.mode == "public" and place.network is not None:
        # A network id passed in by a caller may be null, and holds an OVH id today: a
        # private-only instance (and its peering) cannot be decided here.
        ctx.sink.add("IT308", place.network.span or node.span, f"the private network of "
                     f"{node.address} comes from {place.why}; the instance keeps a public IP "
                     "with authorized networks", "for a private IP, set "
                     "ip_configuration.private_network to the VPC id and add private services "
                     "access (google_service_networking_connection)")
    ip.set("ipv4_enabled", E.Literal(network is None))
    wait: E.Expr | None = None
    if network is not None:
        ip.set("private_network", network)
        wait = NET.access(ctx, node, place, network)
    ip.set("ssl_mode", E.Literal("ENCRYPTED_ONLY"))
    u.raw("ip_restrictions")
    allow = spec.allow
    if network is not None:
        if not allow.empty:
            ctx.sink.add("IT301", allow.source.span if allow.source and allow.source.span
                         else node.span, f"`ip_restrictions` of {node.address}: {PRIVATE_ONLY}")
        return wait
    for item in allow.items:
        if isinstance(item, AllowEntry):
            add_network(ip, ctx.rewrite(item.ip or E.Literal(""), node.module),
                        _rewrite_opt(ctx, item.description, node))
        else:
            dyn = ip.block("dynamic", "authorized_networks")
            dyn.set("for_each", ctx.rewrite(item.for_each, node.module))
            dyn.set("iterator", E.Var(item.iterator))
            c = dyn.block("content")
            c.set("value", _rewrite_opt(ctx, item.ip, node))
            c.set("name", _rewrite_opt(ctx, item.description, node))
    return None


def _rewrite_opt(ctx: Ctx, e: E.Expr | None, node: N.Resource) -> E.Expr | None:
    return ctx.rewrite(e, node.module) if e is not None else None


def add_network(ip: TfBlock, value: E.Expr, name: E.Expr | None) -> None:
    n = ip.block("authorized_networks")
    n.set("value", value)
    if name is not None:
        n.set("name", name)


def network_of(ctx: Ctx, node: N.Resource, first: NodeSpec | None) -> E.Expr | None:
    net = first.network if first is not None else None
    return ctx.rewrite(net, node.module) if net is not None else None


def _flags(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, s: TfBlock) -> None:
    cfg = u.raw("advanced_configuration")
    if cfg is None:
        return
    if spec.config.computed:
        ctx.sink.add("IT309", cfg.span, "advanced_configuration is an expression; set "
                     "database_flags "
                     "by hand")
        return
    for entry in db_settings.engine_keys(ctx, node, spec.config, spec.engine.name,
                                         "a Cloud SQL database flag"):
        f = s.block("database_flags")
        f.set("name", E.Literal(entry.name))
        f.set("value", ctx.rewrite(entry.value, node.module))
    ctx.sink.add("IT301", cfg.span, "advanced_configuration keys become Cloud SQL database_flags "
                 "without their engine prefix; check each flag is supported by Cloud SQL")
