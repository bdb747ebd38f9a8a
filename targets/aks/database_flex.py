"""One Azure Database Flexible Server (PostgreSQL or MySQL) from an OVH cluster's DatabaseSpec."""

from __future__ import annotations

import math
from functools import partial
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import db_plan as PLAN
from ..tfbase import db_settings
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.dbfamily import mapped
from ..tfbase.use import Use
from . import database as D
from . import database_default, unique_names
from . import database_net as NET

_PRODUCT = {"postgresql_flexible": "Azure Database for PostgreSQL flexible server",
            "mysql_flexible": "Azure Database for MySQL flexible server"}


def product(service: str) -> str:
    return _PRODUCT[service]


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
          service: str) -> None:
    kind = D.RESOURCE[service]
    facts: dict[str, Any] = ctx.tables.databases["services"][service]
    u, b = NET.opened(ctx, node, spec, kind)
    engine = spec.engine.written or ""
    b.set("version", mapped(ctx, node, u, "version", f"db_version:{engine}",
                            dict(entry.get("versions", {})).get,
                            f"an Azure {engine} version", "IT308"))
    sku = mapped(ctx, node, u, "flavor", f"db_flavor:{service}",
                 partial(D.sku_of, ctx, service), f"an Azure {engine} SKU", "IT303")
    b.set("sku_name", sku)
    b.set("administrator_login", E.Literal(facts["admin_login"]))
    b.set("administrator_password", NET.password(ctx, node, f"{node.name}_admin"))
    _storage(ctx, node, u, spec, facts, service, b)
    _availability(ctx, node, u, spec, service, sku, b)
    _upkeep(ctx, node, u, spec, service, b)
    NET.network(ctx, node, u, spec, service, b)
    NET.protect_note(ctx, node, u, product(service), b)
    standby = b.find("high_availability") is not None or any(
        isinstance(i, TfBlock) and i.type == "dynamic" and i.labels == ("high_availability",)
        for i in b.items)
    if standby and node.meta.lifecycle is None:
        # A failover swaps the primary's and the standby's zones: without this, the next
        # plan moves them back (a second failover).
        life = b.find("lifecycle") or b.block("lifecycle")
        life.set("ignore_changes", E.Tuple((E.Var("zone"), E.GetAttr(E.Index(
            E.Var("high_availability"), NET.num(0)), "standby_availability_zone"))))
    u.raw("nodes")
    u.raw("engine")
    u.raw("ip_restrictions")
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    NET.firewall(ctx, node, spec, service)
    database_default.create(ctx, node, service)
    _settings(ctx, node, u, spec, service)
    u.done()


def _storage(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, facts: dict[str, Any],
             service: str, b: TfBlock) -> None:
    gb = disk_gb(ctx, node, u, spec, facts, product(service))
    if service == "postgresql_flexible":
        mb = NET.num(int(gb.value) * 1024) if isinstance(gb, E.Literal) and isinstance(
            gb.value, (int, float)) else E.Binary("*", gb, NET.num(1024))
        b.set("storage_mb", mb)
    else:
        b.block("storage").set("size_gb", gb)


def disk_gb(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, facts: dict[str, Any],
            what: str) -> E.Expr:
    """The OVH disk in GiB, raised to the service's minimum and, when the service takes
    fixed sizes only (storage_steps_gb), to the next of them."""
    raw = u.raw("disk_size")
    low = int(facts.get("min_disk_gb", 1))
    steps: list[int] = list(facts.get("storage_steps_gb", []))
    if raw is None:
        size = int(facts.get("default_disk_gb", low))
        ctx.sink.add("IT308", node.span, f"{node.address} sets no disk_size (OVH gives the "
                     f"flavor's included storage); the server gets {size} GiB")
        return NET.num(size)
    if spec.disk_gb is None:
        if steps:
            ctx.sink.add("IT301", raw.span or node.span, f"disk_size of {node.address} is "
                         f"not a literal: {what} accepts {steps} GiB only")
        return ctx.rewrite(raw, node.module)
    want = max(spec.disk_gb, low)
    size = next((s for s in steps if s >= want), int(want)) if steps else math.ceil(want)
    if size != spec.disk_gb:
        ctx.sink.add("IT301", raw.span or node.span, f"disk_size {spec.disk_gb:g} GB of "
                     f"{node.address} becomes {size} GiB: {what} storage starts at {low} GiB"
                     + (" and takes fixed sizes" if steps else ""))
    return NET.num(size)


