"""GKE zonal resources (instances, disks) whose region is a variable: one zones lookup."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
variable "region" {
  type    = string
  default = "GRA11"
}
resource "ovh_cloud_project_instance" "db" {
  service_name   = "0123456789abcdef0123456789abcdef"
  region         = %s
  billing_period = "hourly"
  name           = "db"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = true
  }
}
resource "ovh_cloud_project_volume" "db" {
  service_name = "0123456789abcdef0123456789abcdef"
  region_name  = %s
  name         = "db-data"
  size         = 10
}
'''


def test_instance_and_volume_of_a_region_variable_share_one_zone_lookup() -> None:
    r = translate({"main.tf": _SRC % ("var.region", "var.region")}, "gke")
    text = "".join(r.files.values())
    assert "europe-west1-b" not in text
    assert text.count('data "google_compute_zones" "region_zones"') == 1
    assert text.count("zone         = data.google_compute_zones.region_zones.names[0]") == 1
    assert text.count("zone = data.google_compute_zones.region_zones.names[0]") == 1
    # one lookup shared: the volume keeps its label (no IT379 rename next to the instance)
    assert not [d for d in r.diagnostics if d.code == "IT379"]
    assert 'resource "google_compute_disk" "db"' in text


def test_a_literal_region_keeps_its_literal_zone() -> None:
    r = translate({"main.tf": _SRC % ('"GRA11"', '"GRA11"')}, "gke")
    text = "".join(r.files.values())
    assert text.count('"europe-west1-b"') == 2
    assert "google_compute_zones" not in text


_OPENSTACK = '''
%s
provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = %s
}
resource "openstack_compute_instance_v2" "web" {
  name        = "web"
  image_name  = "Debian 12"
  flavor_name = "b3-8"
}
'''


def test_an_openstack_instance_takes_the_zone_of_its_provider_region() -> None:
    # yomovh/tf-at-ovhcloud, lossy_openstack_secgroups: the instance names no region (its
    # provider does): the zone was a TODO(IT304) placeholder, which no plan accepts.
    r = translate({"main.tf": _OPENSTACK % ("", '"SBG5"')}, "gke")
    assert 'zone         = "europe-west3-a"' in r.files["main.tf"]
    assert not [d for d in r.diagnostics if d.code == "IT304"]
    var = 'variable "os_region" {\n  default = "GRA9"\n}'
    r = translate({"main.tf": _OPENSTACK % (var, "var.os_region")}, "gke")
    text = "".join(r.files.values())
    assert "zone         = data.google_compute_zones.os_region_zones.names[0]" in text
    assert not [d for d in r.diagnostics if d.code == "IT304"]
