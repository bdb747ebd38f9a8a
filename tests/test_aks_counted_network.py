"""AKS: OVH networks, subnets and router interfaces written with count / for_each give
virtual networks, subnets and NAT gateway associations repeated once each, read with their
key."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

_HEAD = '''
provider "openstack" {
  region = "GRA9"
}
variable "networks" {
  type    = map(object({ cidr = string }))
  default = { app = { cidr = "10.30.0.0/24" } }
}
'''
_FOREACH = _HEAD + '''
resource "openstack_networking_network_v2" "lans" {
  for_each = var.networks
  name     = "lan-${each.key}"
}
resource "openstack_networking_subnet_v2" "lans" {
  for_each   = var.networks
  name       = "lan-${each.key}"
  network_id = openstack_networking_network_v2.lans[each.key].id
  cidr       = each.value.cidr
}
'''
_COUNT = _HEAD + '''
resource "openstack_networking_network_v2" "lans" {
  count = 2
  name  = "lan-${count.index}"
}
resource "openstack_networking_subnet_v2" "lans" {
  count      = 2
  name       = "lan-${count.index}"
  network_id = openstack_networking_network_v2.lans[count.index].id
  cidr       = "10.${count.index}.0.0/24"
}
'''
_ROUTER = _FOREACH + '''
resource "openstack_networking_router_v2" "r" {
  name = "r"
}
resource "openstack_networking_router_interface_v2" "lans" {
  for_each  = var.networks
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.lans[each.key].id
}
'''


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, "aks")
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def _block(tf: str, type_: str, label: str) -> str:
    m = re.search(rf'^resource "{type_}" "{label}" \{{\n(.*?)^\}}', tf, re.S | re.M)
    assert m is not None, f"no {type_}.{label} in\n{tf}"
    return m.group(1)


def _once(body: str, arg: str) -> None:
    assert len(re.findall(rf"^\s*{arg}\s*=", body, re.M)) == 1, body


def test_for_each_network_and_subnet() -> None:
    tf, _ = _run(_FOREACH)
    sub = _block(tf, "azurerm_subnet", "lans")
    _once(sub, "for_each")
    _once(_block(tf, "azurerm_virtual_network", "lans"), "for_each")
    assert "virtual_network_name = azurerm_virtual_network.lans[each.key].name" in sub


def test_count_network_and_subnet() -> None:
    tf, _ = _run(_COUNT)
    sub = _block(tf, "azurerm_subnet", "lans")
    _once(sub, "count")
    assert "azurerm_virtual_network.lans[count.index].name" in sub


def test_router_interface_for_each_is_one_association_per_key() -> None:
    tf, _ = _run(_ROUTER)
    assoc = _block(tf, "azurerm_subnet_nat_gateway_association", "lans")
    _once(assoc, "for_each")
    assert "subnet_id      = azurerm_subnet.lans[each.key].id" in assoc
    assert "nat_gateway_id = azurerm_nat_gateway.r.id" in assoc


def test_a_single_subnet_of_a_repeated_network_names_its_key() -> None:
    tf, diags = _run(_HEAD + '''
resource "openstack_networking_network_v2" "lans" {
  for_each = var.networks
  name     = "lan-${each.key}"
}
resource "openstack_networking_subnet_v2" "app" {
  network_id = openstack_networking_network_v2.lans["app"].id
  cidr       = "10.30.0.0/24"
}
resource "openstack_networking_subnet_v2" "first" {
  network_id = values(openstack_networking_network_v2.lans)[0].id
  cidr       = "10.31.0.0/24"
}
''')
    assert 'azurerm_virtual_network.lans["app"].name' in _block(tf, "azurerm_subnet", "app")
    first = _block(tf, "azurerm_subnet", "first")
    assert "azurerm_virtual_network.lans[keys(azurerm_virtual_network.lans)[0]].name" in first
    assert any(c == "IT308" and "without an instance key" in m for c, m in diags)


def test_regions_openstack_ids_of_a_repeated_ovh_network_keeps_its_key() -> None:
    tf, _ = _run('''
resource "ovh_cloud_project_network_private" "n" {
  for_each     = toset(["a", "b"])
  service_name = "p"
  name         = "n-${each.key}"
  regions      = ["GRA9"]
}
output "gra" {
  value = ovh_cloud_project_network_private.n["a"].regions_openstack_ids["GRA9"]
}
''')
    assert 'value = azurerm_virtual_network.n["a"].id' in tf


def test_a_vm_on_one_instance_of_a_repeated_network_is_in_its_subnet() -> None:
    tf, _ = _run(_FOREACH + '''
resource "openstack_compute_instance_v2" "vm" {
  count       = 2
  name        = "vm-${count.index}"
  image_name  = "Ubuntu 22.04"
  flavor_name = "b2-7"
  network {
    uuid = openstack_networking_network_v2.lans["app"].id
  }
}
''')
    nic = _block(tf, "azurerm_network_interface", "vm")
    assert 'subnet_id                     = azurerm_subnet.lans["app"].id' in nic
    assert "each." not in nic


def test_a_for_over_repeated_ovh_networks_reads_each_vnet() -> None:
    tf, _ = _run('''
resource "ovh_cloud_project_network_private" "n" {
  for_each     = toset(["a", "b"])
  service_name = "p"
  name         = "n-${each.key}"
  regions      = ["GRA9"]
}
output "ids" {
  value = { for k, v in ovh_cloud_project_network_private.n : k => v.regions_openstack_ids["GRA9"] }
}
''')
    assert "value = { for k, v in azurerm_virtual_network.n : k => v.id }" in tf
