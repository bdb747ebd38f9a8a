"""One Azure Cache for Redis from an OVH Valkey/Redis cluster's DatabaseSpec."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import db_plan as PLAN
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.nullable import may_be_null
from ..tfbase.use import Use
from . import database as D
from . import database_net as NET
from . import unique_names

KIND = "azurerm_redis_cache"
PRODUCT = "Azure Cache for Redis"


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u, b = NET.opened(ctx, node, spec, KIND)
    first = spec.nodes.first
    _size(ctx, node, u, spec, b)
    engine = spec.engine.written or ""
    u.raw("version")
    version = dict(entry.get("versions", {})).get(spec.version.text or "")
    b.set("redis_version", E.Literal(version or "6"))
    if entry.get("gap") and engine != "redis":
        # another engine (valkey): the change is the engine's, said at `engine`
        ctx.sink.add("IT301", u.span("engine"), f"the {engine} engine of {node.address} "
                     f"becomes {PRODUCT}: {entry['gap']}")
        ctx.sink.add("IT301", u.span("version"), f"{engine} {spec.version.text or ''} of "
                     f"{node.address} becomes {PRODUCT} {version or '6'} (redis_version)")
    elif entry.get("gap"):
        ctx.sink.add("IT301", u.span("version"), f"{node.address} ({engine} "
                     f"{spec.version.text or ''}) becomes {PRODUCT} {version or '6'}: "
                     f"{entry['gap']}")
    b.set("non_ssl_port_enabled", E.Literal(False), "OVH serves Valkey over TLS only "
          "(rediss://, port 6380 here)")
    b.set("minimum_tls_version", E.Literal("1.2"))
    public = first is None or first.network is None
    # A network id a caller passes may be null: a public cache on OVH, so public here too.
    maybe = first is not None and first.network is not None and \
        ctx.resolve(first.network, node.module) is None and \
        may_be_null(ctx, node.module, first.network)
    b.set("public_network_access_enabled", E.Binary(
        "==", ctx.rewrite(first.network, node.module), E.Literal(None))
        if maybe and first is not None and first.network is not None else E.Literal(public))
    if not public:
        on = "may be on an OVH private network (its id may be null, a public cache: public " \
            "access then stays on); on one, the cache" if maybe else \
            "is on an OVH private network: the cache"
        ctx.sink.add("IT308", first.network.span if first and first.network else node.span,
                     f"{node.address} {on} gets no public access; reach it through a "
                     "private endpoint (azurerm_private_endpoint with subresource redisCache, "
                     "in a subnet of the VNet, and the "
                     "privatelink.redis.cache.windows.net DNS zone)",
                     "create the private endpoint in the network's subnet")
    for k in ("backup_time", "backup_regions"):
        u.drop(k, f"{PRODUCT} persistence (RDB/AOF backups) is Premium-only and writes to a "
               "storage account; it is not enabled here")
    if u.raw("maintenance_time") is not None and spec.maintenance_time.hour is not None:
        w = b.block("patch_schedule")
        w.set("day_of_week", E.Literal("Sunday"))
        w.set("start_hour_utc", NET.num(spec.maintenance_time.hour))
        ctx.sink.add("IT301", u.span("maintenance_time"), f"maintenance_time of "
                     f"{node.address} is daily on OVH; a patch_schedule is weekly (Sunday, "
                     "the same hour)")
    elif node.get("maintenance_time") is not None:
        ctx.sink.add("IT309", u.span("maintenance_time"), f"maintenance_time of "
                     f"{node.address} is not a literal; set patch_schedule by hand")
    NET.protect_note(ctx, node, u, PRODUCT, b)
    u.drop("disk_size", f"{PRODUCT} keeps its data in memory (no disk to size)")
    u.drop("advanced_configuration", f"the OVH keys are not {PRODUCT} settings "
           "(redis_configuration takes maxmemory_policy and a few others)")
    for k in ("nodes", "engine", "ip_restrictions"):
        u.raw(k)
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    if public:
        _firewall(ctx, node, spec)
    elif not spec.allow.empty:
        ctx.sink.add("IT301", u.span("ip_restrictions"), f"ip_restrictions of {node.address}: "
                     "a cache without public access has no firewall rules")
    u.done()


def _size(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock) -> None:
    """sku_name from the plan, family and capacity from the flavor's class (C3 -> C, 3); a
    P class needs Premium whatever the plan."""
    computed = PLAN.computed(u, spec)
    plan = ctx.tables.databases["plans"].get((spec.plan.text or "").lower(), {})
    sku = str(plan.get("redis_sku") or ("Standard" if spec.ha else "Basic"))
    flavor = u.raw("flavor")
    text = E.str_value(flavor) if flavor is not None else None
    cls = D.sku_of(ctx, "redis_cache", text) if text else None
    m = re.fullmatch(r"([CP])(\d+)", cls or "")
    if m is None:
        ctx.sink.add("IT303" if text else "IT308", (flavor or node).span or node.span,
                     f"the flavor of {node.address} is not one the table maps; choose a "
                     f"{PRODUCT} size (family and capacity)")
        b.set("capacity", E.Literal("TODO(IT303): capacity"))
        b.set("family", E.Literal("TODO(IT303): C or P"))
    else:
        ctx.sink.add("IT306", flavor.span if flavor else node.span, f"OVH database flavor "
                     f"`{text}` mapped to the {cls} cache size")
        family, capacity = m.group(1), int(m.group(2))
        if family == "P" and sku != "Premium":
            ctx.sink.add("IT301", u.span("plan"), f"{node.address} needs the {cls} size for "
                         f"its memory: Premium, not the {sku} the plan would give")
            sku = "Premium"
        elif family == "C" and sku == "Premium" and computed is None:
            family, capacity = "P", max(1, min(capacity - 2, 5))
        b.set("capacity", NET.num(capacity))
        b.set("family", E.Literal(family))
    if computed is not None and not (m is not None and m.group(1) == "P"):
        # a C size: a replica (Standard) for the HA plans, one node (Basic) otherwise
        PLAN.note(ctx, node, computed, "sku_name is Standard (else Basic)", "a written "
                  "plan above business gives a Premium cache, which needs a P size: set "
                  "sku_name, family and capacity if the plan is one of them")
        b.set("sku_name", E.Conditional(PLAN.condition(ctx, node, spec, computed),
                                        E.Literal("Standard"), E.Literal("Basic")))
        return
    b.set("sku_name", E.Literal(sku))
    if sku == "Basic":
        ctx.sink.add("IT301", u.span("plan"), f"{node.address} becomes a Basic cache: one node, "
                     "no replica and no SLA, like the OVH essential plan")


def _firewall(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> None:
    """One azurerm_redis_firewall_rule per allowed literal CIDR (names: letters, digits,
    underscores only); dynamic entries are reported."""
    NET.literal_rules(ctx, node, spec, "azurerm_redis_firewall_rule",
                      lambda desc, i: re.sub(r"[^A-Za-z0-9_]+", "_", desc or f"ovh_{i}")[:80],
                      KIND, (("redis_cache_name", "name"),
                             ("resource_group_name", "resource_group_name")),
                      ("start_ip", "end_ip"))
