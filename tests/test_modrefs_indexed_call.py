"""Module outputs read through an indexed module call (`module.m[0].x`, `module.m["k"].x`)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_CHILD = '''
resource "ovh_cloud_project_network_private" "lan" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "lan"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = "0123456789abcdef0123456789abcdef"
  network_id   = ovh_cloud_project_network_private.lan.id
  region       = "GRA11"
  network      = "10.40.0.0/16"
  start        = "10.40.0.10"
  end          = "10.40.0.200"
  dhcp         = true
}
output "lan_id" {
  value = ovh_cloud_project_network_private.lan.regions_openstack_ids["GRA11"]
}
output "nodes_id" {
  value = ovh_cloud_project_network_private_subnet.nodes.id
}
'''

_ROOT = '''
module "net" {
  source = "./modules/net"
  %s
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = "0123456789abcdef0123456789abcdef"
  name               = "k"
  region             = "GRA11"
  private_network_id = %s
}
'''

_SUBNET = {"gke": "subnetwork               = ", "aks": "vnet_subnet_id               = "}


def _run(meta: str, ref: str, target: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": _ROOT % (meta, ref), "modules/net/main.tf": _CHILD}, target)
    # (the Google APIs the project must enable: one IT308 of every GKE translation)
    return r.files["main.tf"], [d.code for d in r.diagnostics if "APIs enabled" not in d.message]


@pytest.mark.parametrize("target", ["gke", "aks"])
@pytest.mark.parametrize(("meta", "ref", "out"), [
    ("count = 1", "module.net[0].lan_id", "module.net[0].nodes_id"),
    ('for_each = toset(["gra"])', 'module.net["gra"].lan_id', 'module.net["gra"].nodes_id'),
])
def test_an_instance_of_a_counted_or_keyed_call_gives_its_subnet(
        target: str, meta: str, ref: str, out: str) -> None:
    # Before: resolve_across stopped at the index, so GKE wrote no subnetwork and AKS an IT308.
    main, codes = _run(meta, ref, target)
    assert _SUBNET[target] + out in main
    assert "TODO" not in main
    assert "IT308" not in codes and "IT206" not in codes


@pytest.mark.parametrize("target", ["gke", "aks"])
@pytest.mark.parametrize(("meta", "ref"), [
    ("", "module.net[0].lan_id"),                           # no count: not an instance
    ("count = 1", 'module.net["gra"].lan_id'),              # a key on a counted call
    ('for_each = toset(["gra"])', "module.net[0].lan_id"),  # a number on a keyed call
    ("count = 1", "module.net[var.i].lan_id"),              # an index not known here
])
def test_an_index_the_call_does_not_make_is_not_followed(
        target: str, meta: str, ref: str) -> None:
    main, _ = _run(meta, ref, target)
    assert "nodes_id" not in main
