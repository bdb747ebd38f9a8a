"""GKE bucket locations from a region the source passes through lower() or upper()."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_AWS_BUCKET = '''
variable "global_region" {
  type    = string
  default = "GRA"
}
provider "aws" {
  region                      = lower(var.global_region)
  skip_region_validation      = true
  skip_credentials_validation = true
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "media" {
  bucket = "media-store"
}
'''

_OVH_BUCKET = '''
variable "region" {
  type    = string
  default = "GRA"
}
resource "ovh_cloud_project_storage" "b" {
  service_name = "0123456789abcdef0123456789abcdef"
  region_name  = lower(var.region)
  name         = "media-store"
}
'''


def _location(text: str) -> str:
    line = next(x for x in text.splitlines() if x.strip().startswith("location "))
    return line.split("=", 1)[1].strip()


def test_aws_bucket_location_is_one_case_function_of_the_region() -> None:
    # eimis-synapse: `region = lower(var.global_region)` on the aws provider gave
    # `upper(lower(var.global_region))`; GCS takes any case, one function is enough.
    r = translate({"main.tf": _AWS_BUCKET}, "gke")
    text = "".join(r.files.values())
    assert _location(text[text.index('"google_storage_bucket" "media"'):]) == \
        "lower(var.global_region)"


def test_ovh_bucket_location_is_one_case_function_of_the_region() -> None:
    r = translate({"main.tf": _OVH_BUCKET}, "gke")
    text = "".join(r.files.values())
    assert _location(text[text.index('"google_storage_bucket" "b"'):]) == \
        "lower(var.region)"
    # a region without a case function is upper-cased once, as before
    r = translate({"main.tf": _OVH_BUCKET.replace("lower(var.region)", "var.region")}, "gke")
    text = "".join(r.files.values())
    assert _location(text[text.index('"google_storage_bucket" "b"'):]) == \
        "upper(var.region)"
