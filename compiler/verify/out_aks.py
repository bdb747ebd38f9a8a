"""What AKS (azurerm) Terraform blocks say (output facts), one small table per resource type."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ir import expr as E
from ..ir.nodes import Resource
from .model import Expression, Fact
from .out_eks import _GPU_TAINT, _first, _machine, _version, bound, sibling
from .out_gke import OutFact, attr
from .tables import Tables
from .values import get, plain

# `azurerm_virtual_network.main.name`: a reference whose block says the location
_REF = re.compile(r"(azurerm_\w+)\.(\w+)\.(?:name|id|location)")


def _via(r: Resource, t: Tables, path: str) -> Resource | None:
    """The block of this module that argument `path` of `r` references."""
    m = _REF.fullmatch(str(get(r, path))) if isinstance(get(r, path), Expression) else None
    other = t.blocks.get(f"{m.group(1)}.{m.group(2)}") if m else None
    return other if isinstance(other, Resource) else None


def _location(r: Resource, t: Tables) -> Fact | None:
    """Every Azure resource with a location says it; a subnet or container is where its
    virtual network or storage account is."""
    own = get(r, "location")
    if own is not None:
        return Fact(own)
    for parent in ("virtual_network_name", "storage_account_id", "server_id"):
        other = _via(r, t, parent)
        if other is not None:
            return _location(other, t)
    return None


def _autoscale(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "auto_scaling_enabled")
    return Fact(value) if value is not None else Fact(False)


def _pool_labels(r: Resource, t: Tables) -> Fact | None:
    return attr("node_labels")(r, t) or Fact({})


# `[for t in SOURCE : "${t.key}=${lookup(t, "value", "")}:${t.effect}"]`: the source's
# taint objects written as AKS taint strings (targets/aks/pool_parts)
_AS_STRINGS = re.compile(r'\[for (\w+) in (.+) : "\$\{\1\.key\}=\$\{lookup\(\1, "value", ""\)\}'
                         r':\$\{\1\.effect\}"\]', re.S)


def _without_gpu_when(e: E.Expr | None) -> E.Expr | None:
    """`node_taints` less the GPU taint's conditional a pool of a computed VM size gets
    (targets/aks/nodepool: `<GPU size test> ? ["<GPU taint>"] : []`, alone or concatenated
    after the source's taints): what is left is the source's (None: nothing)."""
    def gpu_when(x: E.Expr) -> bool:
        x = E.unwrap(x)
        if not isinstance(x, E.Conditional):
            return False
        then, other = E.unwrap(x.then), E.unwrap(x.other)
        return isinstance(then, E.Tuple) and len(then.items) == 1 and \
            (E.str_value(then.items[0]) or "").lower() == _GPU_TAINT and \
            isinstance(other, E.Tuple) and not other.items
    if e is None:
        return None
    inner = E.unwrap(e)
    if gpu_when(inner):
        return None
    if isinstance(inner, E.Call) and inner.name == "concat" and len(inner.args) == 2 and \
            gpu_when(inner.args[1]):
        return inner.args[0]
    return e


def _pool_taints(r: Resource, t: Tables) -> Fact | None:
    """`node_taints` strings (`key=value:NoSchedule`) in the source's words, less the GPU
    taint the target writes on GPU VM sizes (the cluster profile's; for a VM size known at
    plan time, its conditional); a computed list is the source's list when it only spells
    each taint object as a string."""
    value = plain(_without_gpu_when(r.get("node_taints")))
    if value is None:
        return Fact([])
    if not isinstance(value, list):
        m = _AS_STRINGS.fullmatch(str(value)) if isinstance(value, Expression) else None
        return Fact(Expression(m.group(2)), raw=str(value)) if m else Fact(value)
    out = []
    for item in value:
        text = str(item)
        head, _, effect = text.rpartition(":")
        out.append(f"{head}:{effect.lower()}" if head else text)
    gpu = _machine("vm_size", "gpu")(r, t)
    if gpu is not None and gpu.value != "none":
        out = [w for w in out if w != _GPU_TAINT]
    return Fact(sorted(out))


def _cidr(r: Resource, t: Tables) -> Fact | None:
    return _first("address_prefixes")(r, t)


def _versioning(r: Resource, t: Tables) -> Fact | None:
    """A container's versioning is its storage account's (blob_properties)."""
    account = _via(r, t, "storage_account_id")
    value = get(account, "blob_properties.versioning_enabled") if account else None
    return Fact(value) if value is not None else Fact(False)


def _const(value: Any) -> OutFact:
    return lambda r, t: Fact(value)


def _sku(service: str, part: str, path: str = "sku_name") -> OutFact:
    """vCPU or RAM of a Flexible Server / Cosmos vCore tier (aks/databases.json)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, path)
        if not isinstance(name, str):
            return Fact(name) if name is not None else None
        classes = t.doc("aks/databases.json").get("instance_classes", {}).get(service, {})
        spec = classes.get(name)
        found = spec.get(part) if spec else None
        return Fact(found, raw=name) if found is not None else Fact(name, raw=name)
    return read


