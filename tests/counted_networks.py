"""Inputs and readers shared by the counted-network tests of every target."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

HEAD = '''
provider "openstack" {
  region = "GRA9"
}
variable "networks" {
  type    = map(object({ cidr = string }))
  default = { app = { cidr = "10.30.0.0/24" } }
}
'''
FOREACH = HEAD + '''
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
COUNT = HEAD + '''
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
ROUTER = FOREACH + '''
resource "openstack_networking_router_v2" "r" {
  name = "r"
}
resource "openstack_networking_router_interface_v2" "lans" {
  for_each  = var.networks
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.lans[each.key].id
}
'''


def run(src: str, target: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, target)
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def block(tf: str, type_: str, label: str) -> str:
    m = re.search(rf'^resource "{type_}" "{label}" \{{\n(.*?)^\}}', tf, re.S | re.M)
    assert m is not None, f"no {type_}.{label} in\n{tf}"
    return m.group(1)


def once(body: str, arg: str) -> None:
    assert len(re.findall(rf"^\s*{arg}\s*=", body, re.M)) == 1, body
