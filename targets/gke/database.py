"""GKE lowering of managed databases: Cloud SQL, Memorystore (Valkey), Managed Kafka."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..fit import ovh_flavor
from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import literal_str
from . import cloudsql, harden
from . import common as C
from . import database_parts as parts

SQL = "google_sql_database_instance"
VALKEY = "google_memorystore_instance"
KAFKA = "google_managed_kafka_cluster"
_PORTS = {"postgresql": 5432, "mysql": 3306, "valkey": 6379, "kafka": 9092}
_SCHEMES = {"postgresql": "postgresql", "mysql": "mysql", "valkey": "rediss", "kafka": "kafka"}
_RESOURCE = {"cloud_sql": SQL, "memorystore_valkey": VALKEY, "managed_kafka": KAFKA}


# Typed sub-resources name their engine: ovh_cloud_project_database_<engine>_<kind>.
_TYPED = re.compile(r"^ovh_cloud_project_database_(postgresql|mysql|mongodb|redis|valkey|"
                    r"kafka|opensearch|m3db|cassandra|grafana|clickhouse)_[a-z_]+$")


def engine_of(node: N.Resource, ctx: Ctx) -> str | None:
    """The engine: a literal, a variable's default, or what its typed users give away."""
    found = literal_str(node.get("engine"), node, ctx)
    return found if found is not None else inferred_engine(ctx, node)[0]


def inferred_engine(ctx: Ctx, node: N.Resource) -> tuple[str | None, N.Resource | None]:
    """`ovh_cloud_project_database_postgresql_user.x { cluster_id = <node>.id }` says the
    engine of a cluster whose `engine` is computed; one engine only, else unknown."""
    if node.type != "ovh_cloud_project_database" or literal_str(node.get("engine"), node,
                                                                 ctx) is not None:
        return None, None
    found: dict[str, N.Resource] = {}
    for key in ctx.by_module.sorted_keys(node.module):
        other = ctx.nodes[key]
        m = _TYPED.match(other.type)
        if m and ctx.resolve(other.get("cluster_id"), other.module) is node:
            found.setdefault(m.group(1), other)
    if len(found) != 1:
        return None, None
    engine, by = next(iter(found.items()))
    return engine, by


def _first_node(node: N.Resource) -> E.Expr | None:
    nodes = node.get("nodes")
    return nodes.items[0] if isinstance(nodes, E.BlockSeq) and nodes.items else None


def service_of(ctx: Ctx, node: N.Resource) -> tuple[str | None, dict[str, Any]]:
    engine = engine_of(node, ctx)
    entry: dict[str, Any] = ctx.tables.databases["engines"].get(engine or "", {})
    return entry.get("service"), entry


def declare_database(ctx: Ctx, node: N.Resource) -> RefTarget:
    service, _ = service_of(ctx, node)
    resource = _RESOURCE.get(service or "")
    engine = engine_of(node, ctx) or ""
    if resource is None:
        return RefTarget(None, {})
    port = _PORTS.get(engine, 0)
    first = _first_node(node)
    net = E.obj_get(first, "network_id") if isinstance(first, E.Object) else None
    private = net is not None and cloudsql.names_a_resource(net)  # as cloudsql._ip decides
    kind, host = {
        SQL: ("expr", "{self}.private_ip_address" if private else "{self}.public_ip_address"),
        VALKEY: ("expr", "{self}.discovery_endpoints[0].address"),
        KAFKA: ("tpl", "bootstrap.${{self}.cluster_id}.${{self}.location}.managedkafka."
                       "${data.google_client_config.default.project}.cloud.goog"),
    }[resource]
    domain = host if kind == "expr" else f'"{host}"'
    body = "${" + host + "}" if kind == "expr" else host
    prefix = "data." if node.mode == "data" else ""
    return RefTarget(f"{prefix}{resource}.{node.name}", {
        "endpoints[].domain": domain, "endpoints[].port": str(port),
        "endpoints[].uri": f'"{_SCHEMES.get(engine, engine)}://{body}:{port}"',
        "description": "{self}.name", "engine": f'"{engine}"'})


