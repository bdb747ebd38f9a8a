"""Scaleway lowering of AWS S3 resources aimed at OVH Object Storage: the parts goldens lack."""

from __future__ import annotations

import pytest
from iac_translate.compiler import api
from schema import shared_schemas
from schema.tfcheck import check_text

SRC = '''
provider "aws" {
  region = "sbg"
  endpoints {
    s3 = "https://s3.sbg.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "w" {
  bucket        = "site"
  force_destroy = true
  object_lock_enabled = true
  tags = { a = "b" }
}
resource "aws_s3_bucket_acl" "w" {
  bucket = aws_s3_bucket.w.id
  acl    = "public-read"
}
resource "aws_s3_bucket_website_configuration" "w" {
  bucket = aws_s3_bucket.w.id
  index_document {
    suffix = "index.html"
  }
  error_document {
    key = "error.html"
  }
}
resource "aws_s3_bucket_server_side_encryption_configuration" "w" {
  bucket = aws_s3_bucket.w.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = "k"
    }
    bucket_key_enabled = true
  }
}
resource "aws_s3_bucket_object_lock_configuration" "w" {
  bucket = aws_s3_bucket.w.id
  rule {
    default_retention {
      mode = "GOVERNANCE"
      days = 5
    }
  }
}
resource "aws_s3_bucket_public_access_block" "w" {
  bucket                  = aws_s3_bucket.w.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}
resource "aws_s3_bucket_ownership_controls" "w" {
  bucket = aws_s3_bucket.w.id
  rule {
    object_ownership = "BucketOwnerPreferred"
  }
}
resource "aws_s3_bucket_policy" "w" {
  bucket = aws_s3_bucket.w.id
  policy = jsonencode({ Statement = [{ Effect = "Allow",
    Principal = { AWS = ["arn:aws:iam::1:user/x"] },
    Action = "s3:GetObject", Resource = "arn:aws:s3:::site/*" }] })
}
'''


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return api.translate({"main.tf": SRC}, "scaleway")


def test_settings_become_their_scaleway_resources(result) -> None:  # type: ignore[no-untyped-def]
    text = "\n".join(result.files.values())
    diags = [f"{d.code} {d.message}" for d in result.diagnostics]
    for t in ("scaleway_object_bucket_acl", "scaleway_object_bucket_lock_configuration",
              "scaleway_object_bucket_website_configuration",
              "scaleway_object_bucket_server_side_encryption_configuration"):
        assert f'resource "{t}" "w"' in text, t
    assert text.count("bucket = scaleway_object_bucket.w.name\n  region = \"fr-par\"") == 4
    assert 'acl    = "public-read"' in text and "force_destroy       = true" in text
    assert "aws_" not in text.replace("aws_s3_bucket", "")  # nothing of the aws provider
    # Settings Scaleway has no counterpart for are said so, not left unreported.
    assert any(d.startswith("IT301") and "public access block" in d for d in diags)
    assert any(d.startswith("IT301") and "object ownership" in d for d in diags)
    # A policy granting OVH identities cannot name Scaleway principals.
    assert any(d.startswith("IT338") and "aws_s3_bucket_policy.w" in d for d in diags)
    assert not any(d.startswith("IT305") for d in diags), diags
    # The provider accepts AES256 only: a KMS configuration becomes it, said so.
    assert 'sse_algorithm = "AES256"' in text and "kms_master_key_id" not in text
    assert any(d.startswith("IT301") and "`aws:kms`" in d for d in diags)
    assert any(d.startswith("IT302") and "kms_master_key_id" in d for d in diags)
    assert any(d.startswith("IT302") and "bucket_key_enabled" in d for d in diags)


def test_output_is_schema_valid(result) -> None:  # type: ignore[no-untyped-def]
    schemas = shared_schemas.with_shared("scaleway")
    errors = [f"{rel}:{f.line}: {f.message}" for rel, text in result.files.items()
              for f in check_text(text, rel, schemas) if f.severity == "error"]
    assert not errors, errors
