"""GKE: Cloud Routers and NATs of counted/for_each networks, subnets and router interfaces."""

from __future__ import annotations

import re

from iac_translate.compiler.api import Result, translate

_HEAD = '''
provider "openstack" {
  region = "GRA9"
}
variable "networks" {
  type    = map(string)
  default = { app = "10.30.0.0/24", db = "10.31.0.0/24" }
}
'''
_NETS = '''
resource "openstack_networking_network_v2" "lans" {
  for_each = var.networks
  name     = "lan-${each.key}"
}
'''
_NET = '''
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
'''
_SUBNETS = '''
resource "openstack_networking_subnet_v2" "lans" {
  for_each   = var.networks
  name       = "lan-${each.key}"
  network_id = openstack_networking_network_v2.%s.id
  cidr       = each.value
}
'''
_ROUTER = '''
resource "openstack_networking_router_v2" "r" {
  %s
  name = "r"
}
resource "openstack_networking_router_interface_v2" "lans" {
  %s
  router_id = openstack_networking_router_v2.r%s.id
  subnet_id = openstack_networking_subnet_v2.lans[%s].id
}
'''


def _run(*parts: str) -> Result:
    return translate({"main.tf": _HEAD + "".join(parts)}, "gke")


def _block(text: str, type_: str, label: str) -> str:
    m = re.search(rf'^resource "{type_}" "{label}" {{\n(.*?)^}}', text, re.S | re.M)
    assert m is not None, f"{type_}.{label} not written"
    return m.group(1)


def _errors(r: Result) -> list[str]:
    return [d.code for d in r.diagnostics if d.severity.name == "ERROR"]


def test_router_on_a_vpc_per_interface_is_made_per_vpc() -> None:
    r = _run(_NETS, _SUBNETS % "lans[each.key]",
             _ROUTER % ("", "for_each  = var.networks", "", "each.key"))
    text = r.files["main.tf"]
    router = _block(text, "google_compute_router", "r")
    assert "for_each = var.networks" in router
    assert "network  = google_compute_network.lans[each.key].id" in router
    assert "each.key" in router.split("name", 1)[1].split("\n", 1)[0]  # a name per VPC
    nat = _block(text, "google_compute_router_nat", "r")
    assert "for_each" in nat and "google_compute_router.r[each.key].name" in nat
    assert "name                    = google_compute_subnetwork.lans[each.key].id" in nat
    assert _errors(r) == []


def test_router_over_subnets_of_one_vpc_lists_them_with_a_dynamic_block() -> None:
    r = _run(_NET, _SUBNETS % "net",
             _ROUTER % ("", "for_each  = var.networks", "", "each.key"))
    text = r.files["main.tf"]
    router = _block(text, "google_compute_router", "r")
    assert "for_each" not in router
    assert "network = google_compute_network.net.id" in router
    nat = _block(text, "google_compute_router_nat", "r")
    assert 'dynamic "subnetwork" {\n    for_each = var.networks' in nat
    assert "name                    = google_compute_subnetwork.lans[subnetwork.key].id" in nat
    assert "each." not in nat
    assert _errors(r) == []


def test_count_interfaces_iterate_range_of_count() -> None:
    src = _NET + '''
resource "openstack_networking_subnet_v2" "lans" {
  count      = 2
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.0.${count.index}.0/24"
}
''' + _ROUTER % ("", "count     = 2", "", "count.index")
    r = _run(src)
    text = r.files["main.tf"]
    nat = _block(text, "google_compute_router_nat", "r")
    assert "for_each = range(2)" in nat
    assert "google_compute_subnetwork.lans[subnetwork.value].id" in nat
    # (OVH subnets have no name: GCP names are unique per region, so the label is keyed)
    assert 'name                     = "lans-${count.index}"' in _block(
        text, "google_compute_subnetwork", "lans")
    assert _errors(r) == []


def test_router_on_one_instance_reads_its_vpc() -> None:
    r = _run(_NETS, _SUBNETS % "lans[each.key]", _ROUTER % ("", "", "", '"app"'))
    router = _block(r.files["main.tf"], "google_compute_router", "r")
    assert 'network = google_compute_network.lans["app"].id' in router
    assert _errors(r) == []


def test_repeated_router_reads_its_own_instances() -> None:
    r = _run(_NETS, _SUBNETS % "lans[each.key]",
             _ROUTER % ("for_each = var.networks", "for_each  = var.networks", "[each.key]",
                        "each.key"))
    text = r.files["main.tf"]
    assert "network  = google_compute_network.lans[each.key].id" in _block(
        text, "google_compute_router", "r")
    nat = _block(text, "google_compute_router_nat", "r")
    assert "router                             = google_compute_router.r[each.key].name" in nat
    assert "google_compute_subnetwork.lans[each.key].id" in nat
    assert _errors(r) == []


def test_no_key_lines_up_is_an_error_not_invalid_output() -> None:
    r = _run(_NETS, _SUBNETS % "lans[each.key]",
             _ROUTER % ("", "for_each  = var.networks", "", "each.key"), '''
resource "openstack_networking_router_interface_v2" "extra" {
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.lans["db"].id
}
''')
    text = r.files["main.tf"]
    assert "google_compute_router" not in text
    assert _errors(r) == ["IT338"]