def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    """Logical databases, users and topics of a cluster the target keeps; of one it cannot
    translate (ClickHouse, a lookup of an unknown engine) they lower to nothing, so their
    references become reported placeholders rather than names nothing defines."""
    inst = ctx.resolve(node.field_value("cluster"), node.module)
    if isinstance(inst, N.Resource) and inst.KIND == "Database" and \
            _RESOURCE.get(service_of(ctx, inst)[0] or "") is None:
        return RefTarget(None, {})
    return parts.declare_sub(ctx, node)


def lower_database(ctx: Ctx, node: N.Resource) -> None:
    service, entry = service_of(ctx, node)
    engine = engine_of(node, ctx)
    guessed, by = inferred_engine(ctx, node)
    if guessed is not None and by is not None:
        ctx.sink.add("IT301", node.arg_span("engine"), f"the engine of {node.address} is "
                     f"not a literal; {by.address} is a {guessed} resource of this cluster, so "
                     f"it is translated as {guessed}")
    elif engine is None:
        ctx.sink.add("IT309", node.arg_span("engine"), f"the engine of {node.address} is not a "
                     "value the translator can read, and no typed user or database resource of "
                     "it names one; the database cannot be translated",
                     "set `engine` to a literal or give its variable a default")
    if service is None or node.mode == "data":
        why = entry.get("note", "") if entry else ""
        ctx.sink.add("IT305", node.span, f"{node.address} ({engine or 'engine unknown'}) has no "
                     "managed equivalent on GCP; a human must choose (self-hosted in GKE, a "
                     "marketplace service, or another engine)", why)
        placeholder = TfBlock("")
        placeholder.note(f"TODO(IT305): {node.address} (engine {engine or 'unknown'}) is not "
                         f"translated{': ' + why if why else ''}")
        ctx.emit(node.span, placeholder)
        return
    if service == "cloud_sql":
        cloudsql.cloud_sql(ctx, node, entry, engine or "")
    elif service == "memorystore_valkey":
        _valkey(ctx, node, entry)
    elif service == "managed_kafka":
        _kafka(ctx, node)


def flavor_spec(ctx: Ctx, node: N.Resource, u: Use) -> tuple[dict[str, Any] | None, str | None]:
    raw = u.raw("flavor")
    name = literal_str(raw, node, ctx)
    spec = ovh_flavor(name, ctx.tables, "database") if name else None
    if raw is not None and spec is None:
        if name:
            ctx.sink.add("IT303", raw.span, f"database flavor `{name}` of {node.address} is not "
                         "in the mapping table")
        else:
            ctx.sink.add("IT309", raw.span, f"the database flavor of {node.address} is not a "
                         "value the translator can read; a default size is used",
                         "give the flavor a literal value or a variable default")
    return spec, name


def node_count(u: Use) -> tuple[int, E.Expr | None]:
    """How many nodes are written, and the first one; `dynamic "nodes"` counts as one whose
    values are those of its first element (see dynamic_nodes for the count)."""
    nodes = u.raw("nodes")
    if isinstance(nodes, E.BlockSeq) and nodes.items:
        item = nodes.items[0]
        if isinstance(item, E.DynamicBlock):
            return 1, _first_of(item)
        return len(nodes.items), item
    return 1, None


def dynamic_nodes(node: N.Resource) -> E.Expr | None:
    """The for_each of a `dynamic "nodes"` block (the node count is its length), or None."""
    nodes = node.get("nodes")
    if isinstance(nodes, E.BlockSeq) and len(nodes.items) == 1 and \
            isinstance(nodes.items[0], E.DynamicBlock):
        return nodes.items[0].for_each
    return None


def _first_of(item: E.DynamicBlock) -> E.Object:
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


def region_from_nodes(ctx: Ctx, node: N.Resource, first: E.Expr | None) -> E.Expr | None:
    region = E.obj_get(first, "region") if isinstance(first, E.Object) else None
    return C.map_region(ctx, node, region)


_VALKEY_TYPES = (("SHARED_CORE_NANO", 1.4), ("STANDARD_SMALL", 6.5), ("HIGHMEM_MEDIUM", 13.0),
                 ("HIGHMEM_XLARGE", 58.0))


