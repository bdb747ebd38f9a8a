"""Scaleway defects found on the public corpus (bench/corpus.py --target scaleway), each pinned."""

from __future__ import annotations

from iac_translate.compiler import api

# mastodon/terraform-ovh-s3's shape: an aws_s3_bucket on OVH's endpoint, OVH users whose S3
# policies name it, the policies declared in a file read before the bucket's.
S3_ON_OVH = {
    "a_policy.tf": '''
resource "ovh_cloud_project_user" "reader" {
  service_name = var.project_id
  description  = "reader"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_policy" "read" {
  service_name = var.project_id
  user_id      = ovh_cloud_project_user.reader.id
  policy = jsonencode({
    "Statement" : [{
      "Sid" : "RO",
      "Effect" : "Allow",
      "Action" : ["s3:GetObject", "s3:ListBucket"],
      "Resource" : [
        "arn:aws:s3:::${aws_s3_bucket.data.bucket}",
        "arn:aws:s3:::${aws_s3_bucket.data.bucket}/*"
      ]
    }]
  })
}
''',
    "z_bucket.tf": '''
variable "project_id" { type = string }

provider "aws" {
  region                      = "gra"
  skip_credentials_validation = true
  skip_region_validation      = true
  endpoints { s3 = "https://s3.gra.io.cloud.ovh.net" }
}

resource "aws_s3_bucket" "data" {
  bucket = "mastodon-data"
}
''',
}


def test_an_s3_policy_naming_an_aws_s3_bucket_writes_its_bucket_policy() -> None:
    # The S3Bucket kind was lowered after ObjectStoragePolicy: the policy found no
    # scaleway_object_bucket yet and reported the declared bucket as "not declared" (IT338).
    result = api.translate(S3_ON_OVH, "scaleway")
    text = "\n".join(result.files.values())
    diags = [f"{d.code} {d.message}" for d in result.diagnostics]
    assert 'resource "scaleway_object_bucket" "data"' in text
    assert 'resource "scaleway_object_bucket_policy" "data"' in text, diags
    assert 'application_id:${scaleway_iam_application.reader.id}' in text
    assert not [d for d in diags if d.startswith("IT338") and "not declared" in d], diags
