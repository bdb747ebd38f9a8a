"""OVH resource types: which IR concept each becomes, aliases, removals, and known arguments."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..ir import nodes as N

# concept -> OVH managed resource types (current names first).
_CONCEPTS: dict[type[N.Resource], tuple[str, ...]] = {
    N.Cluster: ("ovh_cloud_project_kube",),
    N.NodePool: ("ovh_cloud_project_kube_nodepool",),
    N.Oidc: ("ovh_cloud_project_kube_oidc",),
    N.ApiIpRestriction: ("ovh_cloud_project_kube_iprestrictions",),
    N.ClusterLogSubscription: ("ovh_cloud_project_kube_log_subscription",),
    N.Network: ("ovh_cloud_project_network_private", "ovh_cloud_network_private_vrack",
                "ovh_cloud_project_region_network"),
    N.Subnet: ("ovh_cloud_project_network_private_subnet",
               "ovh_cloud_project_network_private_subnet_v2",
               "ovh_cloud_network_private_vrack_subnet"),
    N.Gateway: ("ovh_cloud_project_gateway", "ovh_cloud_gateway",
                "ovh_cloud_project_gateway_interface"),
    N.LoadBalancer: ("ovh_cloud_project_loadbalancer",),
    N.FloatingIp: ("ovh_cloud_floating_ip", "ovh_cloud_project_failover_ip_attach"),
    N.Registry: ("ovh_cloud_project_containerregistry",),
    N.RegistryUser: ("ovh_cloud_project_containerregistry_user",),
    N.RegistryIpRestriction: ("ovh_cloud_project_containerregistry_ip_restrictions_management",
                              "ovh_cloud_project_containerregistry_ip_restrictions_registry"),
    N.RegistryOidc: ("ovh_cloud_project_containerregistry_oidc",),
    N.RegistryIam: ("ovh_cloud_project_containerregistry_iam",),
    N.Bucket: ("ovh_cloud_project_storage",),
    N.BucketLifecycle: ("ovh_cloud_project_storage_object_bucket_lifecycle_configuration",),
    N.ObjectStorageUser: ("ovh_cloud_project_user",),
    N.ObjectStorageCredential: ("ovh_cloud_project_user_s3_credential",),
    N.ObjectStoragePolicy: ("ovh_cloud_project_user_s3_policy",),
    N.Database: ("ovh_cloud_project_database",),
    N.DatabaseDb: ("ovh_cloud_project_database_database",),
    N.DatabaseUser: ("ovh_cloud_project_database_user",
                     "ovh_cloud_project_database_postgresql_user",
                     "ovh_cloud_project_database_mongodb_user",
                     "ovh_cloud_project_database_opensearch_user",
                     "ovh_cloud_project_database_valkey_user",
                     "ovh_cloud_project_database_clickhouse_user",
                     "ovh_cloud_project_database_redis_user",
                     "ovh_cloud_project_database_m3db_user"),
    N.DatabaseTopic: ("ovh_cloud_project_database_kafka_topic",),
    N.DatabaseAcl: ("ovh_cloud_project_database_kafka_acl",
                    "ovh_cloud_project_database_kafka_schemaregistryacl"),
    N.DatabaseIpRestriction: ("ovh_cloud_project_database_ip_restriction",),
    N.DatabaseExtra: ("ovh_cloud_project_database_postgresql_connection_pool",
                      "ovh_cloud_project_database_integration",
                      "ovh_cloud_project_database_log_subscription",
                      "ovh_cloud_project_database_prometheus",
                      "ovh_cloud_project_database_mongodb_prometheus",
                      "ovh_cloud_project_database_opensearch_pattern",
                      "ovh_cloud_project_database_m3db_namespace"),
    N.Instance: ("ovh_cloud_project_instance", "ovh_cloud_instance"),
    N.FileShare: ("ovh_cloud_project_file_storage_share", "ovh_cloud_storage_file_share"),
    N.FileShareNetwork: ("ovh_cloud_project_file_storage_share_network",
                         "ovh_cloud_storage_file_share_network"),
    N.Backup: ("ovh_cloud_project_instance_snapshot", "ovh_cloud_project_volume_backup",
               "ovh_cloud_project_workflow_backup", "ovh_cloud_storage_block_volume_backup",
               "ovh_cloud_storage_block_volume_snapshot", "ovh_cloud_storage_file_share_snapshot"),
    N.LogSubscription: ("ovh_cloud_project_region_loadbalancer_log_subscription",),
    N.Volume: ("ovh_cloud_project_volume", "ovh_cloud_storage_block_volume"),
    N.SshKey: ("ovh_cloud_project_ssh_key", "ovh_cloud_ssh_key"),
}

# Names announced by the provider's renaming branch; read as the current type.
ALIASES: dict[str, str] = {
    "ovh_cloud_managed_kubernetes": "ovh_cloud_project_kube",
    "ovh_cloud_managed_kubernetes_nodepool": "ovh_cloud_project_kube_nodepool",
    "ovh_cloud_managed_kubernetes_oidc": "ovh_cloud_project_kube_oidc",
    "ovh_cloud_managed_kubernetes_iprestrictions": "ovh_cloud_project_kube_iprestrictions",
    "ovh_cloud_managed_kubernetes_log_subscription": "ovh_cloud_project_kube_log_subscription",
    "ovh_cloud_managed_database": "ovh_cloud_project_database",
    "ovh_cloud_managed_database_database": "ovh_cloud_project_database_database",
    "ovh_cloud_managed_database_user": "ovh_cloud_project_database_user",
    "ovh_cloud_managed_database_postgresql_user": "ovh_cloud_project_database_postgresql_user",
    "ovh_cloud_managed_database_mongodb_user": "ovh_cloud_project_database_mongodb_user",
    "ovh_cloud_managed_database_valkey_user": "ovh_cloud_project_database_valkey_user",
    # 0.x names
    "ovh_cloud_network_private": "ovh_cloud_project_network_private",
    "ovh_cloud_network_private_subnet": "ovh_cloud_project_network_private_subnet",
    "ovh_cloud_user": "ovh_cloud_project_user",
}

REMOVED_NOTES: dict[str, str] = {
    "ovh_cloud_project_database_ip_restriction":
        "removed in provider v2.16.0 in favour of the `ip_restrictions` block of "
        "ovh_cloud_project_database",
    "ovh_cloud_project_database_redis_user": "removed in provider v2.16.0 (Redis became Valkey)",
    "ovh_cloud_project_database_m3db_user": "removed in provider v2.16.0 (M3DB discontinued)",
    "ovh_cloud_project_database_m3db_namespace": "removed in provider v2.16.0 (M3DB discontinued)",
}

# Data sources with an IR concept of their own; every other ovh_* data source is a Lookup.
_DATA_CONCEPTS: dict[str, type[N.Resource]] = {
    "ovh_cloud_project_kube": N.Cluster,
    "ovh_cloud_project_kube_nodepool": N.NodePool,
    "ovh_cloud_project_containerregistry": N.Registry,
    "ovh_cloud_project_database": N.Database,
    "ovh_cloud_project_network_private": N.Network,
    "ovh_cloud_project_storage": N.Bucket,
}

RESOURCE_CONCEPT: dict[str, type[N.Resource]] = {
    t: concept for concept, types in _CONCEPTS.items() for t in types}


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    """The compact OVH provider schema shipped with the package (argument names per type)."""
    text = resources.files("iac_translate.compiler.frontends").joinpath(
        "ovh_schema.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def type_schema(canonical: str, mode: str) -> dict[str, Any] | None:
    s = schema()
    if mode == "data":
        return s["data_sources"].get(canonical)
    found = s["resources"].get(canonical) or s["removed"].get(canonical)
    return found


def classify(type_: str, mode: str) -> tuple[type[N.Resource], str]:
    """Return (IR class, canonical type) for a resource or data source type."""
    canonical = ALIASES.get(type_, type_)
    if not canonical.startswith("ovh_"):
        return N.Opaque, canonical
    if mode == "data":
        if canonical in _DATA_CONCEPTS:
            return _DATA_CONCEPTS[canonical], canonical
        return (N.Lookup if type_schema(canonical, mode) else N.Opaque), canonical
    if canonical in RESOURCE_CONCEPT:
        return RESOURCE_CONCEPT[canonical], canonical
    if type_schema(canonical, mode) is not None:
        return N.OvhOther, canonical
    return N.Opaque, canonical
