"""GKE: a cluster whose private_network_id picks one region's OpenStack id out of the
network's regions_attributes (OVH's documented form) joins the VPC itself."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
variable "region" {
  type    = string
  default = "GRA9"
}

resource "ovh_cloud_project_network_private" "net" {
  service_name = "p"
  name         = "net"
  regions      = [var.region]
}

resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "p"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = var.region
  start        = "10.1.0.10"
  end          = "10.1.0.200"
  network      = "10.1.0.0/24"
}

resource "ovh_cloud_project_kube" "k" {
  service_name       = "p"
  name               = "k"
  region             = var.region
  private_network_id = %s
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.sub.id
}
'''
_PICK = "one([for a in ovh_cloud_project_network_private.net.regions_attributes : " \
    "a.openstackid if a.region == var.region])"


def test_the_regions_attributes_pick_is_the_vpc() -> None:
    # Before: network = one([for a in "TODO(IT206): ...regions_attributes" : ...]), IT328.
    r = translate({"main.tf": _SRC % _PICK}, "gke")
    text = r.files["main.tf"]
    assert "network                  = google_compute_network.net.id" in text, text
    assert "TODO" not in text
    assert not [d for d in r.diagnostics if d.code in ("IT206", "IT328")], r.diagnostics
    assert [d for d in r.diagnostics if d.code == "IT306" and "picks one region" in d.message]


def test_a_plain_reference_is_rewritten_as_before() -> None:
    r = translate({"main.tf": _SRC % "ovh_cloud_project_network_private.net.id"}, "gke")
    assert "network                  = google_compute_network.net.id" in r.files["main.tf"]
    assert not [d for d in r.diagnostics if "picks one region" in d.message]
