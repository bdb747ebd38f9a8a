"""EKS lowering of buckets, lifecycles, S3 policies and registries: cases the goldens lack."""

from __future__ import annotations

import pytest
from iac_translate.compiler import api


def _run(src: str) -> tuple[str, list[str]]:
    result = api.translate({"main.tf": src}, "eks")
    text = "\n".join(result.files.values())
    return text, [f"{d.code} {d.message}" for d in result.diagnostics]


def test_lifecycle_and_filter_computed_status_and_other_region() -> None:
    text, diags = _run('''
variable "status" {
  type = string
}
resource "ovh_cloud_project_storage" "a" {
  region_name = "GRA"
  name        = "a-bucket"
}
resource "ovh_cloud_project_storage" "b" {
  region_name = "BHS"
  name        = "b-bucket"
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "b" {
  region_name    = "BHS"
  container_name = ovh_cloud_project_storage.b.name
  rules = [{
    id     = "r"
    status = var.status
    filter = { prefix = "logs/", object_size_greater_than = 10 }
    expiration = { days = 3, expired_object_delete_marker = true }
  }]
}
''')
    # The second region is the bucket's own (AWS 6.x resources take `region`).
    assert 'bucket = "b-bucket"\n  region = "ca-central-1"' in text
    # Its settings live where it does (else the provider asks the default region's S3).
    assert text.count('region = "ca-central-1"') == 2 and text.count(
        'region                  = "ca-central-1"') == 1  # the public access block
    assert 'bucket = aws_s3_bucket.b.id\n  region = "ca-central-1"' in text  # the lifecycle
    assert "and {" in text and 'prefix                   = "logs/"' in text
    assert "status = title(lower(var.status))" in text
    assert "expired_object_delete_marker = true" in text
    assert not any(d.startswith(("IT302", "IT338")) for d in diags), diags


def test_computed_rules_and_foreign_bucket_are_reported() -> None:
    text, diags = _run('''
variable "rules" {
  type = list(any)
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "x" {
  region_name    = "GRA"
  container_name = "elsewhere"
  rules          = var.rules
}
''')
    assert any(d.startswith("IT338") and "expression" in d for d in diags), diags
    assert "aws_s3_bucket_lifecycle_configuration" not in text


_POLICY = '''
resource "ovh_cloud_project_user" "u" {
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  user_id = ovh_cloud_project_user.u.id
  policy  = %s
}
'''


def _policy(document: str) -> tuple[str, list[tuple[str, str, int, int]]]:
    result = api.translate({"main.tf": _POLICY % document}, "eks")
    return "\n".join(result.files.values()), [
        (d.code, d.message, d.span.line, d.span.column) for d in result.diagnostics
        if d.span is not None]


def test_computed_policy_document_is_passed_through() -> None:
    # A document known at plan time only (a file, a variable): OVH S3 policies are IAM's
    # language, so it becomes the IAM user policy as it is, with IT301 at the document.
    text, diags = _policy('file("policy.json")')
    assert 'resource "aws_iam_user_policy" "p"' in text
    assert 'policy = file("policy.json")' in text
    assert [(c, line, col) for c, m, line, col in diags if c in ("IT301", "IT338")] == \
        [("IT301", 7, 13)], diags


@pytest.mark.parametrize("document", ['"{not json"',
                                      '<<EOF\n{"Version": "2012-10-17", "Statement": [\nEOF'])
def test_unreadable_literal_policy_is_an_error_at_its_location(document: str) -> None:
    text, diags = _policy(document)
    assert "aws_iam_user_policy" not in text
    assert [(c, line, col) for c, m, line, col in diags if c in ("IT301", "IT338")] == \
        [("IT338", 7, 13)], diags


def test_policy_without_literal_statements_is_an_error_at_its_location() -> None:
    text, diags = _policy('jsonencode({ Version = "2012-10-17", Statement = "x" })')
    assert "aws_iam_user_policy" not in text
    assert any(c == "IT338" and "Statement" in m and (line, col) == (7, 13)
               for c, m, line, col in diags), diags


def test_user_policy_keeps_conditions_and_denies() -> None:
    text, _ = _run('''
resource "ovh_cloud_project_storage" "b" {
  region_name = "GRA"
  name        = "data"
}
resource "ovh_cloud_project_user" "u" {
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  user_id = ovh_cloud_project_user.u.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["s3:GetObject"], Resource = ["arn:aws:s3:::data/*"],
        Condition = { IpAddress = { "aws:SourceIp" = ["203.0.113.0/24"] } } },
      { Effect = "Deny", Action = "s3:DeleteObject", Resource = "arn:aws:s3:::data/*" },
    ]
  })
}
''')
    assert '"aws:SourceIp" = ["203.0.113.0/24"]' in text and 'Effect = "Deny"' in text
    # The policy narrows the role: no account-wide AmazonS3FullAccess next to it.
    assert "AmazonS3FullAccess" not in text


def test_registry_restriction_without_its_registry_and_computed_cidrs() -> None:
    text, diags = _run('''
variable "ips" {
  type = list(object({ ip_block = string, description = string }))
}
resource "ovh_cloud_project_containerregistry" "r" {
  name   = "apps"
  region = "GRA"
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ok" {
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = var.ips
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "lost" {
  registry_id     = "0000-elsewhere"
  ip_restrictions = [{ ip_block = "1.2.3.4/32", description = "x" }]
}
''')
    assert '"aws:SourceIp" = [for r in var.ips : r.ip_block]' in text
    assert any(d.startswith("IT338") and "not declared in this module" in d for d in diags)


def test_s3_bucket_policy_with_ovh_principal_is_an_error() -> None:
    text, diags = _run('''
provider "aws" {
  region = "gra"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "shared"
}
resource "aws_s3_bucket_policy" "b" {
  bucket = aws_s3_bucket.b.id
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Principal = { AWS = ["arn:aws:iam::123:user/ovh"] },
                   Action = "s3:GetObject", Resource = "arn:aws:s3:::shared/*" }]
  })
}
''')
    assert any(d.startswith("IT338") and "OVH identities" in d for d in diags), diags
    assert 'resource "aws_s3_bucket_policy"' not in text
