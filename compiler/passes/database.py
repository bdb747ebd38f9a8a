"""OVH managed database clusters read once into a neutral spec: engine, tier, nodes, access."""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .database_settings import (
    AllowList,
    Config,
    TimeOfDay,
    read_allow,
    read_config,
    read_time,
)
from .geo import Location, read_location
from .machine import MachineSpec, read_machine
from .reader import Reader, Value, boolean, number, value

# OVH engine names -> the neutral engine; redis is the engine OVH replaced by valkey (2.16).
ENGINES = {"postgresql": "postgresql", "mysql": "mysql", "mongodb": "mongodb",
           "valkey": "valkey", "redis": "valkey", "kafka": "kafka", "opensearch": "opensearch",
           "cassandra": "cassandra", "m3db": "m3db", "m3aggregator": "m3aggregator",
           "grafana": "grafana", "clickhouse": "clickhouse", "kafkaConnect": "kafka_connect",
           "kafkaMirrorMaker": "kafka_mirrormaker"}

# Typed sub-resources name their engine: ovh_cloud_project_database_<engine>_<kind>.
TYPED = re.compile(r"^ovh_cloud_project_database_(postgresql|mysql|mongodb|redis|valkey|"
                   r"kafka|opensearch|m3db|cassandra|grafana|clickhouse)_[a-z_]+$")


class Tier(enum.Enum):
    """The OVH plan as a service level (the engines' catalogs use different words)."""

    ESSENTIAL = "essential"    # one node, no standby
    BUSINESS = "business"      # 2-3 nodes with automatic failover
    ENTERPRISE = "enterprise"  # 3 nodes, more capacity, read scaling
    DISCOVERY = "discovery"    # mongodb: one small node
    PRODUCTION = "production"  # mongodb/clickhouse: 3-node replica set
    ADVANCED = "advanced"      # mongodb: 3 nodes, larger


# (highly available, nominal node count) of each tier, as OVH sells them.
_TIERS = {Tier.ESSENTIAL: (False, 1), Tier.BUSINESS: (True, 2), Tier.ENTERPRISE: (True, 3),
          Tier.DISCOVERY: (False, 1), Tier.PRODUCTION: (True, 3), Tier.ADVANCED: (True, 3)}


@dataclass(frozen=True, slots=True)
class Engine:
    """`name` is neutral (redis reads as valkey); `written` is the OVH word, for tables keyed
    by it; `inferred_by` is the typed sub-resource that gave a computed engine away."""

    source: E.Expr | None
    name: str | None = None
    written: str | None = None
    inferred_by: N.Resource | None = None


@dataclass(frozen=True, slots=True)
class Plan:
    source: E.Expr | None
    text: str | None = None
    tier: Tier | None = None

    @property
    def ha(self) -> bool | None:
        return _TIERS[self.tier][0] if self.tier is not None else None

    @property
    def nominal_nodes(self) -> int | None:
        return _TIERS[self.tier][1] if self.tier is not None else None


@dataclass(frozen=True, slots=True)
class NodeSpec:
    """One `nodes` block (for a `dynamic "nodes"`, its first element's values)."""

    location: Location
    network: E.Expr | None = None  # the OVH private network id expression
    subnet: E.Expr | None = None

    @property
    def private(self) -> bool:
        """On a private network declared in the configuration (not a caller's variable,
        which may be null and holds an OVH id today)."""
        return self.network is not None and names_a_resource(self.network)


@dataclass(frozen=True, slots=True)
class Nodes:
    """`count` nodes as written; `dynamic` is the for_each of a `dynamic "nodes"` block
    (the count is then its length, known at plan time only)."""

    items: tuple[NodeSpec, ...] = ()
    dynamic: E.Expr | None = None
    source: E.Expr | None = None

    @property
    def count(self) -> int:
        return 1 if self.dynamic is not None else max(1, len(self.items))

    @property
    def first(self) -> NodeSpec | None:
        return self.items[0] if self.items else None


@dataclass(frozen=True, slots=True)
class DatabaseSpec:
    engine: Engine
    version: Value
    plan: Plan
    nodes: Nodes
    machine: MachineSpec  # the db flavor (OVH kind "database")
    disk_gb: float | None
    disk_source: E.Expr | None
    allow: AllowList
    backup_time: TimeOfDay
    maintenance_time: TimeOfDay
    backup_regions: tuple[Location, ...]
    backup_regions_source: E.Expr | None
    deletion_protection: bool | None
    deletion_protection_source: E.Expr | None
    config: Config
    description: Value
    kafka_rest_api: bool | None = None
    kafka_schema_registry: bool | None = None
    opensearch_acls: bool | None = None
    lookup: bool = False  # a data source: an existing cluster, not one to create

    @property
    def private(self) -> bool:
        first = self.nodes.first
        return first is not None and first.private

    @property
    def public(self) -> bool:
        """OVH gives a cluster on no private network a public endpoint."""
        first = self.nodes.first
        return first is None or first.network is None

    @property
    def ha(self) -> bool:
        """Highly available: two or more nodes written, or a plan sold as HA."""
        return len(self.nodes.items) >= 2 or bool(self.plan.ha)


