"""The GKE location self-check (IT349): OVH-shaped expressions flagged, empty defaults not."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_CLUSTER = '''variable "region" {
  type    = string
  default = %s
}

resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = %s
}
'''


def _it349(default: str, region: str) -> list[str]:
    r = translate({"main.tf": _CLUSTER % (default, region)}, "gke")
    return [d.message for d in r.diagnostics if d.code == "IT349"]


def test_an_ovh_region_reshaped_by_the_source_is_flagged() -> None:
    found = _it349('"GRA11"', 'upper(replace(var.region, "/[0-9]+$/", ""))')
    assert found and "once its expression is evaluated" in found[0]


def test_an_empty_default_is_the_callers_to_set_not_an_error() -> None:
    # (hoverkraft-tech/terraform-modules ovh/kube-managed: `default = ""`, set by every caller)
    assert _it349('""', "var.region") == []
