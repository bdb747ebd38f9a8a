"""What GKE Terraform blocks say (output facts), one small table per resource type."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ir.nodes import Resource
from .model import Expression, Fact
from .src_terraform import taint
from .tables import Tables
from .values import DYNAMIC, blocks, get

OutFact = Callable[[Resource, Tables], "Fact | None"]


def attr(path: str, fix: Callable[[Any], Any] | None = None) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if value is None:
            return None
        return Fact(fix(value) if fix and not isinstance(value, Expression) else value)
    return read


def _machine(path: str, part: str) -> OutFact:
    """vCPU, RAM or GPU of the machine type (guest accelerators count for GPUs)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, path)
        if not isinstance(name, str):
            return None
        spec = t.machine(name)
        if part == "gpu":
            return Fact(_gpus(r, spec, t), raw=name)
        if spec is None:
            return Fact(f"unknown machine type {name}", raw=name)
        return Fact(spec.get(part), raw=name)
    return read


def _gpus(r: Resource, spec: dict[str, Any] | None, t: Tables) -> str:
    for acc in blocks(r, "node_config.guest_accelerator") + blocks(r, "guest_accelerator"):
        kind = acc.get("type")
        model = t.gpu_model(str(kind)) if isinstance(kind, str) else None
        return f"{acc.get('count')}x {model or kind}"
    gpu = (spec or {}).get("gpu") or {}
    return f"{gpu['count']}x {gpu['model']}" if gpu.get("count") else "none"


