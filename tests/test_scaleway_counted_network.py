"""Scaleway: OVH networks, subnets and router interfaces written with count / for_each give
VPCs, Private Networks and Gateway Networks repeated once each, read with their key."""

from __future__ import annotations

from counted_networks import COUNT, FOREACH, HEAD, ROUTER, block, once, run


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    return run(src, "scaleway")


def test_for_each_network_and_subnet() -> None:
    tf, _ = _run(FOREACH)
    vpc = block(tf, "scaleway_vpc", "lans")
    pn = block(tf, "scaleway_vpc_private_network", "lans")
    once(vpc, "for_each")
    once(pn, "for_each")
    assert "vpc_id   = scaleway_vpc.lans[each.key].id" in pn


def test_count_network_and_subnet() -> None:
    tf, _ = _run(COUNT)
    pn = block(tf, "scaleway_vpc_private_network", "lans")
    once(pn, "count")
    assert "scaleway_vpc.lans[count.index].id" in pn


def test_router_interface_for_each_is_one_gateway_network_per_key() -> None:
    tf, _ = _run(ROUTER)
    gn = block(tf, "scaleway_vpc_gateway_network", "lans")
    once(gn, "for_each")
    assert "scaleway_vpc_private_network.lans[each.key].id" in gn
    assert "gateway_id         = scaleway_vpc_public_gateway.r.id" in gn


def test_a_network_read_with_its_key_reads_that_private_network() -> None:
    tf, _ = _run(FOREACH + '''
output "one" {
  value = openstack_networking_network_v2.lans["app"].id
}
output "all" {
  value = { for k, v in openstack_networking_network_v2.lans : k => v.id }
}
''')
    assert 'value = scaleway_vpc_private_network.lans["app"].id' in tf
    # (a for over the networks: the Private Network of each VPC)
    assert "[for pn in scaleway_vpc_private_network.lans : pn.id if pn.vpc_id == v.id][0]" \
        in tf
    assert "scaleway_vpc_private_network.lans.id" not in tf


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
    assert 'scaleway_vpc.lans["app"].id' in block(tf, "scaleway_vpc_private_network", "app")
    first = block(tf, "scaleway_vpc_private_network", "first")
    assert "values(scaleway_vpc.lans)[0].id" in first
    assert any(c == "IT308" and "without an instance key" in m for c, m in diags)


def test_a_repeated_instance_attaches_its_own_private_network() -> None:
    tf, _ = _run(FOREACH + '''
resource "openstack_compute_instance_v2" "web" {
  for_each    = var.networks
  name        = "web-${each.key}"
  image_name  = "Ubuntu 22.04"
  flavor_name = "b2-7"
  network {
    uuid = openstack_networking_network_v2.lans[each.key].id
  }
}
''')
    assert "pn_id = scaleway_vpc_private_network.lans[each.key].id" in tf


def test_a_for_over_repeated_ovh_networks_reads_each_private_network() -> None:
    tf, _ = _run('''
resource "ovh_cloud_project_network_private" "n" {
  for_each     = toset(["a", "b"])
  service_name = "p"
  name         = "n-${each.key}"
  regions      = ["GRA9"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  for_each     = toset(["a", "b"])
  service_name = "p"
  network_id   = ovh_cloud_project_network_private.n[each.key].id
  region       = "GRA9"
  start        = "10.0.0.2"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
}
output "ids" {
  value = { for k, v in ovh_cloud_project_network_private.n : k => v.regions_openstack_ids["GRA9"] }
}
''')
    assert "[for pn in scaleway_vpc_private_network.s : pn.id if pn.vpc_id == v.id][0]" in tf
