"""OVH Kafka on Azure: an Event Hubs namespace (its Kafka endpoint) and an event hub per topic."""

from __future__ import annotations

import math
from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database_parts as S
from iac_translate.compiler.passes.database import DatabaseSpec
from iac_translate.compiler.passes.database_settings import AllowEntry
from iac_translate.compiler.passes.reader import number

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import database_net as NET
from . import unique_names

KIND, HUB = "azurerm_eventhub_namespace", "azurerm_eventhub"
# Event Hubs' bounds per tier (https://learn.microsoft.com/azure/event-hubs/event-hubs-quotas):
# retention days and partitions per event hub.
_LIMITS = {"Standard": (7, 32), "Premium": (90, 100)}


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    u, b = NET.opened(ctx, node, spec, KIND)
    b.set("sku", E.Literal(sku_of(ctx, spec)), "Standard or Premium: Basic has no Kafka "
          "endpoint")
    b.set("capacity", NET.num(1), "throughput units (Standard) or processing units "
          "(Premium): size them for the load, OVH's nodes and flavor do not translate")
    b.set("minimum_tls_version", E.Literal("1.2"))
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an Event Hubs namespace with "
                 "its Kafka endpoint (<namespace>.servicebus.windows.net:9093): "
                 f"{entry.get('gap', '')}")
    _sizing(ctx, node, u, spec)
    u.drop("advanced_configuration", "Event Hubs has no broker configuration")
    for k in ("kafka_rest_api", "kafka_schema_registry"):
        u.drop(k, "Event Hubs has no Kafka REST proxy; Azure Schema Registry is part of the "
               "namespace (schema groups), not Karapace")
    for k in ("backup_time", "backup_regions"):
        u.drop(k, "Event Hubs keeps no backups (geo-disaster recovery pairs namespaces)")
    u.drop("maintenance_time", "Azure maintains Event Hubs itself (no window)")
    NET.protect_note(ctx, node, u, "Event Hubs", b)
    _network(ctx, node, u, spec, b)
    for k in ("engine", "ip_restrictions"):
        u.raw(k)
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    u.done()


def _sizing(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec) -> None:
    """What the namespace does with each of OVH's broker settings, said where it is written:
    the plan picks the tier, the rest has no Event Hubs counterpart."""
    sku = sku_of(ctx, spec)
    days = _LIMITS.get(sku, _LIMITS["Standard"])[0]
    said = {
        "plan": ("IT301", f"the plan of {node.address} ({spec.plan.text or 'computed'}) "
                 f"becomes the Event Hubs {sku} tier (Basic has no Kafka endpoint)"),
        "flavor": ("IT301", f"the flavor of {node.address} does not size Event Hubs: a "
                   "namespace has no brokers; its throughput is capacity (1 throughput unit "
                   "on Standard, processing units on Premium), to raise for the load"),
        "version": ("IT302", f"`version` of {node.address} is not translated: Event Hubs "
                    "speaks the Kafka protocol 1.0 and later, no broker version is chosen"),
        "disk_size": ("IT302", f"`disk_size` of {node.address} is not translated: Event "
                      f"Hubs bounds retention by time ({days} days at most on {sku}), not "
                      "by a disk"),
        "nodes": ("IT301", f"the brokers of {node.address} become Event Hubs' own "
                  "replicas: a namespace is spread over the region's availability zones "
                  "where it has them (no node count)")}
    for k, (code, message) in said.items():
        raw = u.raw(k)
        if raw is not None:
            ctx.sink.add(code, u.span(k), message)


def sku_of(ctx: Ctx, spec: DatabaseSpec) -> str:
    plan = ctx.tables.databases["plans"].get((spec.plan.text or "").lower(), {})
    return str(plan.get("eventhubs_sku") or "Standard")


