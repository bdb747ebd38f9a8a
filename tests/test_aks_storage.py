"""AKS lowering of registries, buckets, lifecycles and S3 users: what the goldens lack."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler import api
from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S
from iac_translate.targets.aks import iam
from jsonschema import Draft202012Validator
from schema.tfcheck import check_text, load_schemas

TARGETS = Path(__file__).parent.parent / "targets"
SCHEMAS = Path(__file__).parent / "data" / "schemas"


def _run(src: str) -> tuple[str, list[str]]:
    result = api.translate({"main.tf": src}, "aks")
    schemas = load_schemas(SCHEMAS)
    errors = [f"{rel}:{f.line}: {f.message}" for rel, text in result.files.items()
              for f in check_text(text, rel, schemas) if f.severity == "error"]
    assert not errors, errors
    return "\n".join(result.files.values()), [f"{d.code} {d.message}" for d in
                                              result.diagnostics]


def test_table_matches_its_schema_and_answers_every_neutral_value() -> None:
    schema = json.loads((TARGETS / "schemas" / "aks_storage.schema.json").read_text())
    table = iam.table()
    errors = [f"{list(e.path)}: {e.message}" for e in
              Draft202012Validator(schema).iter_errors(table)]
    assert not errors, errors
    assert set(table["role_definitions"]) - {"note"} == {r.value for r in S.Role}
    assert set(table["harbor_instead"]) - {"note"} == {h.value for h in R.HarborObject}
    assert set(table["s3_roles"]) - {"note"} == {v.value for v in G.Verb}
    assert set(table["registry_skus"]) - {"note", "default"} == {p.value for p in R.PlanSize}


REGISTRY = '''
data "ovh_cloud_project_capabilities_containerregistry_filter" "f" {
  service_name = "p"
  plan_name    = "%s"
  region       = "GRA"
}
resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "p"
  name         = "team-registry"
  region       = data.ovh_cloud_project_capabilities_containerregistry_filter.f.region
  plan_id      = data.ovh_cloud_project_capabilities_containerregistry_filter.f.id
}
'''


def test_registry_sku_follows_the_plan_and_rises_to_premium_for_ip_rules() -> None:
    text, diags = _run(REGISTRY % "LARGE")
    assert 'sku                 = "Premium"' in text
    text, diags = _run(REGISTRY % "MEDIUM" + '''
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ip" {
  service_name    = "p"
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = [{ ip_block = "192.0.2.0/24", description = "x" }]
}
''')
    assert 'sku                 = "Premium"' in text and 'ip_range = "192.0.2.0/24"' in text
    assert any(d.startswith("IT301 sku of") for d in diags)
    text, _ = _run(REGISTRY % "MEDIUM")
    assert 'sku                 = "Standard"' in text and "network_rule_set" not in text


BUCKET = '''
variable "bucket" {
  type    = string
  default = "my-bucket"
}
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = var.bucket
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "l" {
  service_name   = "p"
  region_name    = "GRA"
  container_name = ovh_cloud_project_storage.b.name
  rules = [{
    id     = "to-archive"
    status = "enabled"
    filter = { prefix = "raw/" }
    transitions = [{ days = 30, storage_class = "GLACIER" }]
    noncurrent_version_transitions = [{ noncurrent_days = 10, storage_class = "STANDARD_IA" }]
  }]
}
'''


def test_computed_bucket_name_keeps_no_hyphen_in_the_account_and_rules_map_tiers() -> None:
    text, diags = _run(BUCKET)
    assert 'replace(lower(var.bucket), "/[^a-z0-9]/", "")' in text
    assert "tier_to_archive_after_days_since_creation_greater_than = 30" in text
    assert "change_tier_to_cool_after_days_since_creation = 10" in text
    assert 'name    = "toarchive"' in text
    assert '"${azurerm_storage_container.b.name}/raw/"' in text


def test_s3_keys_say_that_azure_has_no_s3_api() -> None:
    _, diags = _run('''
resource "ovh_cloud_project_user" "u" {
  service_name = "p"
  role_names   = ["objectstore_operator"]
}
resource "ovh_cloud_project_user_s3_credential" "k" {
  service_name = "p"
  user_id      = ovh_cloud_project_user.u.id
}
''')
    assert any(d.startswith("IT338") and "no S3 API" in d for d in diags)
    assert any(d.startswith("IT301") and "Storage Blob Data Contributor" in d for d in diags)


def test_an_s3_policy_scopes_its_user_to_the_containers_it_names() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = "data-bucket"
}
resource "ovh_cloud_project_user" "u" {
  service_name = "p"
  role_names   = ["objectstore_operator"]
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  service_name = "p"
  user_id      = ovh_cloud_project_user.u.id
  policy = jsonencode({
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = ["arn:aws:s3:::data-bucket/logs/*"]
    }]
  })
}
''')
    assert "resourceGroups" not in text
    assert "scope                = azurerm_storage_container.b.id" in text
    assert '"Storage Blob Data Contributor"' in text
    assert any(d.startswith("IT301 the key prefix `logs/*`") for d in diags)


def test_a_read_bucket_and_a_computed_registry_name_are_written_for_azure() -> None:
    text, diags = _run('''
variable "reg" {
  type = string
}
data "ovh_cloud_project_storage" "old" {
  service_name = "p"
  region_name  = "GRA"
  name         = "old-bucket"
}
resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "p"
  name         = var.reg
  region       = "GRA"
}
output "host" {
  value = data.ovh_cloud_project_storage.old.virtual_host
}
''')
    assert "value = data.azurerm_storage_account.old.primary_blob_host" in text
    assert 'storage_account_id = data.azurerm_storage_account.old.id' in text
    assert 'replace(lower(var.reg), "/[^a-z0-9]/", "")' in text
    assert any(d.startswith("IT308") and "existing bucket" in d for d in diags)


def test_the_clusters_of_the_module_pull_from_the_registry_with_acrpull() -> None:
    text, _ = _run(REGISTRY % "SMALL" + '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
}
''')
    assert 'resource "azurerm_role_assignment" "r_pull_k"' in text
    assert "principal_id         = azurerm_kubernetes_cluster.k.kubelet_identity[0].object_id" \
        in text
    assert "scope                = azurerm_container_registry.r.id" in text


def test_a_bucket_of_a_3az_region_is_zone_redundant() -> None:
    src = '''
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "%s"
  name         = "zonal-bucket"
}
'''
    text, diags = _run(src % "EU-WEST-PAR")
    assert 'account_replication_type        = "ZRS"' in text
    text, _ = _run(src % "GRA")
    assert 'account_replication_type        = "LRS"' in text


def test_rules_of_a_repeated_bucket_are_reported_not_written_unindexed() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_storage" "b" {
  count        = 2
  service_name = "p"
  region_name  = "GRA"
  name         = "bucket-${count.index}"
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "l" {
  service_name   = "p"
  region_name    = "GRA"
  container_name = ovh_cloud_project_storage.b[0].name
  rules = [{ id = "x", status = "enabled", expiration = { days = 3 } }]
}
''')
    assert "azurerm_storage_management_policy" not in text
    assert "storage_account_id    = azurerm_storage_account.b[count.index].id" in text
    assert any(d.startswith("IT338") and "count or for_each" in d for d in diags)


def test_computed_ip_rules_and_a_user_of_a_read_registry_are_schema_valid() -> None:
    text, diags = _run(REGISTRY % "LARGE" + '''
variable "ips" {
  type = list(object({ ip_block = string, description = string }))
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ip" {
  service_name    = "p"
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = var.ips
}
data "ovh_cloud_project_containerregistry" "old" {
  service_name = "p"
  registry_id  = "x"
}
resource "ovh_cloud_project_containerregistry_user" "u" {
  service_name = "p"
  registry_id  = data.ovh_cloud_project_containerregistry.old.id
  email        = "u@example.org"
  login        = "robot-user"
}
''')
    assert "for r in var.ips" in text and "ip_range = r.ip_block" in text
    assert "container_registry_name = data.azurerm_container_registry.old.name" in text
    assert not any(d.startswith("IT301 sku of") for d in diags)  # LARGE is Premium already
