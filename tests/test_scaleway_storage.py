"""Scaleway lowering of buckets, lifecycles, S3 users/policies and registries: what goldens lack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from iac_translate.compiler import api
from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S
from iac_translate.targets.scaleway import iam
from jsonschema import Draft202012Validator
from schema import shared_schemas
from schema.tfcheck import check_text

TARGETS = Path(__file__).parent.parent / "targets"


def _run(src: str) -> tuple[str, list[str]]:
    result = api.translate({"main.tf": src}, "scaleway")
    text = "\n".join(result.files.values())
    return text, [f"{d.code} {d.message}" for d in result.diagnostics]


@pytest.fixture(scope="module")
def scw_schemas():  # type: ignore[no-untyped-def]
    return shared_schemas.with_shared("scaleway")


def _schema_errors(src: str, schemas) -> list[str]:  # type: ignore[no-untyped-def]
    result = api.translate({"main.tf": src}, "scaleway")
    return [f"{f.file}:{f.line}: {f.message}" for rel, text in result.files.items()
            for f in check_text(text, rel, schemas) if f.severity == "error"]


def test_table_matches_its_schema_and_answers_every_neutral_value() -> None:
    schema = json.loads((TARGETS / "schemas" / "scaleway_storage.schema.json").read_text())
    table = iam.table()
    errors = [f"{list(e.path)}: {e.message}" for e in
              Draft202012Validator(schema).iter_errors(table)]
    assert not errors, errors
    assert set(table["role_permission_sets"]) - {"note"} == {r.value for r in S.Role}
    assert set(table["harbor_instead"]) - {"note"} == {h.value for h in R.HarborObject}
    assert set(table["versioning"]) == {v.value for v in S.Versioning}
    assert set(table["s3_permission_sets"]) - {"note"} == {v.value for v in G.Verb}


POLICY_TWO_USERS = '''
resource "ovh_cloud_project_storage" "data" {
  region_name = "WAW"
  name        = "acme-data"
}
resource "ovh_cloud_project_user" "a" {
  role_names = ["objectstore_operator", "compute_operator", "backup_operator"]
}
resource "ovh_cloud_project_user" "b" {
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "a" {
  user_id = ovh_cloud_project_user.a.id
  policy = jsonencode({
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::acme-data", "arn:aws:s3:::acme-data/*", "arn:aws:s3:::other/*"]
    }]
  })
}
resource "ovh_cloud_project_user_s3_policy" "b" {
  user_id = ovh_cloud_project_user.b.id
  policy = jsonencode({
    Statement = [
      { Effect = "Allow", Action = ["s3:PutObject"], Resource = ["arn:aws:s3:::acme-data/in/*"] },
      { Effect = "Allow", Action = ["s3:ListAllMyBuckets"], Resource = ["arn:aws:s3:::*"] },
    ]
  })
}
'''


def test_two_user_policies_share_one_bucket_policy_naming_each_application() -> None:
    text, diags = _run(POLICY_TWO_USERS)
    assert text.count('resource "scaleway_object_bucket_policy"') == 1
    assert 'SCW = "application_id:${scaleway_iam_application.a.id}"' in text
    assert 'SCW = "application_id:${scaleway_iam_application.b.id}"' in text
    assert '"acme-data/in/*"' in text  # the name as written, no arn:aws:s3::: prefix
    assert "arn:aws:s3" not in text and 'Version = "2023-04-17"' in text
    assert 'region = "pl-waw"' in text
    # The literal name of an undeclared bucket is reported, not given a policy.
    assert any(d.startswith("IT338") and "`other`" in d for d in diags), diags
    # User a: compute kept as a permission set, backup has none, object storage from policy.
    assert 'permission_set_names = ["InstancesFullAccess"]' in text
    assert any(d.startswith("IT302") and "backup_operator" in d for d in diags), diags
    # The statement on every bucket stays project-wide (no bucket policy for it).
    assert any(d.startswith("IT301") and "project-wide" in d for d in diags), diags
    assert "variable \"scaleway_bucket_policy_admin\"" in text


def test_two_user_policies_are_schema_valid(scw_schemas) -> None:  # type: ignore[no-untyped-def]
    assert not _schema_errors(POLICY_TWO_USERS, scw_schemas)


def test_lifecycle_by_literal_name_computed_status_and_conjunction() -> None:
    text, diags = _run('''
variable "status" {
  type = string
}
resource "ovh_cloud_project_storage" "a" {
  region_name = "GRA"
  name        = "a-bucket"
  object_lock = { status = "enabled" }
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "a" {
  region_name    = "GRA"
  container_name = "a-bucket"
  rules = [{
    id     = "r"
    status = var.status
    filter = { and = { prefix = "logs/", object_size_less_than = 10 } }
    transitions = [{ days = 1, storage_class = "GLACIER_IR" }]
  }]
}
''')
    assert 'enabled                = lower(var.status) == "enabled"' in text or \
        'lower(var.status) == "enabled"' in text
    assert 'prefix                = "logs/"' in text or 'prefix = "logs/"' in text or \
        '"logs/"' in text
    assert "object_size_less_than" in text
    assert 'storage_class = "GLACIER"' in text
    assert any(d.startswith("IT301") and "GLACIER_IR" in d for d in diags), diags
    # Object lock needs versioning: it is switched on with the lock.
    assert "object_lock_enabled = true" in text and "enabled = true" in text


def test_registry_user_with_computed_login_and_harbor(scw_schemas) -> None:  # type: ignore[no-untyped-def]
    src = '''
variable "login" {
  type = string
}
resource "ovh_cloud_project_containerregistry" "r" {
  name   = "reg"
  region = "DE"
}
resource "ovh_cloud_project_containerregistry_user" "u" {
  registry_id = ovh_cloud_project_containerregistry.r.id
  login       = var.login
  email       = "x@example.org"
}
resource "ovh_cloud_project_containerregistry_iam" "i" {
  registry_id = ovh_cloud_project_containerregistry.r.id
}
output "pw" {
  value     = ovh_cloud_project_containerregistry_user.u.password
  sensitive = true
}
'''
    text, diags = _run(src)
    assert '"registry-${var.login}"' in text
    assert "name           = scaleway_iam_application.u.name" in text  # the policy's
    assert '"ContainerRegistryFullAccess"' in text
    assert "value     = scaleway_iam_api_key.u.secret_key" in text
    assert 'is_public   = false' in text
    assert any(d.startswith("IT310") for d in diags), diags
    assert not _schema_errors(src, scw_schemas)


def test_repeated_resources_address_the_same_instance(scw_schemas) -> None:  # type: ignore[no-untyped-def]
    src = '''
resource "ovh_cloud_project_storage" "b" {
  count       = 2
  region_name = "GRA"
  name        = "b-${count.index}"
  encryption  = { sse_algorithm = "AES256" }
}
resource "ovh_cloud_project_user" "u" {
  count     = 2
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_credential" "c" {
  count   = 2
  user_id = ovh_cloud_project_user.u[count.index].id
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  count   = 2
  user_id = ovh_cloud_project_user.u[count.index].id
  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = ["s3:GetObject"],
    Resource = ["arn:aws:s3:::${ovh_cloud_project_storage.b[count.index].name}/*"] }] })
}
resource "ovh_cloud_project_containerregistry_user" "r" {
  count       = 2
  registry_id = "x"
  email       = "a@example.org"
  login       = "x${count.index}"
}
'''
    text, diags = _run(src)
    assert "bucket = scaleway_object_bucket.b[count.index].name" in text
    assert text.count("= scaleway_iam_application.u[count.index].id") == 2  # key, policy
    assert "application_id = scaleway_iam_application.r[count.index].id" in text
    assert "name           = scaleway_iam_application.r[count.index].name" in text
    assert '"registry-x${count.index}"' in text
    # A repeated bucket's policies would need one per instance: reported, not written wrong.
    assert "scaleway_object_bucket_policy" not in text.split("# Generated")[1] or \
        'resource "scaleway_object_bucket_policy"' not in text
    assert any(d.startswith("IT338") and "repeated bucket" in d for d in diags), diags
    assert not _schema_errors(src, scw_schemas)


def test_registry_ip_restriction_becomes_a_condition_of_its_users_policies() -> None:
    text, diags = _run('''
variable "ranges" {
  type = list(object({ ip_block = string, description = string }))
}
resource "ovh_cloud_project_containerregistry" "r" {
  name   = "reg"
  region = "GRA"
}
resource "ovh_cloud_project_containerregistry_user" "u" {
  registry_id = ovh_cloud_project_containerregistry.r.id
  login       = "ci"
  email       = "a@example.org"
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "p" {
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = var.ranges
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_management" "m" {
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = [{ ip_block = "192.0.2.0/24", description = "office" }]
}
''')
    assert 'condition            = join(" || ", [for r in var.ranges : ' \
        '"inIpRange(request.ip, \\"${r.ip_block}\\")"])' in text
    assert "192.0.2.0/24" not in text  # management access is not docker access
    assert any(d.startswith("IT301") and "ip_restrictions_registry.p" in d for d in diags)
    assert any(d.startswith("IT338") and "ip_restrictions_management.m" in d for d in diags)


def test_kms_encryption_becomes_aes256_said_so() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_storage" "k" {
  region_name = "GRA"
  name        = "k-bucket"
  encryption  = { sse_algorithm = "aws:kms" }
}
''')
    assert 'sse_algorithm = "AES256"' in text and "aws:kms" not in text
    assert any(d.startswith("IT301") and "`aws:kms`" in d and "AES256" in d for d in diags)


def test_expiration_takes_one_trigger_and_a_locked_bucket_keeps_versions() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_storage" "a" {
  region_name = "GRA"
  name        = "a-bucket"
  versioning  = { status = "suspended" }
  object_lock = { status = "enabled" }
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "a" {
  region_name    = "GRA"
  container_name = ovh_cloud_project_storage.a.name
  rules = [{
    id         = "r"
    status     = "enabled"
    expiration = { days = 3, expired_object_delete_marker = true }
  }]
}
''')
    assert "days = 3" in text and "expired_object_delete_marker" not in text
    assert any(d.startswith("IT302") and "expired_object_delete_marker" in d for d in diags)
    assert "enabled = true" in text and "enabled = false" not in text.replace(
        "enabled = false\n    expiration", "")
    assert any(d.startswith("IT301") and "object lock needs it" in d for d in diags), diags


def test_lock_rule_in_years_and_a_computed_mode() -> None:
    text, diags = _run('''
variable "mode" {
  type = string
}
resource "ovh_cloud_project_storage" "y" {
  region_name = "GRA"
  name        = "y-bucket"
  object_lock = { status = "enabled", rule = { mode = "compliance", period = "P2Y" } }
}
resource "ovh_cloud_project_storage" "m" {
  region_name = "GRA"
  name        = "m-bucket"
  object_lock = { status = "enabled", rule = { mode = var.mode, period = "P1M" } }
}
''')
    assert 'mode  = "COMPLIANCE"\n      years = 2' in text
    assert text.count('resource "scaleway_object_bucket_lock_configuration"') == 1
    assert any(d.startswith("IT302") and "default retention rule of "
               "ovh_cloud_project_storage.m" in d for d in diags), diags


def test_lifecycle_timestamps_become_dates() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_storage" "a" {
  region_name = "GRA"
  name        = "a-bucket"
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "a" {
  region_name    = "GRA"
  container_name = ovh_cloud_project_storage.a.name
  rules = [{
    id          = "r"
    status      = "enabled"
    expiration  = { date = "2030-01-01T00:00:00Z" }
    transitions = [{ date = "2029-01-01", storage_class = "GLACIER" }]
  }]
}
''')
    assert 'date = "2030-01-01"' in text and "T00:00:00Z" not in text
    assert 'date          = "2029-01-01"' in text
    assert any(d.startswith("IT306") and "2030-01-01T00:00:00Z" in d for d in diags), diags
