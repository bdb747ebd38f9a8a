"""What EKS (AWS) Terraform blocks say (output facts), one small table per resource type."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ir import expr as E
from ..ir.nodes import Node, Resource
from .model import Expression, Fact
from .out_gke import OutFact, attr
from .src_terraform import _access, taint
from .tables import Tables
from .values import DYNAMIC, blocks, get, plain


def _region(r: Resource, t: Tables) -> Fact | None:
    """An AWS resource is in its `region` (provider 6.x) or its provider's region."""
    own = get(r, "region")
    if own is not None:
        return Fact(own)
    chosen = E.traversal(r.meta.provider) if r.meta.provider is not None else None
    name = "provider." + ".".join([chosen[0], *(str(a) for _, a in chosen[1][:1])]) \
        if chosen else "provider.aws"
    provider = t.blocks.get(name)
    if provider is None:
        # a module handed one aliased provider (`providers = { aws = aws.eu }`)
        found = [b for k, b in t.blocks.items() if k.startswith("provider.aws.")]
        provider = found[0] if len(found) == 1 else None
    value = get(provider, "region") if isinstance(provider, Node) else None
    return Fact(value) if value is not None else None


def _zone_region(r: Resource, t: Tables) -> Fact | None:
    """The region of an EBS volume's zone (`eu-west-3a` is in eu-west-3)."""
    zone = get(r, "availability_zone")
    if isinstance(zone, str) and zone[-1:].isalpha():
        return Fact(zone[:-1], raw=zone)
    return _region(r, t)


