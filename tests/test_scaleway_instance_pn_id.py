"""Scaleway: an instance attached to an OpenStack network by name gets its Private Network's
id (pn_id), not the VPC's name."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
provider "openstack" {
  region = "GRA9"
}
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  name       = "sub"
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.0.0.0/24"
}
resource "openstack_compute_instance_v2" "web" {
  name        = "web"
  image_name  = "Ubuntu 22.04"
  flavor_name = "b2-7"
  network {
    name = openstack_networking_network_v2.net.%s
  }
}
'''


def _tf(attr: str) -> str:
    return translate({"main.tf": _SRC % attr}, "scaleway").files["main.tf"]


def test_network_name_attaches_the_private_network_id() -> None:
    tf = _tf("name")
    assert "pn_id = scaleway_vpc_private_network.sub.id" in tf
    assert "scaleway_vpc.net.name" not in tf


def test_network_id_is_unchanged() -> None:
    assert "pn_id = scaleway_vpc_private_network.sub.id" in _tf("id")
