"""GKE pools of a cluster whose region is a variable: their zone is looked up at plan."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_POOL_IN_VAR_REGION = '''
variable "region" {
  type    = string
  default = "US-EAST-VA-1"
}
locals {
  fixed = "GRA11"
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "k"
  region       = %s
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
'''


def _pool(files: dict[str, str]) -> str:
    text = "".join(files.values())
    return text[text.index('"google_container_node_pool" "p"'):].split("\n}\n", 1)[0]


def test_pool_zone_of_a_region_variable_is_looked_up() -> None:
    # howling-trader: region = var.region (default US-EAST-VA-1) pinned the pools to
    # "us-east4-a", a zone that is not in the region the caller passes.
    r = translate({"main.tf": _POOL_IN_VAR_REGION % "var.region"}, "gke")
    assert "node_locations = [data.google_compute_zones.p.names[0]]" in _pool(r.files)
    text = "".join(r.files.values())
    assert 'data "google_compute_zones" "p"' in text
    assert "region = google_container_cluster.k.location" in text
    assert "us-east4-a" not in text


def test_pool_zone_of_a_literal_or_local_region_stays_literal() -> None:
    for region, zone in (('"GRA11"', "europe-west1-b"), ("local.fixed", "europe-west1-b")):
        r = translate({"main.tf": _POOL_IN_VAR_REGION % region}, "gke")
        assert f'node_locations = ["{zone}"]' in _pool(r.files)
        assert "google_compute_zones" not in "".join(r.files.values())
