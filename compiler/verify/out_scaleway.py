"""What Scaleway Terraform blocks say (output facts), one small table per resource type."""

from __future__ import annotations

import re
from typing import Any

from ..ir import expr as E
from ..ir.nodes import Node, Resource
from .model import Expression, Fact
from .out_eks import _first, _machine, _version, bound, labels, sibling, taints
from .out_gke import OutFact, attr
from .tables import Tables
from .values import get

_ZONE = re.compile(r"([a-z]{2}-[a-z]{3})-\d")  # fr-par-1 is in fr-par
# "${var.region}-1": the first zone of the region the variable holds (a region variable's
# zonal resources follow the region the caller passes)
_ZONE_OF = re.compile(r'"\$\{([^{}]+)\}-\d"')


def _provider(r: Resource, t: Tables, what: str) -> Any:
    """`region` or `zone` of the scaleway provider the resource uses."""
    chosen = E.traversal(r.meta.provider) if r.meta.provider is not None else None
    name = "provider." + ".".join([chosen[0], *(str(a) for _, a in chosen[1][:1])]) \
        if chosen else "provider.scaleway"
    provider = t.blocks.get(name)
    if provider is None:  # a module handed one aliased provider
        found = [b for k, b in t.blocks.items() if k.startswith("provider.scaleway.")]
        provider = found[0] if len(found) == 1 else None
    return get(provider, what) if isinstance(provider, Node) else None


def _followed(value: Any, t: Tables, depth: int = 0) -> Any:
    """`scaleway_instance_server.web.zone` read from that block when it is in the module."""
    m = re.fullmatch(r"(scaleway_\w+)\.(\w+)\.(zone|region)", str(value)) \
        if isinstance(value, Expression) and depth < 3 else None
    other = t.blocks.get(f"{m.group(1)}.{m.group(2)}") if m else None
    if m is None or not isinstance(other, Resource):
        return value
    return _followed(get(other, m.group(3)), t, depth + 1)


def _region(r: Resource, t: Tables) -> Fact | None:
    """A regional resource's `region`, a zonal one's zone's region, else its provider's."""
    own = _followed(get(r, "region"), t)
    if own is not None:
        return Fact(own)
    zone = _followed(get(r, "zone"), t)
    if zone is None:
        zone = _provider(r, t, "zone") if _provider(r, t, "region") is None else None
    if isinstance(zone, str) and (m := _ZONE.fullmatch(zone)):
        return Fact(m.group(1), raw=zone)
    if isinstance(zone, Expression) and (m := _ZONE_OF.fullmatch(str(zone))):
        return Fact(Expression(m.group(1)), raw=str(zone))
    if zone is not None:
        return Fact(zone)
    value = _provider(r, t, "region")
    return Fact(value) if value is not None else None


def _zones(r: Resource, t: Tables) -> Fact | None:
    """A Kapsule pool lives in one zone (the region's first when it names none)."""
    zone = get(r, "zone")
    return Fact([zone]) if zone is not None else None


def _autoscale(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "autoscaling")
    return Fact(value) if value is not None else Fact(False)


def _subnet(r: Resource, t: Tables) -> Fact | None:
    """The IPv4 range of a Private Network (its ipv4_subnet block)."""
    value = get(r, "ipv4_subnet.subnet")
    return Fact(value) if value is not None else None


def _versioning(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "versioning.enabled")
    return Fact(value) if value is not None else Fact(False)


# engine prefixes of scaleway_rdb_instance.engine (`PostgreSQL-16`)
_RDB = {"postgresql": "postgresql", "mysql": "mysql"}


def _rdb_engine(part: str) -> OutFact:
    """`PostgreSQL-16` -> engine postgresql, version 16 (`"PostgreSQL-${var.v}"`: the
    engine, and the version as computed)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, "engine")
        if isinstance(value, Expression):
            m = re.match(r'"?([A-Za-z]+)-', str(value))
            return Fact(_RDB.get(m.group(1).lower(), m.group(1).lower()), raw=str(value)) \
                if m and part == "engine" else Fact(value)
        if not isinstance(value, str):
            return Fact(value) if value is not None else None
        name, _, version = value.partition("-")
        if part == "engine":
            return Fact(_RDB.get(name.lower(), name.lower()), raw=value)
        return Fact(version, raw=value)
    return read


def _const(value: Any) -> OutFact:
    return lambda r, t: Fact(value)


def _node_type(service: str, part: str) -> OutFact:
    """vCPU or RAM of a Managed Database / Redis / MongoDB node type (databases.json)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, "node_type")
        if not isinstance(name, str):
            return Fact(name) if name is not None else None
        classes = t.doc("scaleway/databases.json").get("instance_classes", {}).get(service, {})
        spec = classes.get(name)
        # Redis node types are sized by memory only: the vCPU is the node type's name
        found = spec.get(part) if spec else None
        return Fact(found, raw=name) if found is not None else Fact(name, raw=name)
    return read


