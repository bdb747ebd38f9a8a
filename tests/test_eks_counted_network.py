"""EKS: counted/for_each networks, subnets and routers keep the instance key in companions."""

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
_FOREACH = _HEAD + '''
resource "openstack_networking_network_v2" "lans" {
  for_each = var.networks
  name     = "lan-${each.key}"
}
resource "openstack_networking_subnet_v2" "lans" {
  for_each   = var.networks
  name       = "lan-${each.key}"
  network_id = openstack_networking_network_v2.lans[each.key].id
  cidr       = each.value
}
'''
_ROUTER = '''
resource "openstack_networking_router_v2" "r" {
  name = "r"
}
resource "openstack_networking_router_interface_v2" "lans" {
  %s
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.lans[%s].id
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


def _run(src: str) -> Result:
    return translate({"main.tf": src}, "eks")


def _block(text: str, type_: str, label: str) -> str:
    m = re.search(rf'^resource "{type_}" "{label}" {{\n(.*?)^}}', text, re.S | re.M)
    assert m is not None, f"{type_}.{label} not written"
    return m.group(1)


def _codes(r: Result) -> list[str]:
    return [d.code for d in r.diagnostics if d.severity.name == "ERROR"]


def test_for_each_public_associations_read_their_vpc_table() -> None:
    r = _run(_FOREACH)
    text = r.files["main.tf"]
    for z in ("a", "b"):
        assoc = _block(text, "aws_route_table_association", f"lans_public_{z}")
        assert "route_table_id = aws_route_table.lans_public[each.key].id" in assoc
    assert "IT381" not in _codes(r)


def test_count_public_associations_read_their_vpc_table() -> None:
    r = _run(_COUNT)
    assoc = _block(r.files["main.tf"], "aws_route_table_association", "lans_public_a")
    assert "route_table_id = aws_route_table.lans_public[count.index].id" in assoc
    assert "IT381" not in _codes(r)


def test_router_on_a_vpc_per_interface_makes_a_nat_gateway_per_vpc() -> None:
    r = _run(_FOREACH + _ROUTER % ("for_each  = var.networks", "each.key"))
    text = r.files["main.tf"]
    nat = _block(text, "aws_nat_gateway", "r")
    assert "for_each          = var.networks" in nat
    assert "vpc_id            = aws_subnet.lans_a[each.key].vpc_id" in nat
    assert "[aws_eip.r[each.key].id]" in nat
    assert "for_each = var.networks" in _block(text, "aws_eip", "r")
    route = _block(text, "aws_route", "lans")
    assert "nat_gateway_id         = aws_nat_gateway.r[each.key].id" in route
    assert "route_table_id         = aws_route_table.lans[each.key].id" in route
    assert _codes(r) == []


def test_router_on_one_instance_reads_that_instance() -> None:
    r = _run(_FOREACH + _ROUTER % ("", '"app"'))
    text = r.files["main.tf"]
    assert 'vpc_id            = aws_subnet.lans_a["app"].vpc_id' in _block(
        text, "aws_nat_gateway", "r")
    assert 'route_table_id         = aws_route_table.lans["app"].id' in _block(
        text, "aws_route", "lans")
    assert _codes(r) == []


def test_router_over_subnets_of_one_vpc_is_one_nat_gateway() -> None:
    src = _HEAD + '''
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "lans" {
  for_each   = var.networks
  name       = "lan-${each.key}"
  network_id = openstack_networking_network_v2.net.id
  cidr       = each.value
}
''' + _ROUTER % ("for_each  = var.networks", "each.key")
    r = _run(src)
    nat = _block(r.files["main.tf"], "aws_nat_gateway", "r")
    assert "for_each" not in nat
    assert "vpc_id            = aws_vpc.net.id" in nat
    assert "nat_gateway_id         = aws_nat_gateway.r.id" in _block(
        r.files["main.tf"], "aws_route", "lans")
    assert _codes(r) == []


def test_router_no_key_can_line_up_is_an_error_not_invalid_output() -> None:
    src = _COUNT + _ROUTER % ("count     = 2", "count.index") + '''
resource "openstack_networking_router_interface_v2" "extra" {
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.lans[1].id
}
'''
    r = _run(src)
    text = r.files["main.tf"]
    assert 'resource "aws_nat_gateway"' not in text
    assert 'resource "aws_route" "lans"' not in text
    assert _codes(r) == ["IT338"] * 3
