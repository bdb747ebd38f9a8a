"""GKE lowering of managed databases: Cloud SQL, Memorystore (Valkey), Managed Kafka."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec, NodeSpec, read_database
from iac_translate.compiler.passes.machine import MachineSpec
from iac_translate.compiler.passes.reader import once

from ..hclwrite import TfBlock
from ..tfbase import dbfamily
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import cloudsql, database_net, memorystore
from . import common as C
from . import database_parts as parts

SQL = "google_sql_database_instance"
VALKEY = "google_memorystore_instance"
REDIS = "google_redis_instance"
KAFKA = "google_managed_kafka_cluster"
_PORTS = {"postgresql": 5432, "mysql": 3306, "valkey": 6379, "redis": 6379, "kafka": 9092}
_SCHEMES = {"postgresql": "postgresql", "mysql": "mysql", "valkey": "rediss", "redis": "rediss",
            "kafka": "kafka"}
_RESOURCE = {"cloud_sql": SQL, "memorystore_valkey": VALKEY, "memorystore_redis": REDIS,
             "managed_kafka": KAFKA}


def spec_of(ctx: Ctx, node: N.Resource) -> DatabaseSpec:
    """The neutral reading of an OVH database (its module's resources may say its engine),
    read once per node (declaring, lowering and its parts ask it)."""
    return once(ctx, "database", node, lambda: read_database(
        ctx, node, (ctx.nodes[k] for k in ctx.by_module.sorted_keys(node.module))))


def engine_of(node: N.Resource, ctx: Ctx) -> str | None:
    """The engine as OVH writes it: a literal, a variable's default, or what its typed
    users give away."""
    return spec_of(ctx, node).engine.written


def service_of(ctx: Ctx, node: N.Resource) -> tuple[str | None, dict[str, Any]]:
    engine = engine_of(node, ctx)
    entry: dict[str, Any] = ctx.tables.databases["engines"].get(engine or "", {})
    return entry.get("service"), entry


def declare_database(ctx: Ctx, node: N.Resource) -> RefTarget:
    service, _ = service_of(ctx, node)
    resource = _RESOURCE.get(service or "")
    engine = engine_of(node, ctx) or ""
    if resource is None or node.mode == "data":  # (an OVH cluster read: nothing to read here)
        return RefTarget(None, {})
    port = _PORTS.get(engine, 0)
    private = database_net.private(ctx, node)  # as cloudsql._ip decides
    kind, host = {
        SQL: ("expr", "{self}.private_ip_address" if private else "{self}.public_ip_address"),
        VALKEY: ("expr", "{self}.discovery_endpoints[0].address"),
        REDIS: ("expr", "{self}.host"),
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
    spec = spec_of(ctx, node)
    service, entry = service_of(ctx, node)
    engine = spec.engine.written
    by = spec.engine.inferred_by
    if by is not None:
        ctx.sink.add("IT301", node.arg_span("engine"), f"the engine of {node.address} is "
                     f"not a literal; {by.address} is a {engine} resource of this cluster, so "
                     f"it is translated as {engine}")
    elif engine is None:
        ctx.sink.add("IT309", node.arg_span("engine"), f"the engine of {node.address} is not a "
                     "value the translator can read, and no typed user or database resource of "
                     "it names one; the database cannot be translated",
                     "set `engine` to a literal or give its variable a default")
    if service is None or node.mode == "data":
        why = entry.get("note", "") if entry else ""
        resource = _RESOURCE.get(service or "")
        if node.mode == "data" and resource is not None:
            dbfamily.read_not_there(ctx, node, engine or "", "GCP", resource)
        else:
            ctx.sink.add("IT305", node.span, f"{node.address} ({engine or 'engine unknown'}) "
                         "has no managed equivalent on GCP; a human must choose (self-hosted "
                         "in GKE, a marketplace service, or another engine)", why)
        placeholder = TfBlock("")
        placeholder.note(f"TODO(IT305): {node.address} (engine {engine or 'unknown'}) is not "
                         f"translated{': ' + why if why else ''}")
        ctx.emit(node.span, placeholder)
        return
    if service == "cloud_sql":
        cloudsql.cloud_sql(ctx, node, spec, entry, engine or "")
        parts.default_database(ctx, node)
    elif service == "memorystore_valkey":
        memorystore.valkey(ctx, node, spec, entry)
    elif service == "memorystore_redis":
        memorystore.redis(ctx, node, spec, entry)
    elif service == "managed_kafka":
        _kafka(ctx, node, spec)


def flavor_spec(ctx: Ctx, node: N.Resource, u: Use, spec: DatabaseSpec) -> MachineSpec | None:
    """The db flavor's shape, or None (reported) when it is unknown or computed."""
    raw = u.raw("flavor")
    machine = spec.machine
    if raw is not None and not machine.known:
        if machine.flavor:
            ctx.sink.add("IT303", raw.span, f"database flavor `{machine.flavor}` of "
                         f"{node.address} is not in the mapping table")
        else:
            ctx.sink.add("IT309", raw.span, f"the database flavor of {node.address} is not a "
                         "value the translator can read; a default size is used",
                         "give the flavor a literal value or a variable default")
    return machine if raw is not None and machine.known else None


def node_count(u: Use, spec: DatabaseSpec) -> tuple[int, NodeSpec | None]:
    """How many nodes are written, and the first one (of a `dynamic "nodes"`, the values of
    its first element; the count is then its length, see Nodes.dynamic)."""
    u.raw("nodes")
    return spec.nodes.count, spec.nodes.first


def region_from_nodes(ctx: Ctx, node: N.Resource, first: NodeSpec | None) -> E.Expr | None:
    return C.map_region(ctx, node, first.location.source if first else None)


def _kafka(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> None:
    u = Use(ctx, node, KAFKA)
    b = TfBlock("resource", (KAFKA, node.name))
    b.set("cluster_id", E.Literal(C.gcp_name(node.name)))
    count, first = node_count(u, spec)
    b.set("location", region_from_nodes(ctx, node, first))
    machine = flavor_spec(ctx, node, u, spec)
    cap = b.block("capacity_config")
    vcpu = max(3, int((machine.vcpu or 0) * count)) if machine else 3
    ram_gb = max(vcpu, int((machine.ram_gb or 0) * count)) if machine else 3 * 4
    ram_gb = min(ram_gb, vcpu * 8)  # Managed Kafka accepts 1-8 GiB per vCPU
    cap.set("vcpu_count", C.num(vcpu))
    cap.set("memory_bytes", C.num(ram_gb * 1024 ** 3))
    ctx.sink.add("IT301", u.span("flavor"), f"{node.address}: {count} broker node(s) become a "
                 f"Managed Kafka capacity of {vcpu} vCPU and {ram_gb} GiB")
    net = b.block("gcp_config").block("access_config").block("network_configs")
    subnet = first.subnet if first is not None else None
    if subnet is not None and ctx.resolve(subnet, node.module) is not None:
        net.set("subnet", ctx.rewrite(subnet, node.module))
    else:
        net.set("subnet", E.Literal("TODO(IT308): subnetwork id for the Kafka brokers"))
        # A caller's subnet id may be null (public on OVH) or hold an OVH id today.
        why = "has no subnet" if subnet is None else f"takes its subnet from " \
            f"`{to_hcl(subnet)}`, not a subnet declared in the configuration"
        ctx.sink.add("IT308", subnet.span if subnet is not None and subnet.span else
                     node.span, f"{node.address} {why}; Managed Kafka needs a subnetwork "
                     "for its broker endpoints")
    u.drop("version", "Managed Kafka chooses and upgrades the Kafka version itself (it has "
           "no version argument); check the clients against the version it runs")
    u.drop("kafka_rest_api", "Managed Kafka has no REST proxy")
    u.drop("kafka_schema_registry", "use Managed Kafka Schema Registry (a separate resource)")
    parts.drop_common(ctx, node, u, "Managed Kafka")
    P.place(ctx, node, b)
    u.done()
