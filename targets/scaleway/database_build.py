"""One Scaleway managed database (RDB, Redis, MongoDB, Kafka, OpenSearch) from its DatabaseSpec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import db_plan as DP
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.db_lower import ClusterLowering
from ..tfbase.values import literal_str
from . import database as D
from . import database_access as A
from . import database_acl, database_default
from . import database_ha as HA
from . import database_plan as PL


@dataclass
class Lower(ClusterLowering):
    """One cluster's lowering: what every step reads."""

    RESOURCE: ClassVar[Mapping[str, str]] = D.RESOURCE

    @property
    def facts(self) -> dict[str, Any]:
        facts: dict[str, Any] = self.ctx.tables.databases["services"][self.service]
        return facts

    @property
    def product(self) -> str:
        return {"rdb": "Managed Database", "redis": "Managed Redis",
                "mongodb": "Managed MongoDB", "kafka": "Managed Kafka",
                "opensearch": "Managed OpenSearch"}[self.service]

    def plan_row(self) -> dict[str, Any]:
        row: dict[str, Any] = self.ctx.tables.databases["plans"].get(
            (self.spec.plan.text or "").lower(), {})
        return row

    def nodes(self) -> int:
        """Nodes as written, else the plan's nominal count."""
        written = len(self.spec.nodes.items)
        return max(written, int(self.plan_row().get("nodes", 1)) if written <= 1 else written)


def lower(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any],
          service: str) -> None:
    s = Lower(ctx, node, spec, entry, service)
    b = TfBlock("resource", (D.RESOURCE[service], node.name))
    desc = s.u.raw("description")
    if desc is not None and E.str_value(desc):
        b.note(f"{E.str_value(desc)} (from {node.address})")
    b.set("name", A.name_of(node))
    _BUILD[service](s, b)
    A.credentials(s.ctx, node, s.u, b, s.facts["admin_user"], service)
    A.network(s, b)
    if service == "rdb":
        _rdb_upkeep(s, b)
    elif service == "mongodb":
        _mongodb_upkeep(s, b)
    else:
        s.u.drop("backup_time", f"{s.product} keeps no backups the configuration schedules")
        s.u.drop("backup_regions", f"{s.product} keeps no backups")
    s.u.drop("maintenance_time", f"Scaleway schedules {s.product} maintenance itself "
             "(announced in the console; no maintenance window argument)")
    A.protect(s, b)
    if service != "rdb":
        s.u.drop("advanced_configuration", f"the OVH keys are not {s.product} settings")
    for k in ("kafka_rest_api", "kafka_schema_registry", "opensearch_acls_enabled"):
        if k not in s.u.consumed:
            s.u.drop(k, f"not a {s.product} setting")
    s.u.raw("nodes")
    s.u.raw("engine")
    P.place(ctx, node, b)
    database_acl.after(s)
    if service == "rdb":
        database_default.create(ctx, node)
    s.u.done()


def _rdb(s: Lower, b: TfBlock) -> None:
    ctx, node, spec = s.ctx, s.node, s.spec
    engine = D.version(ctx, node, s.u, spec, s.entry)
    b.set("engine", engine)
    if E.str_value(engine) is None and spec.engine.written:
        # Scaleway's engine argument is `<Engine>-<version>`: a computed version carries it
        versions = dict(s.entry.get("versions", {}))
        like = sorted(set(versions.values()))
        default = literal_str(node.get("version"), node, ctx)
        unmapped = default is not None and default not in versions and default not in like
        ctx.sink.add("IT301", s.u.span("engine"), f"the engine `{spec.engine.written}` of "
                     f"{node.address} is written in its version on Scaleway (engine = "
                     f"{short_hcl(engine, 40)}): the value must name both"
                     + (f", as `{like[-1]}`" if like else "")
                     + ("" if unmapped or default is None else " (a default is mapped so)"))
        if unmapped:
            # kept as written, `engine = "<default>"` names no engine: the API refuses it
            ctx.sink.add("IT308", s.u.span("version"), f"the default `{default}` of "
                         f"{short_hcl(node.get('version'), 40)} is no {spec.engine.written} "
                         f"version Scaleway offers ({', '.join(like) or 'none known'}): "
                         f"engine = \"{default}\" fails at apply",
                         "set the variable to one of them")
    ha = DP.flag(ctx, node, s.u, spec, "is_ha_cluster")
    b.set("node_type", HA.rdb_node_type(s, D.node_type(ctx, node, s.u, "rdb"), ha))
    b.set("is_ha_cluster", ha)
    s.u.raw("plan")
    if spec.ha and not s.plan_row().get("read_replicas") and len(spec.nodes.items) <= 2:
        ctx.sink.add("IT301", s.u.span("plan"), f"the standby of {node.address} serves reads "
                     "on OVH (its replica endpoint); a Scaleway HA standby does not: add a "
                     "scaleway_rdb_read_replica for read traffic")
    if len(spec.nodes.items) > 2:
        ctx.sink.add("IT301", s.u.span("nodes"), f"{node.address} has {len(spec.nodes.items)} "
                     "nodes; a Scaleway HA instance has two (a primary and a standby): the "
                     "others become read replicas")
    A.disk(s, b, "volume_type", "volume_size_in_gb")
    b.set("encryption_at_rest", E.Literal(True), "OVH encrypts database storage at rest")
    A.settings(s, b)