def _ha(path: str) -> OutFact:
    """High availability: a high_availability block (or a flag) is there; a dynamic block
    is there when its for_each (a condition on the plan) says so."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if value is None:
            found = get(r, path.split(".")[0])
            dynamic = [b.get("<dynamic>") for b in found if isinstance(b, dict)] \
                if isinstance(found, list) else []
            return Fact(dynamic[0]) if dynamic and dynamic[0] is not None else Fact(False)
        if isinstance(value, (bool, Expression)):
            return Fact(value)
        # a mode: anything but Disabled has a standby (Cosmos vCore's high_availability_mode)
        return Fact(value != "Disabled", raw=str(value)) if isinstance(value, str) else \
            Fact(True)
    return read


def _redis_size(r: Resource) -> str | None:
    """`C3`, `P1`: an Azure Cache for Redis size is its family and capacity."""
    family, capacity = get(r, "family"), get(r, "capacity")
    return f"{family}{capacity}" if isinstance(family, str) and isinstance(capacity, int) \
        else None


def _redis_ram(r: Resource, t: Tables) -> Fact | None:
    size = _redis_size(r)
    if size is None:
        return None
    spec = t.doc("aks/databases.json").get("instance_classes", {}).get("redis_cache", {})
    found = (spec.get(size) or {}).get("ram_gb")
    return Fact(found, raw=size) if found is not None else Fact(size, raw=size)


def _redis_vcpu(r: Resource, t: Tables) -> Fact | None:
    """Cache sizes are memory sizes: the vCPU is the size's name (the flavor's IT306)."""
    size = _redis_size(r)
    return Fact(size, raw=size) if size is not None else None


def _redis_ha(r: Resource, t: Tables) -> Fact | None:
    """Standard and Premium caches have a replica; Basic is one node."""
    sku = get(r, "sku_name")
    return Fact(sku in ("Standard", "Premium"), raw=sku) if isinstance(sku, str) else \
        (Fact(sku) if sku is not None else None)


def _megabytes(path: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if isinstance(value, int) and not isinstance(value, bool):
            return Fact(value // 1024, raw=str(value))
        return Fact(value) if value is not None else None
    return read


def _db_name(kind: str) -> OutFact:
    """The first logical database of a Flexible Server (its `<kind>` block)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        other = sibling(r, t, kind, "server_id")
        return attr("name")(other, t) if other is not None else None
    return read


_PG, _MY = "azurerm_postgresql_flexible_server", "azurerm_mysql_flexible_server"