def names_a_resource(e: E.Expr) -> bool:
    """True when `e` reads a resource or data source (not only variables, locals, each)."""
    for sub in E.walk(e):
        t = E.traversal(sub)
        if t and (t[0] == "data" or ("_" in t[0] and t[1] and t[1][0][0] == "attr")):
            return True  # type.name... (a for-expression's own variable is a bare name)
    return False


def read_engine(r: Reader, node: N.Resource, others: Iterable[N.Resource] = ()) -> Engine:
    """A literal (or defaulted) engine, else the one a typed sub-resource of this cluster
    gives away (`ovh_cloud_project_database_postgresql_user { cluster_id = <node>.id }`);
    one engine only, else unknown."""
    src = node.get("engine")
    text = r.literal(src, node)
    if text is not None:
        return Engine(src, ENGINES.get(text, text), text)
    if node.type != "ovh_cloud_project_database" and node.canonical_type != \
            "ovh_cloud_project_database":
        return Engine(src)
    found: dict[str, N.Resource] = {}
    for other in others:
        m = TYPED.match(other.canonical_type or other.type)
        if m and r.resolve(other.get("cluster_id"), other.module) is node:
            found.setdefault(m.group(1), other)
    if len(found) != 1:
        return Engine(src)
    written, by = next(iter(found.items()))
    return Engine(src, ENGINES.get(written, written), written, by)


def read_plan(r: Reader, node: N.Resource) -> Plan:
    src = node.get("plan")
    text = r.literal(src, node)
    tier = next((t for t in Tier if t.value == (text or "").lower()), None)
    return Plan(src, text, tier)


def first_of(item: E.DynamicBlock) -> E.Object:
    """The content of a dynamic block for its first element: `nodes.value.x` becomes
    `[for n in <for_each> : n][0].x` (lists, sets and maps alike)."""
    it = item.iterator or item.label
    first = E.Index(E.ForExpr(None, "n", item.for_each, E.Var("n")), E.Literal(0, "0"))

    def fn(e: E.Expr) -> E.Expr | None:
        t = E.traversal(e)
        if t and t[0] == it and t[1] and t[1][0] == ("attr", "value"):
            out: E.Expr = first
            for kind, arg in t[1][1:]:
                if kind == "attr":
                    out = E.GetAttr(out, str(arg), span=e.span)
                elif kind == "index" and isinstance(arg, E.Expr):
                    out = E.Index(out, arg, span=e.span)
                else:
                    return None
            return out
        return None
    content = E.transform(item.content, fn)
    return content if isinstance(content, E.Object) else item.content


def read_nodes(r: Reader, node: N.Resource) -> Nodes:
    raw = node.get("nodes")
    if not isinstance(raw, E.BlockSeq) or not raw.items:
        return Nodes(source=raw)
    first = raw.items[0]
    if isinstance(first, E.DynamicBlock):
        body = first_of(first)
        return Nodes((_node(r, node, body),), first.for_each, raw)
    return Nodes(tuple(_node(r, node, i) for i in raw.items if isinstance(i, E.Object)),
                 None, raw)


def _node(r: Reader, node: N.Resource, body: E.Object) -> NodeSpec:
    return NodeSpec(read_location(r, node, E.obj_get(body, "region")),
                    E.obj_get(body, "network_id"), E.obj_get(body, "subnet_id"))


def read_database(r: Reader, node: N.Resource, others: Iterable[N.Resource] = ()) -> DatabaseSpec:
    """What an `ovh_cloud_project_database` means; `others` are the resources of its module
    (typed users may give a computed engine away)."""
    disk = node.get("disk_size")
    regions = node.get("backup_regions")
    protect = node.get("deletion_protection")
    backup_regions = tuple(read_location(r, node, i) for i in regions.items) \
        if isinstance(regions, E.Tuple) else ()
    return DatabaseSpec(
        engine=read_engine(r, node, others),
        version=value(r, node, node.get("version")),
        plan=read_plan(r, node),
        nodes=read_nodes(r, node),
        machine=read_machine(r, node, node.get("flavor"), "database"),
        disk_gb=_number(r, node, disk),
        disk_source=disk,
        allow=read_allow(r, node),
        backup_time=read_time(r, node, "backup_time"),
        maintenance_time=read_time(r, node, "maintenance_time"),
        backup_regions=backup_regions,
        backup_regions_source=regions,
        deletion_protection=_flag(r, node, protect),
        deletion_protection_source=protect,
        config=read_config(node),
        description=value(r, node, node.get("description")),
        kafka_rest_api=_flag(r, node, node.get("kafka_rest_api")),
        kafka_schema_registry=_flag(r, node, node.get("kafka_schema_registry")),
        opensearch_acls=_flag(r, node, node.get("opensearch_acls_enabled")),
        lookup=node.mode == "data")


def _flag(r: Reader, node: N.Resource, e: E.Expr | None) -> bool | None:
    """A literal boolean, or one through a variable default or a local."""
    found = boolean(e)
    if found is not None or e is None:
        return found
    text = r.literal(e, node)
    return {"true": True, "false": False}.get(text.lower()) if text is not None else None


def _number(r: Reader, node: N.Resource, e: E.Expr | None) -> float | None:
    n = number(e)
    if n is not None or e is None:
        return n
    text = r.literal(e, node)
    try:
        return float(text) if text is not None else None
    except ValueError:
        return None
