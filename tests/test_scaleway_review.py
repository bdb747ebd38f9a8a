"""Scaleway defects found on the public corpus (bench/corpus.py --target scaleway), each pinned."""

from __future__ import annotations

from asked_for import asked_for
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


def _kube(version: str, policy: str = "ALWAYS_UPDATE") -> str:
    return f'''
variable "service_name" {{ type = string }}
variable "k8s_version" {{
  type    = string
  default = "1.27"
}}

resource "ovh_cloud_project_kube" "k" {{
  service_name  = var.service_name
  name          = "k"
  region        = "GRA11"
  version       = {version}
  update_policy = "{policy}"
}}
'''


def _oldest() -> str:
    from iac_translate.targets.scaleway.kube_data import table
    oldest: str = table()["cluster"]["kubernetes"]["oldest"]
    return oldest


def test_a_kubernetes_minor_kapsule_no_longer_offers_is_raised_with_an_error() -> None:
    # scraly (1.22) and mybinder (1.24) were written as-is: Kapsule refuses the create call.
    oldest = _oldest()
    result = api.translate({"main.tf": _kube('"1.22"')}, "scaleway")
    flat = " ".join("\n".join(result.files.values()).split())
    assert f'version = "{oldest}"' in flat and '"1.22"' not in flat
    assert any(d.code == "IT332" and "1.22" in d.message and oldest in d.message
               for d in result.diagnostics)
    frozen = api.translate({"main.tf": _kube('"1.22.5"', "NEVER_UPDATE")}, "scaleway")
    text = "\n".join(frozen.files.values())
    assert "1.22" not in text
    asked_for(text, f"{oldest}.x")  # a patch of that minor: plan asks for it (IT383)


def test_an_offered_minor_is_kept_and_a_computed_one_gets_a_precondition() -> None:
    oldest = _oldest()
    major, minor = oldest.split(".")
    newer = f"{major}.{int(minor) + 1}"
    kept = api.translate({"main.tf": _kube(f'"{newer}"')}, "scaleway")
    assert f'version = "{newer}"' in " ".join("\n".join(kept.files.values()).split())
    assert not [d for d in kept.diagnostics if d.code in ("IT332", "IT333")]
    # MJUi's shape: a variable whose default (1.27) Kapsule no longer offers
    result = api.translate({"main.tf": _kube("var.k8s_version")}, "scaleway")
    text = "\n".join(result.files.values())
    assert "version = var.k8s_version" in " ".join(text.split())
    assert "precondition" in text and f">= {minor}" in text
    assert any(d.code == "IT333" and "1.27" in d.message for d in result.diagnostics)


POOL = '''
variable "service_name" { type = string }
variable "kube_id" { type = string }
variable "anti_affinity" {
  type    = bool
  default = false
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = var.service_name
  kube_id       = var.kube_id
  name          = "pool"
  flavor_name   = "b3-8"
  desired_nodes = 1
  anti_affinity = var.anti_affinity
}
'''


def test_a_computed_anti_affinity_creates_its_placement_group_only_when_on() -> None:
    # hoverkraft's kube-nodepool module: the group was created even with anti_affinity false
    result = api.translate({"main.tf": POOL}, "scaleway")
    flat = " ".join("\n".join(result.files.values()).split())
    group = 'resource "scaleway_instance_placement_group" "pool" {'
    assert f"{group} count = var.anti_affinity ? 1 : 0" in flat, flat
    assert "placement_group_id = one(scaleway_instance_placement_group.pool[*].id)" in flat


# teamacco/accoreboot-infra's bootstrap: the bucket and the policy both name var.bucket_name.
BY_VARIABLE = '''
variable "service_name" { type = string }
variable "bucket_name" { type = string }

resource "ovh_cloud_project_storage" "state" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = var.bucket_name
}

resource "ovh_cloud_project_user" "u" {
  service_name = var.service_name
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_user_s3_policy" "p" {
  service_name = var.service_name
  user_id      = ovh_cloud_project_user.u.id
  policy = jsonencode({
    "Statement" : [{
      "Sid" : "State",
      "Effect" : "Allow",
      "Action" : ["s3:GetObject"],
      "Resource" : ["arn:aws:s3:::${var.bucket_name}", "arn:aws:s3:::${var.bucket_name}/*"]
    }]
  })
}
'''


def test_a_policy_naming_its_bucket_through_the_same_variable_writes_the_bucket_policy() -> None:
    result = api.translate({"main.tf": BY_VARIABLE}, "scaleway")
    flat = " ".join("\n".join(result.files.values()).split())
    diags = [f"{d.code} {d.message}" for d in result.diagnostics]
    assert 'resource "scaleway_object_bucket_policy" "state"' in flat, diags
    # the statement names the bucket's (normalised) name, not the raw variable
    assert ('Resource = [ scaleway_object_bucket.state.name, '
            '"${scaleway_object_bucket.state.name}/*", ]') in flat
    assert "var.bucket_name/*" not in flat and '"${var.bucket_name}/*"' not in flat
    assert not [d for d in diags if d.startswith("IT338")], diags


def test_a_user_read_from_a_local_is_reported_as_coming_from_it() -> None:
    # teamacco reads the OVH user id from a local over an OVH lookup: the IT309 said the user
    # was "handed to the module", which sent the reader to a caller that does not exist
    src = BY_VARIABLE.replace("ovh_cloud_project_user.u.id", "local.user_id") + \
        'locals {\n  user_id = "x"\n}\n'
    src = src.replace('locals {\n  user_id = "x"', 'locals {\n  user_id = var.service_name')
    result = api.translate({"main.tf": src}, "scaleway")
    said = [d.message for d in result.diagnostics if d.code == "IT309"]
    assert any("comes from `local.user_id`" in m and "Scaleway IAM application" in m
               for m in said), said
