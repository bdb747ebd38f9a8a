"""Required arguments of the resource types a target emits, from the provider schemas."""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from pathlib import Path
from typing import Any

try:
    from schema import shared_schemas
except ImportError:  # run as a script: tests/ is not on sys.path
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from schema import shared_schemas

ROOT = Path(__file__).resolve().parents[2]
SCHEMAS = ROOT / "tests" / "data" / "schemas"
# Each table target's provider (the schema file under tests/data/schemas; Scaleway's is only
# in ../shared: tests/schema/shared_schemas.py finds it).
PROVIDERS = {"gke": "google", "eks": "aws", "aks": "azurerm", "scaleway": "scaleway"}
# Types a target emits before its lowerings name them (issue 13: the EKS target is written
# against this table); a type named in the code is found there too.
PLANNED: dict[str, dict[str, tuple[str, ...]]] = {
    "eks": {
        "resources": (
            "aws_vpc", "aws_subnet", "aws_internet_gateway", "aws_eip", "aws_nat_gateway",
            "aws_route_table", "aws_route", "aws_route_table_association", "aws_eks_cluster",
            "aws_eks_node_group", "aws_eks_access_entry", "aws_eks_access_policy_association",
            "aws_eks_addon", "aws_eks_identity_provider_config", "aws_eks_pod_identity_association",
            "aws_iam_role", "aws_iam_role_policy_attachment", "aws_iam_user", "aws_iam_access_key",
            "aws_iam_user_policy", "aws_iam_policy", "aws_ecr_repository",
            "aws_ecr_repository_policy", "aws_ecr_lifecycle_policy", "aws_s3_bucket",
            "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
            "aws_s3_bucket_lifecycle_configuration", "aws_s3_bucket_public_access_block",
            "aws_s3_bucket_policy", "aws_db_instance", "aws_db_subnet_group", "aws_rds_cluster",
            "aws_rds_cluster_instance", "aws_security_group",
            "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule",
            "aws_elasticache_replication_group", "aws_elasticache_subnet_group",
            "aws_msk_cluster", "aws_opensearch_domain", "aws_docdb_cluster",
            "aws_docdb_cluster_instance", "aws_docdb_subnet_group", "aws_instance",
            "aws_key_pair", "aws_ebs_volume", "aws_volume_attachment", "aws_efs_file_system",
            "aws_efs_mount_target", "aws_lb", "aws_lb_listener", "aws_lb_target_group",
        ),
        "data_sources": (
            "aws_availability_zones", "aws_eks_cluster_auth", "aws_caller_identity", "aws_ami",
            "aws_ssm_parameter", "aws_iam_policy_document", "aws_partition", "aws_region",
        ),
    },
    # issue 14: the types the AKS and Scaleway lowerings are to emit (targets.md sections 0-1)
    "aks": {
        "resources": (
            "azurerm_resource_group", "azurerm_virtual_network", "azurerm_subnet",
            "azurerm_nat_gateway", "azurerm_public_ip", "azurerm_nat_gateway_public_ip_association",
            "azurerm_subnet_nat_gateway_association", "azurerm_network_security_group",
            "azurerm_network_security_rule", "azurerm_subnet_network_security_group_association",
            "azurerm_kubernetes_cluster", "azurerm_kubernetes_cluster_node_pool",
            "azurerm_user_assigned_identity", "azurerm_role_assignment",
            "azurerm_federated_identity_credential", "azurerm_container_registry",
            "azurerm_container_registry_scope_map", "azurerm_container_registry_token",
            "azurerm_container_registry_token_password", "azurerm_storage_account",
            "azurerm_storage_container", "azurerm_storage_management_policy",
            "azurerm_storage_share", "azurerm_postgresql_flexible_server",
            "azurerm_postgresql_flexible_server_database",
            "azurerm_postgresql_flexible_server_firewall_rule",
            "azurerm_postgresql_flexible_server_configuration", "azurerm_mysql_flexible_server",
            "azurerm_mysql_flexible_database", "azurerm_mysql_flexible_server_firewall_rule",
            "azurerm_private_dns_zone", "azurerm_private_dns_zone_virtual_network_link",
            "azurerm_redis_cache", "azurerm_redis_firewall_rule", "azurerm_eventhub_namespace",
            "azurerm_eventhub", "azurerm_eventhub_consumer_group",
            "azurerm_eventhub_namespace_authorization_rule", "azurerm_mongo_cluster",
            "azurerm_mongo_cluster_firewall_rule", "azurerm_linux_virtual_machine",
            "azurerm_network_interface", "azurerm_managed_disk",
            "azurerm_virtual_machine_data_disk_attachment", "azurerm_key_vault",
        ),
        "data_sources": (
            "azurerm_client_config", "azurerm_subscription", "azurerm_kubernetes_service_versions",
            "azurerm_storage_account_sas", "azurerm_storage_account_blob_container_sas",
            "azurerm_resource_group", "azurerm_platform_image",
        ),
    },
    "scaleway": {
        "resources": (
            "scaleway_vpc", "scaleway_vpc_private_network", "scaleway_vpc_public_gateway",
            "scaleway_vpc_public_gateway_ip", "scaleway_vpc_gateway_network",
            "scaleway_k8s_cluster", "scaleway_k8s_pool", "scaleway_k8s_acl",
            "scaleway_instance_placement_group", "scaleway_registry_namespace",
            "scaleway_iam_application", "scaleway_iam_api_key", "scaleway_iam_policy",
            "scaleway_object_bucket", "scaleway_object_bucket_policy", "scaleway_object_bucket_acl",
            "scaleway_object_bucket_lock_configuration",
            "scaleway_object_bucket_server_side_encryption_configuration", "scaleway_rdb_instance",
            "scaleway_rdb_acl", "scaleway_rdb_user", "scaleway_rdb_database",
            "scaleway_rdb_privilege", "scaleway_rdb_read_replica", "scaleway_redis_cluster",
            "scaleway_mongodb_instance", "scaleway_mongodb_user", "scaleway_kafka_cluster",
            "scaleway_opensearch_deployment", "scaleway_instance_server",
            "scaleway_instance_ip", "scaleway_instance_security_group",
            "scaleway_instance_private_nic", "scaleway_block_volume", "scaleway_file_filesystem",
            "scaleway_lb", "scaleway_lb_ip", "scaleway_lb_frontend", "scaleway_lb_backend",
            "scaleway_lb_private_network",
        ),
        "data_sources": (
            "scaleway_k8s_version", "scaleway_account_project", "scaleway_availability_zones",
            "scaleway_marketplace_image", "scaleway_instance_image",
        ),
    },
}