def _ha(path: str, more: int = 1) -> OutFact:
    """HA: a flag, or more than `more` nodes."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if value is None:
            return Fact(False)
        return Fact(value > more if isinstance(value, int) and not isinstance(value, bool)
                    else value)
    return read


def _db_name(r: Resource, t: Tables) -> Fact | None:
    """The first logical database of an rdb instance (scaleway_rdb_database of it)."""
    other = sibling(r, t, "scaleway_rdb_database", "instance_id")
    return attr("name")(other, t) if other is not None else None


def _disk(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "volume_size_in_gb")
    return Fact(value) if value is not None else None


def _server_size(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "size_in_gb")
    return Fact(value) if value is not None else None


# Terraform resource type -> fact -> how the output states it
OUTPUT: dict[str, dict[str, OutFact]] = {
    "scaleway_k8s_cluster": {"name": attr("name"), "location": _region,
                             "version": attr("version"), "pods_cidr": attr("pod_cidr"),
                             "services_cidr": attr("service_cidr")},
    "scaleway_k8s_pool": {
        "name": attr("name"), "machine": _first("node_type"),
        "vcpu": _machine("node_type", "vcpu"), "ram_gb": _machine("node_type", "ram_gb"),
        "gpu": _machine("node_type", "gpu"), "nodes": attr("size"), "autoscale": _autoscale,
        "min_nodes": bound("min_size", "size"), "max_nodes": bound("max_size", "size"),
        "zones": _zones, "labels": labels, "taints": taints("taints", "node_type")},
    "scaleway_vpc_private_network": {"cidr": _subnet, "region": _region},
    "scaleway_object_bucket": {"name": attr("name"), "location": _region,
                               "versioning": _versioning},
    "scaleway_registry_namespace": {"name": attr("name"), "location": _region},
    "scaleway_rdb_instance": {
        "name": _db_name, "engine": _rdb_engine("engine"), "version": _rdb_engine("version"),
        "location": _region, "ha": _ha("is_ha_cluster"), "disk_gb": _disk,
        "vcpu": _node_type("rdb", "vcpu"), "ram_gb": _node_type("rdb", "ram_gb")},
    "scaleway_rdb_database": {"name": attr("name")},
    "scaleway_rdb_user": {"name": attr("name")},
    "scaleway_redis_cluster": {
        "name": attr("user_name"),  # a Redis user (DatabaseUser) is the cluster's one user
        "engine": _const("redis"), "version": _version("version"), "location": _region,
        "ha": _ha("cluster_size"), "vcpu": _node_type("redis", "vcpu"),
        "ram_gb": _node_type("redis", "ram_gb")},
    "scaleway_mongodb_instance": {
        "engine": _const("mongodb"), "version": _version("version"), "location": _region,
        "ha": _ha("node_number"), "disk_gb": _disk, "vcpu": _node_type("mongodb", "vcpu"),
        "ram_gb": _node_type("mongodb", "ram_gb")},
    "scaleway_mongodb_user": {"name": attr("name")},
    "scaleway_kafka_cluster": {
        "engine": _const("kafka"), "version": _version("version"), "location": _region,
        "ha": _ha("node_amount"), "disk_gb": _disk, "vcpu": _node_type("kafka", "vcpu"),
        "ram_gb": _node_type("kafka", "ram_gb")},
    "scaleway_opensearch_deployment": {
        "engine": _const("opensearch"), "version": _version("version"), "location": _region,
        "ha": _ha("node_count"), "disk_gb": attr("volume.size_in_gb"),
        "vcpu": _node_type("opensearch", "vcpu"), "ram_gb": _node_type("opensearch", "ram_gb")},
    "scaleway_instance_server": {"name": attr("name"), "location": _region,
                                 "vcpu": _machine("type", "vcpu"),
                                 "ram_gb": _machine("type", "ram_gb")},
    "scaleway_block_volume": {"size_gb": _server_size, "location": _region},
}

# concept kind -> the output types that carry its facts (the first one emitted is compared)
PRIMARY: dict[str, tuple[str, ...]] = {
    "Cluster": ("scaleway_k8s_cluster",), "NodePool": ("scaleway_k8s_pool",),
    "Subnet": ("scaleway_vpc_private_network",), "Bucket": ("scaleway_object_bucket",),
    "S3Bucket": ("scaleway_object_bucket",), "Registry": ("scaleway_registry_namespace",),
    "Database": ("scaleway_rdb_instance", "scaleway_redis_cluster",
                 "scaleway_mongodb_instance", "scaleway_kafka_cluster",
                 "scaleway_opensearch_deployment"),
    "DatabaseDb": ("scaleway_rdb_database",),
    "DatabaseUser": ("scaleway_rdb_user", "scaleway_mongodb_user", "scaleway_redis_cluster"),
    "Instance": ("scaleway_instance_server",), "Volume": ("scaleway_block_volume",),
}

# Concepts whose fact is spread over several blocks: none read yet on Scaleway (an OVH
# policy's access becomes scaleway_object_bucket_policy statements: not compared yet).
GROUPED: dict[str, Any] = {}