def _expr(path: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        return Fact(value) if value is not None else None
    return read


def _zones(r: Resource) -> Any:
    return get(r, "node_locations")


def _per_zone(count: Any, r: Resource) -> Any:
    """GKE node counts are per zone: the pool's total is the count times its zones."""
    zones = _zones(r)
    if isinstance(count, int) and isinstance(zones, list) and zones:
        return count * len(zones)
    return count


def _nodes(r: Resource, t: Tables) -> Fact | None:
    count = get(r, "node_count")
    if count is None:
        count = get(r, "initial_node_count")
    return Fact(_per_zone(count, r)) if count is not None else None


def _bound(which: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        for body in blocks(r, "autoscaling"):  # a `dynamic` one too: its content
            if body.get(f"total_{which}_node_count") is not None:
                return Fact(body[f"total_{which}_node_count"])
            if body.get(f"{which}_node_count") is not None:
                return Fact(_per_zone(body[f"{which}_node_count"], r))
        return None
    return read


def _autoscale(r: Resource, t: Tables) -> Fact | None:
    found = blocks(r, "autoscaling")
    dynamic = [b[DYNAMIC] for b in found if DYNAMIC in b]
    return Fact(dynamic[0] if dynamic else bool(found))


def _taints(r: Resource, t: Tables) -> Fact | None:
    found = blocks(r, "node_config.taint")
    dynamic = [b[DYNAMIC] for b in found if DYNAMIC in b]
    return Fact(dynamic[0] if dynamic else sorted(taint(x) for x in found))


def _zone_region(path: str) -> OutFact:
    """The region of a zonal resource (`europe-west1-b` is in europe-west1)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        zone = get(r, path)
        if isinstance(zone, str) and re.fullmatch(r"[a-z]+-[a-z]+\d+-[a-z]", zone):
            return Fact(zone.rsplit("-", 1)[0], raw=zone)
        return Fact(zone) if zone is not None else None
    return read


def _secondary(which: str) -> OutFact:
    """The CIDR of the subnetwork range the cluster names for its Pods or Services."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, f"ip_allocation_policy.{which}_secondary_range_name")
        if name is None:
            block = get(r, f"ip_allocation_policy.{which}_ipv4_cidr_block")
            return Fact(block) if block is not None else None
        for other in t.blocks.values():
            if isinstance(other, Resource) and other.type == "google_compute_subnetwork":
                for rng in blocks(other, "secondary_ip_range"):
                    if rng.get("range_name") == name:
                        return Fact(rng.get("ip_cidr_range"), raw=str(name))
        return Fact(f"range {name} not found")
    return read


def _lower(value: Any) -> Any:
    return value.lower() if isinstance(value, str) else value


def _sql(part: str) -> OutFact:
    """Engine or version of `database_version` (POSTGRES_16, MYSQL_8_0, VALKEY_8_0)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, "database_version") or get(r, "engine_version")
        if isinstance(value, Expression) and part == "engine":
            # The engine is in the variable's value; the type allows only these.
            return Fact(_TYPE_ENGINES.get(r.type, frozenset()), raw=r.type)
        if not isinstance(value, str):
            return Fact(value) if value is not None else None
        engine, _, version = value.partition("_")
        if part == "engine":
            return Fact(_ENGINES.get(engine, engine.lower()), raw=value)
        return Fact(version.replace("_", "."), raw=value)
    return read


_TYPE_ENGINES = {"google_sql_database_instance": frozenset({"postgresql", "mysql", "sqlserver"})}
_ENGINES = {"POSTGRES": "postgresql", "MYSQL": "mysql", "VALKEY": "valkey",
            "SQLSERVER": "sqlserver"}


def _tier(part: str) -> OutFact:
    """vCPU or RAM of a Cloud SQL tier (`db-custom-4-15360`: 4 vCPU, 15 GiB)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        tier = get(r, "settings.tier")
        if not isinstance(tier, str):
            return Fact(tier) if tier is not None else None
        m = re.fullmatch(r"db-custom-(\d+)-(\d+)", tier)
        if not m:
            return Fact(tier, raw=tier)
        return Fact(int(m.group(1)) if part == "vcpu" else int(m.group(2)) / 1024, raw=tier)
    return read


def _kafka(part: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        if part == "vcpu":
            return attr("capacity_config.vcpu_count")(r, t)
        mem = get(r, "capacity_config.memory_bytes")
        return Fact(mem / 2**30 if isinstance(mem, int) else mem) if mem is not None else None
    return read


def _redis_version(r: Resource, t: Tables) -> Fact | None:
    """`redis_version = "REDIS_7_2"` -> 7.2."""
    value = get(r, "redis_version")
    if not isinstance(value, str):
        return Fact(value) if value is not None else None
    return Fact(value.partition("_")[2].replace("_", "."), raw=value)


def _node_type(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "node_type")
    return Fact(value, raw=str(value)) if value is not None else None


def _ha_sql(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "settings.availability_type")
    if value is None:
        return Fact(False)  # the Cloud SQL default is ZONAL
    return Fact(value == "REGIONAL" if isinstance(value, str) else value)


def _ha_replicas(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "replica_count")
    return Fact(value > 0 if isinstance(value, int) else value) if value is not None else None


# Terraform resource type -> fact -> how the output states it
OUTPUT: dict[str, dict[str, OutFact]] = {
    "google_container_cluster": {"name": attr("name"), "location": attr("location"),
                                 "version": attr("min_master_version"),
                                 "pods_cidr": _secondary("cluster"),
                                 "services_cidr": _secondary("services")},
    "google_container_node_pool": {
        "name": attr("name"), "machine": _expr("node_config.machine_type"),
        "vcpu": _machine("node_config.machine_type", "vcpu"),
        "ram_gb": _machine("node_config.machine_type", "ram_gb"),
        "gpu": _machine("node_config.machine_type", "gpu"), "nodes": _nodes,
        "autoscale": _autoscale, "min_nodes": _bound("min"), "max_nodes": _bound("max"),
        "zones": attr("node_locations"),
        "labels": lambda r, t: attr("node_config.labels")(r, t) or Fact({}),
        "taints": _taints},
    "google_compute_subnetwork": {"cidr": attr("ip_cidr_range"), "region": attr("region")},
    "google_storage_bucket": {"name": attr("name"), "location": attr("location", _lower),
                              "versioning": attr("versioning.enabled")},
    "google_artifact_registry_repository": {"name": attr("repository_id"),
                                            "location": attr("location")},
    "google_sql_database_instance": {
        "engine": _sql("engine"), "version": _sql("version"), "location": attr("region"),
        "ha": _ha_sql, "disk_gb": attr("settings.disk_size"), "vcpu": _tier("vcpu"),
        "ram_gb": _tier("ram_gb")},
    "google_memorystore_instance": {
        "engine": _sql("engine"), "version": _sql("version"), "location": attr("location"),
        "ha": _ha_replicas, "vcpu": _node_type, "ram_gb": _node_type},
    # Memorystore for Redis: sized by memory only (no vCPU to state), HA as a tier
    "google_redis_instance": {
        "engine": lambda r, t: Fact("redis"), "version": _redis_version,
        "location": attr("region"), "ram_gb": attr("memory_size_gb"),
        "ha": lambda r, t: Fact(get(r, "tier") == "STANDARD_HA")},
    "google_managed_kafka_cluster": {"engine": lambda r, t: Fact("kafka"),
                                     # brokers of a Managed Kafka cluster span three zones
                                     "ha": lambda r, t: Fact(True),
                                     "location": attr("location"), "vcpu": _kafka("vcpu"),
                                     "ram_gb": _kafka("ram_gb")},
    "google_sql_database": {"name": attr("name")},
    "google_sql_user": {"name": attr("name")},
    "google_managed_kafka_topic": {"name": attr("topic_id"),
                                   "partitions": attr("partition_count"),
                                   "replication": attr("replication_factor")},
    "google_compute_instance": {"name": attr("name"), "location": _zone_region("zone"),
                                "vcpu": _machine("machine_type", "vcpu"),
                                "ram_gb": _machine("machine_type", "ram_gb")},
    "google_compute_disk": {"size_gb": attr("size"), "location": _zone_region("zone")},
}

# concept kind -> the output types that carry its facts (the first one emitted is compared)
PRIMARY: dict[str, tuple[str, ...]] = {
    "Cluster": ("google_container_cluster",), "NodePool": ("google_container_node_pool",),
    "Subnet": ("google_compute_subnetwork",), "Bucket": ("google_storage_bucket",),
    "S3Bucket": ("google_storage_bucket",),
    "Registry": ("google_artifact_registry_repository",),
    "Database": ("google_sql_database_instance", "google_memorystore_instance",
                 "google_redis_instance", "google_managed_kafka_cluster"),
    "DatabaseDb": ("google_sql_database",), "DatabaseUser": ("google_sql_user",),
    "DatabaseTopic": ("google_managed_kafka_topic",),
    "Instance": ("google_compute_instance",), "Volume": ("google_compute_disk",),
}


# Roles of a bucket grant -> what they allow, in the words of the source facts.
_ROLES = {"roles/storage.objectViewer": ["read"], "roles/storage.legacyBucketReader": ["read"],
          "roles/storage.objectCreator": ["write"],
          "roles/storage.objectUser": ["delete", "read", "write"],
          "roles/storage.objectAdmin": ["delete", "read", "write"],
          "roles/storage.admin": ["delete", "read", "write"],
          "roles/storage.legacyBucketWriter": ["delete", "read", "write"]}


def _grants(found: list[Resource], t: Tables) -> Fact | None:
    allowed: set[str] = set()
    for r in found:
        role = get(r, "role")
        if not isinstance(role, str):
            return Fact(role)
        allowed.update(_ROLES.get(role, [f"unknown role {role}"]))
    return Fact(sorted(allowed), raw=", ".join(sorted(str(get(r, "role")) for r in found)))


# Concepts whose fact is spread over every block of one type the translation emitted for
# them (a policy's statements become several bucket grants).
GROUPED: dict[str, tuple[str, dict[str, Callable[[list[Resource], Tables], Fact | None]]]] = {
    "ObjectStoragePolicy": ("google_storage_bucket_iam_member", {"access": _grants}),
}
