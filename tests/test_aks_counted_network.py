"""AKS: OVH networks, subnets and router interfaces written with count / for_each give
virtual networks, subnets and NAT gateway associations repeated once each, read with their
key."""

from __future__ import annotations

from counted_networks import COUNT, FOREACH, HEAD, ROUTER, block, once, run


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    return run(src, "aks")


def test_for_each_network_and_subnet() -> None:
    tf, _ = _run(FOREACH)
    sub = block(tf, "azurerm_subnet", "lans")
    once(sub, "for_each")
    once(block(tf, "azurerm_virtual_network", "lans"), "for_each")
    assert "virtual_network_name = azurerm_virtual_network.lans[each.key].name" in sub


def test_count_network_and_subnet() -> None:
    tf, _ = _run(COUNT)
    sub = block(tf, "azurerm_subnet", "lans")
    once(sub, "count")
    assert "azurerm_virtual_network.lans[count.index].name" in sub


def test_router_interface_for_each_is_one_association_per_key() -> None:
    tf, _ = _run(ROUTER)
    assoc = block(tf, "azurerm_subnet_nat_gateway_association", "lans")
    once(assoc, "for_each")
    assert "subnet_id      = azurerm_subnet.lans[each.key].id" in assoc
    assert "nat_gateway_id = azurerm_nat_gateway.r.id" in assoc


def test_a_single_subnet_of_a_repeated_network_names_its_key() -> None:
    tf, diags = _run(HEAD + '''
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
    assert 'azurerm_virtual_network.lans["app"].name' in block(tf, "azurerm_subnet", "app")
    first = block(tf, "azurerm_subnet", "first")
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
    tf, _ = _run(FOREACH + '''
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
    nic = block(tf, "azurerm_network_interface", "vm")
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