def _first(path: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if isinstance(value, list):
            return Fact(value[0]) if len(value) == 1 else Fact(value)
        return Fact(value) if value is not None else None
    return read


def _machine(path: str, part: str) -> OutFact:
    """vCPU, RAM or GPU of the (first) instance type, from the EKS table."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, path)
        name = name[0] if isinstance(name, list) and name else name
        if not isinstance(name, str):
            return None
        spec = t.machine(name)
        if part == "gpu":
            gpu = (spec or {}).get("gpu") or {}
            return Fact(f"{gpu['count']}x {gpu['model']}" if gpu.get("count") else "none",
                        raw=name)
        if spec is None:
            return Fact(f"unknown instance type {name}", raw=name)
        return Fact(spec.get(part), raw=name)
    return read


def _autoscale(r: Resource, t: Tables) -> Fact | None:
    """A node group only bounds its size: it scales when min differs from max."""
    low, high = get(r, "scaling_config.min_size"), get(r, "scaling_config.max_size")
    if isinstance(low, int) and isinstance(high, int):
        return Fact(low != high)
    return Fact(Expression(f"{low} {high}"))


def bound(path: str, size: str = "scaling_config.desired_size") -> OutFact:
    """min/max of a node group (a Kapsule pool); `c ? X : desired` is the bound X when it
    autoscales and no bound when its size is fixed (min = max = desired), as GKE writes
    `c ? X : null`."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        desired = get(r, size)
        m = re.fullmatch(r"(.+\?)\s*(.+?)\s*:\s*(.+?)\s*", str(value)) \
            if isinstance(value, Expression) else None
        if m and m.group(3) == str(desired):
            return Fact(Expression(f"{m.group(1)} {m.group(2)} : null"))
        return Fact(value) if value is not None else None
    return read


def labels(r: Resource, t: Tables) -> Fact | None:
    return attr("labels")(r, t) or Fact({})


# GKE taints GPU nodes itself; an EKS node group (a Kapsule pool) of GPU instances writes
# the same taint (the cluster profile's): it is the target's, not one of the source's.
_GPU_TAINT = "nvidia.com/gpu=true:noschedule"


def _gpu_when(b: dict[str, Any]) -> bool:
    """The dynamic GPU taint eks/nodegroup writes on a node group whose instance type is
    known only at plan time (`for_each = <GPU type test> ? [1] : []`, content the GPU taint)."""
    return DYNAMIC in b and taint(b) == _GPU_TAINT and \
        re.match(r"(can\(regex|contains)\(", str(b[DYNAMIC])) is not None


def taints(path: str = "taint", machine: str = "instance_types") -> OutFact:
    """The taints blocks at `path`, less the GPU taint on a GPU machine type's nodes (for
    an instance type known at plan time, its dynamic block)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        found = [b for b in blocks(r, path) if not _gpu_when(b)]
        dynamic = [b[DYNAMIC] for b in found if DYNAMIC in b]
        if dynamic:
            return Fact(dynamic[0])
        written = sorted(taint(x) for x in found)
        gpu = _machine(machine, "gpu")(r, t)
        if gpu is not None and gpu.value != "none":
            written = [w for w in written if w != _GPU_TAINT]
        return Fact(written)
    return read


def sibling(r: Resource, t: Tables, kind: str, ref: str) -> Resource | None:
    """The block of type `kind` whose `ref` argument reads `r` (AWS splits one object into
    several blocks: a bucket's versioning, a DocumentDB cluster's instances)."""
    for other in t.blocks.values():
        if not (isinstance(other, Resource) and other.type == kind):
            continue
        value = other.arg(ref)
        named = {str(found[1][0][1]) for sub in (E.walk(value) if value is not None else ())
                 if (found := E.traversal(sub)) and found[0] == r.type and found[1]}
        if r.name in named:
            return other
    return None


def _versioning(r: Resource, t: Tables) -> Fact | None:
    """`aws_s3_bucket_versioning` of this bucket (a block of its own on AWS)."""
    other = sibling(r, t, "aws_s3_bucket_versioning", "bucket")
    if other is None:
        return Fact(False)
    status = get(other, "versioning_configuration.status")
    return Fact(status == "Enabled" if isinstance(status, str) else status)


def _docdb(part: str) -> OutFact:
    """HA (more than one instance) and size of a DocumentDB cluster's instances."""
    def read(r: Resource, t: Tables) -> Fact | None:
        other = sibling(r, t, "aws_docdb_cluster_instance", "cluster_identifier")
        if other is None:
            return None
        if part == "ha":
            count = plain(other.meta.count) if other.meta.count is not None else 1
            return Fact(count > 1 if isinstance(count, int) else count)
        return _class("docdb", part)(other, t)
    return read


def _version(path: str, strip: str = "") -> OutFact:
    """An engine version as the source writes it (`3.8.x` -> 3.8, `OpenSearch_2.19` ->
    2.19)."""
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        if not isinstance(value, str):
            return Fact(value) if value is not None else None
        out = value.removeprefix(strip)
        return Fact(out[:-2] if out.endswith(".x") else out, raw=value)
    return read


_ENGINES = {"postgres": "postgresql", "aurora-postgresql": "postgresql", "mysql": "mysql",
            "aurora-mysql": "mysql", "valkey": "valkey", "redis": "redis"}


def _engine(r: Resource, t: Tables) -> Fact | None:
    value = get(r, "engine")
    if isinstance(value, str):
        return Fact(_ENGINES.get(value, value), raw=value)
    return Fact(value) if value is not None else None


def _class(service: str, part: str, path: str = "instance_class") -> OutFact:
    """vCPU or RAM of an RDS / ElastiCache / DocumentDB class, from the EKS table."""
    def read(r: Resource, t: Tables) -> Fact | None:
        name = get(r, path)
        if not isinstance(name, str):
            return Fact(name) if name is not None else None
        classes = t.doc("eks/databases.json").get("instance_classes", {}).get(service, {})
        spec = classes.get(name)
        return Fact(spec.get(part), raw=name) if spec else Fact(name, raw=name)
    return read


def _multi_az(path: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        return Fact(value) if value is not None else Fact(False)
    return read


def _nodes_ha(path: str) -> OutFact:
    def read(r: Resource, t: Tables) -> Fact | None:
        value = get(r, path)
        return Fact(value > 1 if isinstance(value, int) else value) if value is not None \
            else None
    return read


def _const(value: Any) -> OutFact:
    return lambda r, t: Fact(value)


# Terraform resource type -> fact -> how the output states it
OUTPUT: dict[str, dict[str, OutFact]] = {
    "aws_eks_cluster": {"name": attr("name"), "location": _region, "version": attr("version"),
                        "services_cidr": attr("kubernetes_network_config.service_ipv4_cidr")},
    "aws_eks_node_group": {
        "name": attr("node_group_name"), "machine": _first("instance_types"),
        "vcpu": _machine("instance_types", "vcpu"),
        "ram_gb": _machine("instance_types", "ram_gb"),
        "gpu": _machine("instance_types", "gpu"), "nodes": attr("scaling_config.desired_size"),
        "autoscale": _autoscale, "min_nodes": bound("scaling_config.min_size"),
        "max_nodes": bound("scaling_config.max_size"), "labels": labels, "taints": taints()},
    "aws_subnet": {"cidr": attr("cidr_block"), "region": _region},
    "aws_s3_bucket": {"name": attr("bucket"), "location": _region, "versioning": _versioning},
    "aws_ecr_repository_creation_template": {"name": attr("prefix"), "location": _region},
    "aws_ecr_repository": {"name": attr("name"), "location": _region},
    "aws_elasticache_user": {"name": attr("user_name")},
    "aws_db_instance": {
        "name": attr("db_name"),  # the first logical database (DatabaseDb)
        "engine": _engine, "version": attr("engine_version"), "location": _region,
        "ha": _multi_az("multi_az"), "disk_gb": attr("allocated_storage"),
        "vcpu": _class("rds", "vcpu"), "ram_gb": _class("rds", "ram_gb")},
    "aws_elasticache_replication_group": {
        "engine": _engine, "version": attr("engine_version"), "location": _region,
        "ha": _multi_az("multi_az_enabled"),
        "vcpu": _class("elasticache", "vcpu", "node_type"),
        "ram_gb": _class("elasticache", "ram_gb", "node_type")},
    "aws_docdb_cluster": {"engine": _const("mongodb"), "location": _region,
                          "version": _version("engine_version"), "ha": _docdb("ha"),
                          "vcpu": _docdb("vcpu"), "ram_gb": _docdb("ram_gb")},
    "aws_msk_cluster": {
        "engine": _const("kafka"), "location": _region, "version": _version("kafka_version"),
        "ha": _nodes_ha("number_of_broker_nodes"),
        "disk_gb": attr("broker_node_group_info.storage_info.ebs_storage_info.volume_size"),
        "vcpu": _class("msk", "vcpu", "broker_node_group_info.instance_type"),
        "ram_gb": _class("msk", "ram_gb", "broker_node_group_info.instance_type")},
    "aws_opensearch_domain": {
        "engine": _const("opensearch"), "location": _region,
        "version": _version("engine_version", "OpenSearch_"),
        "ha": _nodes_ha("cluster_config.instance_count"),
        "disk_gb": attr("ebs_options.volume_size"),
        "vcpu": _class("opensearch", "vcpu", "cluster_config.instance_type"),
        "ram_gb": _class("opensearch", "ram_gb", "cluster_config.instance_type")},
    "aws_instance": {"name": attr("tags.Name"), "location": _region,
                     "vcpu": _machine("instance_type", "vcpu"),
                     "ram_gb": _machine("instance_type", "ram_gb")},
    "aws_ebs_volume": {"size_gb": attr("size"), "location": _zone_region},
}

# concept kind -> the output types that carry its facts (the first one emitted is compared)
PRIMARY: dict[str, tuple[str, ...]] = {
    "Cluster": ("aws_eks_cluster",), "NodePool": ("aws_eks_node_group",),
    "Subnet": ("aws_subnet",), "Bucket": ("aws_s3_bucket",), "S3Bucket": ("aws_s3_bucket",),
    "Registry": ("aws_ecr_repository_creation_template", "aws_ecr_repository"),
    "Database": ("aws_db_instance", "aws_elasticache_replication_group", "aws_docdb_cluster",
                 "aws_msk_cluster", "aws_opensearch_domain"),
    "DatabaseDb": ("aws_db_instance",), "DatabaseUser": ("aws_elasticache_user",),
    "Instance": ("aws_instance",), "Volume": ("aws_ebs_volume",),
}


def _grants(found: list[Resource], t: Tables) -> Fact | None:
    """The access the IAM user policies allow, in the words of the source facts."""
    allowed: set[str] = set()
    for r in found:
        fact = _access(r, t)
        if fact is None or not isinstance(fact.value, list):
            return fact
        allowed.update(str(v) for v in fact.value)
    return Fact(sorted(allowed))


# Concepts whose fact is spread over every block of one type the translation emitted for
# them (an OVH policy becomes IAM user policies).
GROUPED: dict[str, tuple[str, dict[str, Callable[[list[Resource], Tables], Fact | None]]]] = {
    "ObjectStoragePolicy": ("aws_iam_user_policy", {"access": _grants}),
}
