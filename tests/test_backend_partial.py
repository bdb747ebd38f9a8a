"""A backend "s3" configured at init (-backend-config) may point at OVH Object Storage: said."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_SRC = '''terraform {
  backend "s3" {%s}
}

resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = "data-bucket"
}
'''


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_a_partial_s3_backend_is_it308(target: str) -> None:
    # Before: kept silently; the state went on living on OVH through the init settings.
    r = translate({"main.tf": _SRC % ""}, target)
    said = [d for d in r.diagnostics if d.code == "IT308" and "backend s3" in d.message]
    assert len(said) == 1 and said[0].span and said[0].span.line == 2, r.diagnostics
    assert 'backend "s3" {}' in r.files["main.tf"]
    # A real AWS backend (bucket, region, no OVH endpoint) is kept without a word.
    aws = '\n    bucket = "s"\n    key = "k"\n    region = "eu-west-3"\n  '
    r = translate({"main.tf": _SRC % aws}, target)
    assert not [d for d in r.diagnostics if "backend s3" in d.message]