def _redis(s: Lower, b: TfBlock) -> None:
    ctx, node = s.ctx, s.node
    b.set("version", D.version(ctx, node, s.u, s.spec, s.entry))
    b.set("node_type", D.node_type(ctx, node, s.u, "redis"))
    b.set("cluster_size", PL.count(ctx, node, s.u, s.spec, "cluster_size", s.nodes(),
                                   lambda n: n))
    s.u.raw("plan")
    A.zone(s, b)
    b.set("tls_enabled", E.Literal(True), "OVH serves Valkey over TLS only (rediss://)")
    if s.entry.get("gap"):
        # another engine (valkey) than the product's: the change is said at `engine`
        where = "version" if s.spec.engine.written == "redis" else "engine"
        ctx.sink.add("IT301", s.u.span(where), f"{node.address}: {s.entry['gap']}")
    s.u.drop("disk_size", "Managed Redis keeps its data in memory (no disk to size)")


def _mongodb(s: Lower, b: TfBlock) -> None:
    ctx, node = s.ctx, s.node
    b.set("version", D.version(ctx, node, s.u, s.spec, s.entry))
    node_type = D.node_type(ctx, node, s.u, "mongodb")
    b.set("node_type", node_type)
    want = s.nodes()
    count = 1 if want < 2 else 3
    if count != want and DP.computed(s.u, s.spec) is None:
        ctx.sink.add("IT301", s.u.span("nodes"), f"Managed MongoDB runs 1 or 3 nodes; the "
                     f"{want} of {node.address} become {count}")
    number = PL.count(ctx, node, s.u, s.spec, "node_number", want, lambda n: 1 if n < 2 else 3)
    b.set("node_number", number)
    HA.mongodb_nodes(s, node_type, number)
    s.u.raw("plan")
    A.disk(s, b, "volume_type", "volume_size_in_gb")
    if s.entry.get("gap"):
        ctx.sink.add("IT301", s.u.span("version"), f"{node.address}: {s.entry['gap']}")
    A.region(s, b)


def _beta(s: Lower, b: TfBlock, nodes_arg: str) -> None:
    """Kafka and OpenSearch: the provider's beta services, said so with the alternative."""
    ctx, node = s.ctx, s.node
    b.set("version", D.version(ctx, node, s.u, s.spec, s.entry))
    b.set("node_type", D.node_type(ctx, node, s.u, s.service))
    low = int(s.facts.get("min_nodes", 1))
    b.set(nodes_arg, PL.count(ctx, node, s.u, s.spec, nodes_arg, s.nodes(),
                              lambda n: max(n, low)))
    s.u.raw("plan")
    if s.service == "kafka":
        A.disk(s, b, "volume_type", "volume_size_in_gb")
    else:
        A.disk(s, b, "type", "size_in_gb", b.block("volume"))
    A.region(s, b)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes {D.RESOURCE[s.service]}, a "
                 f"beta Scaleway service: {s.entry.get('gap', '')}", s.entry.get("instead", ""))


_BUILD = {"rdb": _rdb, "redis": _redis, "mongodb": _mongodb,
          "kafka": lambda s, b: _beta(s, b, "node_amount"),
          # (node_amount is deprecated for OpenSearch in 2.81: node_count)
          "opensearch": lambda s, b: _beta(s, b, "node_count")}


def _rdb_upkeep(s: Lower, b: TfBlock) -> None:
    """OVH daily backups: a 24-hour schedule kept as long as the plan keeps them."""
    ctx, node, spec = s.ctx, s.node, s.spec
    A.region(s, b)
    b.set("disable_backup", E.Literal(False))
    b.set("backup_schedule_frequency", A.num(24), "OVH backs up daily")
    days = s.plan_row().get("backup_retention_days")
    if days is not None:
        b.set("backup_schedule_retention", A.num(int(days)),
              f"days, as the OVH {spec.plan.text} plan keeps them")
    if s.u.raw("backup_time") is not None:
        ctx.sink.add("IT301", s.u.span("backup_time"), f"backup_time of {node.address}: "
                     "Scaleway takes the daily backup at a time of its choosing (no time "
                     "argument); the schedule keeps OVH's daily frequency")
    A.backup_region(s, b, "backup_same_region")


def _mongodb_upkeep(s: Lower, b: TfBlock) -> None:
    ctx, node = s.ctx, s.node
    b.set("is_snapshot_schedule_enabled", E.Literal(True))
    b.set("snapshot_schedule_frequency_hours", A.num(24), "OVH backs up daily")
    days = s.plan_row().get("backup_retention_days")
    if days is not None:
        b.set("snapshot_schedule_retention_days", A.num(int(days)))
    if s.u.raw("backup_time") is not None:
        ctx.sink.add("IT301", s.u.span("backup_time"), f"backup_time of {node.address}: "
                     "Scaleway takes the daily snapshot at a time of its choosing")
    s.u.drop("backup_regions", "Managed MongoDB keeps its snapshots in its region")