# Terraform resource type -> fact -> how the output states it
OUTPUT: dict[str, dict[str, OutFact]] = {
    "azurerm_kubernetes_cluster": {
        "name": attr("name"), "location": _location, "version": attr("kubernetes_version"),
        "pods_cidr": attr("network_profile.pod_cidr"),
        "services_cidr": attr("network_profile.service_cidr")},
    "azurerm_kubernetes_cluster_node_pool": {
        "name": attr("name"), "machine": attr("vm_size"),
        "vcpu": _machine("vm_size", "vcpu"), "ram_gb": _machine("vm_size", "ram_gb"),
        "gpu": _machine("vm_size", "gpu"), "nodes": attr("node_count"),
        "autoscale": _autoscale, "min_nodes": bound("min_count", "node_count"),
        "max_nodes": bound("max_count", "node_count"), "zones": attr("zones"),
        "labels": _pool_labels, "taints": _pool_taints},
    "azurerm_subnet": {"cidr": _cidr, "region": _location},
    "azurerm_storage_container": {"name": attr("name"), "location": _location,
                                  "versioning": _versioning},
    "azurerm_container_registry": {"name": attr("name"), "location": _location},
    _PG: {"name": _db_name(f"{_PG}_database"), "engine": _const("postgresql"),
          "version": attr("version"), "location": _location,
          "ha": _ha("high_availability.mode"), "disk_gb": _megabytes("storage_mb"),
          "vcpu": _sku("postgresql_flexible", "vcpu"),
          "ram_gb": _sku("postgresql_flexible", "ram_gb")},
    _MY: {"name": _db_name("azurerm_mysql_flexible_database"), "engine": _const("mysql"),
          "version": attr("version"), "location": _location,
          "ha": _ha("high_availability.mode"), "disk_gb": attr("storage.size_gb"),
          "vcpu": _sku("mysql_flexible", "vcpu"), "ram_gb": _sku("mysql_flexible", "ram_gb")},
    f"{_PG}_database": {"name": attr("name")},
    "azurerm_mysql_flexible_database": {"name": attr("name")},
    "azurerm_redis_cache": {"engine": _const("redis"), "version": _version("redis_version"),
                            "location": _location, "ha": _redis_ha, "ram_gb": _redis_ram,
                            "vcpu": _redis_vcpu},
    "azurerm_eventhub": {"name": attr("name"), "partitions": attr("partition_count")},
    "azurerm_mongo_cluster": {
        "engine": _const("mongodb"), "version": _version("version"), "location": _location,
        "ha": _ha("high_availability_mode"), "disk_gb": attr("storage_size_in_gb"),
        "vcpu": _sku("mongo_vcore", "vcpu", "compute_tier"),
        "ram_gb": _sku("mongo_vcore", "ram_gb", "compute_tier")},
    "azurerm_eventhub_namespace": {"engine": _const("kafka"), "location": _location},
    "azurerm_linux_virtual_machine": {"name": attr("name"), "location": _location,
                                      "vcpu": _machine("size", "vcpu"),
                                      "ram_gb": _machine("size", "ram_gb")},
    "azurerm_managed_disk": {"size_gb": attr("disk_size_gb"), "location": _location},
}

# concept kind -> the output types that carry its facts (the first one emitted is compared)
PRIMARY: dict[str, tuple[str, ...]] = {
    "Cluster": ("azurerm_kubernetes_cluster",),
    "NodePool": ("azurerm_kubernetes_cluster_node_pool",),
    "Subnet": ("azurerm_subnet",), "Bucket": ("azurerm_storage_container",),
    "S3Bucket": ("azurerm_storage_container",), "Registry": ("azurerm_container_registry",),
    "Database": (_PG, _MY, "azurerm_redis_cache", "azurerm_mongo_cluster",
                 "azurerm_eventhub_namespace"),
    "DatabaseDb": (f"{_PG}_database", "azurerm_mysql_flexible_database"),
    "DatabaseTopic": ("azurerm_eventhub",),
    "Instance": ("azurerm_linux_virtual_machine",), "Volume": ("azurerm_managed_disk",),
}

# Blob data roles in the words of an S3 policy's access levels (src_terraform._access)
_ROLES = {"Storage Blob Data Reader": ("read",),
          "Storage Blob Data Contributor": ("delete", "read", "write"),
          "Storage Blob Data Owner": ("delete", "read", "write")}


def _roles(found: list[Resource], t: Tables) -> Fact | None:
    """The access the role assignments of an OVH S3 policy give (one per container)."""
    allowed: set[str] = set()
    for r in found:
        role = get(r, "role_definition_name")
        if role not in _ROLES:
            return Fact(role) if role is not None else None
        allowed.update(_ROLES[role])
    return Fact(sorted(allowed))


# Concepts whose fact is spread over every block of one type the translation emitted for
# them (an OVH S3 policy becomes Blob data role assignments).
GROUPED: dict[str, tuple[str, dict[str, Callable[[list[Resource], Tables], Fact | None]]]] = {
    "ObjectStoragePolicy": ("azurerm_role_assignment", {"access": _roles}),
}