def _network(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec, b: TfBlock) -> None:
    """The allowed CIDRs as the namespace's IP rules (every key written: the rule set is an
    attribute); a private network: no public access, a private endpoint to add."""
    first = spec.nodes.first
    if first is not None and first.network is not None:
        b.set("public_network_access_enabled", E.Literal(False))
        ctx.sink.add("IT308", first.network.span or node.span, f"{node.address} is on an OVH "
                     "private network: reach the namespace through a private endpoint "
                     "(azurerm_private_endpoint with subresource namespace, and the "
                     "privatelink.servicebus.windows.net DNS zone)")
        return
    rules = []
    for item in spec.allow.items:
        if not isinstance(item, AllowEntry):
            ctx.sink.add("IT308", item.for_each.span or node.span, f"a dynamic ip_restrictions "
                         f"of {node.address} is not translated; add its ip_rule entries")
            continue
        if item.ip is not None:
            rules.append(E.Object(((E.Literal("ip_mask"), ctx.rewrite(item.ip, node.module)),
                                   (E.Literal("action"), E.Literal("Allow")))))
            NET.private_source(ctx, node, item)
    b.set("public_network_access_enabled", E.Literal(True))
    if not rules:
        return
    b.set("network_rulesets", E.Tuple((E.Object((
        (E.Literal("default_action"), E.Literal("Deny")),
        (E.Literal("public_network_access_enabled"), E.Literal(True)),
        (E.Literal("trusted_service_access_enabled"), E.Literal(False)),
        (E.Literal("ip_rule"), E.Tuple(tuple(rules))),
        (E.Literal("virtual_network_rule"), E.Tuple(()))),),)))


def lower_topic(ctx: Ctx, node: N.Resource, inst: N.Resource) -> None:
    """A topic: an event hub of the namespace (partitions bounded by the tier, retention in
    whole days); replication and in-sync replicas are Azure's."""
    spec = S.read_topic(ctx, node)
    u = Use(ctx, node, f"{HUB}.{node.name}")
    u.raw("engine")
    u.field("cluster")
    b = TfBlock("resource", (HUB, node.name))
    b.set("name", u.expr("name"))
    b.set("namespace_id", companions.same(inst, KIND, "id"))
    days_max, parts_max = _LIMITS.get(sku_of(ctx, _spec(ctx, inst)), _LIMITS["Standard"])
    u.raw("partitions")
    parts = number(spec.partitions)
    if spec.partitions is None:
        b.set("partition_count", NET.num(1))
    elif parts is not None and parts > parts_max:
        ctx.sink.add("IT301", spec.partitions.span or node.span, f"{node.address} has "
                     f"{parts:g} partitions; an event hub of this tier takes {parts_max}")
        b.set("partition_count", NET.num(parts_max))
    else:
        b.set("partition_count", ctx.rewrite(spec.partitions, node.module))
    u.raw("retention_hours")
    hours = number(spec.retention_hours)
    if hours is not None:
        days = days_max if hours < 0 else max(1, math.ceil(hours / 24))
        if hours < 0 or days > days_max:
            ctx.sink.add("IT301", spec.retention_hours.span if spec.retention_hours else
                         node.span, f"retention_hours of {node.address}: an event hub of this "
                         f"tier keeps events {days_max} days at most")
            days = min(days, days_max)
        b.set("message_retention", NET.num(days))
    elif spec.retention_hours is not None:
        ctx.sink.add("IT309", spec.retention_hours.span or node.span, f"retention_hours of "
                     f"{node.address} is not a literal; set message_retention (days)")
    for k, why in (("replication", "Event Hubs replicates every partition itself (no "
                    "replication factor)"),
                   ("min_insync_replicas", "Event Hubs acknowledges writes itself"),
                   ("retention_bytes", "Event Hubs bounds retention by time only")):
        raw = u.raw(k)
        # (retention_bytes = -1 is Kafka's "no size limit", which Event Hubs also has)
        if raw is not None and not (k == "retention_bytes" and to_hcl(raw).strip() == "-1"):
            ctx.sink.add("IT302", raw.span or node.span, f"`{k}` of {node.address} is not "
                         f"translated: {why}")
    NET.side(ctx, node, b)
    ctx.primary[ctx.key_of(node)] = b
    u.done()


def _spec(ctx: Ctx, inst: N.Resource) -> DatabaseSpec:
    from .database import spec_of
    return spec_of(ctx, inst)