def _availability(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, service: str,
                  sku: E.Expr, b: TfBlock) -> None:
    raw = PLAN.computed(u, spec)  # a plan through a variable decides at plan time
    plan = ctx.tables.databases["plans"].get((spec.plan.text or "").lower(), {})
    mode = plan.get("high_availability") or ("ZoneRedundant" if spec.ha else None)
    computed = raw is not None
    if mode is None and not computed:
        return
    if (E.str_value(sku) or "").startswith("B_"):
        ctx.sink.add("IT301", u.span("plan"), f"{node.address} is highly available on OVH"
                     f"{' for some plans' if computed else ''}; a burstable SKU "
                     f"({E.str_value(sku)}) has no high availability on {product(service)}: "
                     "the server has no standby", "choose a GP_ SKU to keep the standby")
        return
    # A SKU Terraform computes may be burstable, which Azure refuses a standby for: the
    # block is then left out at plan time (wordpress-k8s-mysql: sku_name = var.database.flavor)
    burst = None if E.str_value(sku) is not None else E.Call("can", (E.Call("regex", (
        E.Literal("^B_"), sku)),))
    if raw is not None or burst is not None:
        mode = mode or "ZoneRedundant"
        want = PLAN.condition(ctx, node, spec, raw) if raw is not None else None
        cond = want if burst is None else E.Unary("!", burst) if want is None else \
            E.Binary("&&", want, E.Unary("!", burst))
        dyn = b.block("dynamic", "high_availability")
        dyn.set("for_each", E.Conditional(cond, E.Tuple((NET.num(1),)), E.Tuple(())))
        dyn.block("content").set("mode", E.Literal(mode))
        if raw is not None:
            PLAN.note(ctx, node, raw, "high_availability is written")
        if burst is not None:
            # (at the nodes: the standby OVH runs, which the block approximates)
            ctx.sink.add("IT301", u.span("nodes") or node.span, f"the SKU of "
                         f"{node.address} is computed: its high_availability block is left "
                         "out when it is burstable (B_...), which has no standby on "
                         f"{product(service)}", "choose a GP_ SKU to keep the standby")
    else:
        b.block("high_availability").set("mode", E.Literal(mode))
    ctx.sink.add("IT301", u.span("plan"), f"the standby of {node.address} becomes "
                 f"high_availability {{ mode = {mode} }}: it takes no reads (OVH's replica "
                 "endpoint serves them); the region must have availability zones (else "
                 "SameZone)")
    written = len(spec.nodes.items)
    replicas = max(int(plan.get("read_replicas", 0)), written - 2 if written > 2 else 0)
    if replicas:
        ctx.sink.add("IT301", u.span("nodes"), f"{node.address} serves reads from "
                     f"{replicas} more node(s) on OVH; they are not created: add servers with "
                     f"create_mode = \"Replica\" and source_server_id = {D.RESOURCE[service]}"
                     f".{node.name}.id")


def _upkeep(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, service: str,
            b: TfBlock) -> None:
    """Backups and the maintenance window: OVH's daily times, Azure's own schedule."""
    if u.raw("backup_time") is not None:
        ctx.sink.add("IT301", u.span("backup_time"), f"backup_time of {node.address}: "
                     f"{product(service)} takes its daily backup at a time of its choosing "
                     "(no time argument)")
    if u.raw("backup_regions") is not None:
        first = spec.nodes.first
        home = first.location.geo.metro if first and first.location.geo else None
        elsewhere = bool(spec.backup_regions) and not all(
            loc.geo is not None and loc.geo.metro == home for loc in spec.backup_regions)
        b.set("geo_redundant_backup_enabled", E.Literal(elsewhere))
        if elsewhere:
            ctx.sink.add("IT301", u.span("backup_regions"), f"backup_regions of "
                         f"{node.address}: geo-redundant backups go to the region's Azure "
                         "pair, not the listed regions")
    t = spec.maintenance_time
    if u.raw("maintenance_time") is None:
        return
    if t.hour is None or t.minute is None:
        ctx.sink.add("IT309", u.span("maintenance_time"), f"maintenance_time of "
                     f"{node.address} is not a literal HH:MM:SS; set maintenance_window by hand")
        return
    w = b.block("maintenance_window")
    w.set("day_of_week", NET.num(0), "Sunday: Azure's window is weekly")
    w.set("start_hour", NET.num(t.hour))
    w.set("start_minute", NET.num(t.minute))
    ctx.sink.add("IT301", u.span("maintenance_time"), f"maintenance_time of {node.address} "
                 "is a daily window on OVH; Azure's maintenance_window is weekly: Sunday at "
                 "the same time (UTC)")


def _settings(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, service: str) -> None:
    """advanced_configuration keys of the engine become server configuration resources
    (prefix removed); keys of OVH components (pglookout...) have no place on Azure."""
    config = spec.config
    if not db_settings.literal(ctx, node, u, config, f"declare {D.RESOURCE[service]}"
                               "_configuration resources by hand"):
        return
    kept = 0
    for entry in db_settings.engine_keys(ctx, node, config, spec.engine.name,
                                         "a server parameter"):
        NET.configuration(ctx, node, service, entry.name,
                          ctx.rewrite(entry.value, node.module))
        kept += 1
    if kept:
        ctx.sink.add("IT301", config.source.span if config.source else node.span,
                     f"advanced_configuration of {node.address} becomes server parameters "
                     "without their OVH prefix; Azure accepts the parameters it lists only "
                     "(az postgres/mysql flexible-server parameter list): check each")