def _type_re(provider: str) -> re.Pattern[str]:
    """A resource type named in a target's lowerings: `"google_x_y"` as a string literal."""
    return re.compile(rf"""["']({provider}_[a-z0-9_]+)["']""")


def emitted_types(target_dir: Path, schema: dict[str, Any], kind: str = "resources",
                  provider: str = "google") -> list[str]:
    pattern = _type_re(provider)
    # the lowerings' code and their shape tables (companions.json, platform.json...) name types
    sources = [*target_dir.glob("*.py"), *(p for p in target_dir.glob("*.json")
                                           if p.name != "required.json")]
    names = {m.group(1) for f in sorted(sources)
             for m in pattern.finditer(f.read_text(encoding="utf-8"))}
    names |= set(PLANNED.get(target_dir.name, {}).get(kind, ()))
    missing = sorted(n for n in PLANNED.get(target_dir.name, {}).get(kind, ())
                     if n not in schema[kind])
    if missing:  # a planned type the provider does not have is a typo, not something to drop
        raise SystemExit(f"{target_dir.name}: not in the {provider} schema ({kind}): {missing}")
    return sorted(n for n in names if n in schema[kind])


def _required(body: dict[str, Any]) -> dict[str, Any]:
    """{"args": [...], "blocks": {name: {...}}} keeping only what must be written."""
    attrs = body.get("attributes", {})
    out: dict[str, Any] = {"args": sorted(a for a, spec in attrs.items() if spec.get("required"))}
    strings = [a for a in out["args"] if attrs[a].get("type") == "string"]
    if strings:  # these can hold a TODO placeholder and stay schema-valid
        out["strings"] = strings
    blocks = {}
    for name, spec in sorted(body.get("blocks", {}).items()):
        inner = _required(spec)
        if spec.get("min", 0) >= 1 or inner["args"] or inner.get("blocks"):
            blocks[name] = {"min": int(spec.get("min", 0)), **inner}
    if blocks:
        out["blocks"] = blocks
    return out


def build(target: str = "gke", provider: str | None = None) -> dict[str, Any]:
    provider = provider or PROVIDERS[target]
    path = SCHEMAS / f"{provider}.schema.json.gz"
    if not path.is_file():  # no cdktf package (Scaleway): the ../shared copy, or a clear error
        reason = shared_schemas.missing_reason(provider)
        if reason:
            raise SystemExit(reason)
        path = shared_schemas.schema_path(provider)
    with gzip.open(path, "rt", encoding="utf-8") as f:
        schema = json.load(f)
    where = ROOT / "targets" / target
    return {"provider": f"{provider} {schema.get('meta', {}).get('provider_version', '')}".strip(),
            "generated_by": "tests/schema/gen_required.py",
            **{kind: {t: _required(schema[kind][t])
                      for t in emitted_types(where, schema, kind, provider)}
               for kind in ("resources", "data_sources")}}


def render(doc: dict[str, Any]) -> str:
    """The canonical form every data file under targets/ has (tests/test_mapping_data.py)."""
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--target", default="gke", choices=sorted(PROVIDERS))
    args = ap.parse_args()
    out = ROOT / "targets" / args.target / "required.json"
    out.write_text(render(build(args.target)), encoding="utf-8")
    print(f"wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