def _valkey(ctx: Ctx, node: N.Resource, entry: dict[str, Any]) -> None:
    u = Use(ctx, node, VALKEY)
    b = TfBlock("resource", (VALKEY, node.name))
    b.set("instance_id", E.Literal(C.gcp_name(node.name)))
    count, first = node_count(u)
    b.set("location", region_from_nodes(ctx, node, first))
    b.set("mode", E.Literal("CLUSTER_DISABLED"))
    b.set("shard_count", C.num(1))
    b.set("replica_count", C.num(max(0, count - 1)))
    spec, name = flavor_spec(ctx, node, u)
    if spec is not None:
        ram = spec["ram_gb"]
        node_type = next((t for t, gb in _VALKEY_TYPES if gb >= ram), _VALKEY_TYPES[-1][0])
        b.set("node_type", E.Literal(node_type))
        ctx.sink.add("IT306", u.span("flavor"), f"flavor `{name}` ({ram} GB) mapped to "
                     f"Memorystore node type {node_type}")
    version = literal_str(u.raw("version"), node, ctx)
    mapped = entry.get("versions", {}).get(version or "")
    if mapped:
        b.set("engine_version", E.Literal(mapped))
    elif version:
        ctx.sink.add("IT308", u.span("version"), f"Valkey version `{version}` is not in the "
                     "mapping table; the Memorystore default version is used")
    network = cloudsql.network_of(ctx, node, first)
    ep = b.block("desired_auto_created_endpoints")
    ep.set("network", network or E.Literal("TODO(IT308): VPC network id for the endpoint"))
    ep.set("project_id", C.project())
    if network is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no private network; Memorystore "
                     "is reached through a Private Service Connect endpoint in a VPC: set it")
    b.set("deletion_protection_enabled", harden.protection(
        ctx, node, u.raw("deletion_protection"), "the instance"))
    parts.drop_common(ctx, node, u, "Memorystore")
    P.place(ctx, node, b)
    u.done()


def _kafka(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, KAFKA)
    b = TfBlock("resource", (KAFKA, node.name))
    b.set("cluster_id", E.Literal(C.gcp_name(node.name)))
    count, first = node_count(u)
    b.set("location", region_from_nodes(ctx, node, first))
    spec, _ = flavor_spec(ctx, node, u)
    cap = b.block("capacity_config")
    vcpu = max(3, int(spec["vcpu"] * count)) if spec else 3
    ram_gb = max(vcpu, int(spec["ram_gb"] * count)) if spec else 3 * 4
    ram_gb = min(ram_gb, vcpu * 8)  # Managed Kafka accepts 1-8 GiB per vCPU
    cap.set("vcpu_count", C.num(vcpu))
    cap.set("memory_bytes", C.num(ram_gb * 1024 ** 3))
    ctx.sink.add("IT301", u.span("flavor"), f"{node.address}: {count} broker node(s) become a "
                 f"Managed Kafka capacity of {vcpu} vCPU and {ram_gb} GiB")
    net = b.block("gcp_config").block("access_config").block("network_configs")
    subnet = E.obj_get(first, "subnet_id") if isinstance(first, E.Object) else None
    if subnet is not None:
        net.set("subnet", ctx.rewrite(subnet, node.module))
    else:
        net.set("subnet", E.Literal("TODO(IT308): subnetwork id for the Kafka brokers"))
        ctx.sink.add("IT308", node.span, f"{node.address} has no subnet; Managed Kafka needs a "
                     "subnetwork for its broker endpoints")
    u.drop("version", "Managed Kafka chooses and upgrades the Kafka version itself (it has "
           "no version argument); check the clients against the version it runs")
    u.drop("kafka_rest_api", "Managed Kafka has no REST proxy")
    u.drop("kafka_schema_registry", "use Managed Kafka Schema Registry (a separate resource)")
    parts.drop_common(ctx, node, u, "Managed Kafka")
    P.place(ctx, node, b)
    u.done()


def iso_hhmm(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", value):
        return value[:5]
    return None
