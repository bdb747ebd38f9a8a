"""The network family read once: networks, subnets, gateways, attachments, IPs, load balancers."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from typing import Any

import pytest
from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import fields
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes import network as NW
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "region" {
  default = "SBG5"
}
variable "cidr" {
  type = string
}
locals {
  net_cidr = "10.9.0.0/24"
}
resource "ovh_cloud_project_network_private" "net" {
  name    = "backend"
  vlan_id = 42
  regions = ["GRA11", var.region]
}
resource "ovh_cloud_project_network_private" "computed" {
  name    = "c"
  regions = var.regions
}
resource "ovh_cloud_project_network_private_subnet" "v1" {
  network_id = ovh_cloud_project_network_private.net.id
  region     = "GRA11"
  network    = "192.168.0.0/24"
  start      = "192.168.0.100"
  end        = "192.168.0.200"
  dhcp       = false
  no_gateway = true
}
resource "ovh_cloud_project_network_private_subnet_v2" "v2" {
  network_id        = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
  region            = var.region
  name              = "v2"
  cidr              = local.net_cidr
  enable_gateway_ip = false
  dns_nameservers   = ["1.1.1.1"]
  allocation_pools {
    start = "10.9.0.10"
    end   = "10.9.0.20"
  }
  host_route {
    destination = "10.60.0.0/16"
    nexthop     = "10.9.0.254"
  }
}
resource "ovh_cloud_network_private_vrack_subnet" "vr" {
  network_id   = "x"
  region       = "GRA11"
  name         = "vr"
  cidr         = var.cidr
  dhcp_enabled = true
}
resource "ovh_cloud_project_region_network" "rn" {
  name        = "rn"
  region_name = "GRA11"
  subnet = {
    cidr        = "10.3.0.0/24"
    enable_dhcp = true
  }
}
resource "ovh_cloud_project_gateway" "gw" {
  name       = "edge"
  model      = "m"
  region     = "GRA11"
  network_id = ovh_cloud_project_network_private.net.id
  subnet_id  = ovh_cloud_project_network_private_subnet.v1.id
}
resource "ovh_cloud_gateway" "g2" {
  name       = "g2"
  region     = "GRA11"
  subnet_ids = var.subnets
}
resource "ovh_cloud_project_gateway_interface" "i" {
  region    = "GRA11"
  id        = ovh_cloud_project_gateway.gw.id
  subnet_id = ovh_cloud_project_network_private_subnet_v2.v2.id
}
resource "ovh_cloud_floating_ip" "ip" {
  region      = "GRA11"
  description = "public"
}
resource "ovh_cloud_project_loadbalancer" "lb" {
  region_name = "GRA11"
  name        = "web"
  flavor_id = [for f in data.ovh_cloud_project_loadbalancer_flavors.f.flavors :
  f.id if f.name == "medium"][0]
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.net.id
        subnet_id = ovh_cloud_project_network_private_subnet.v1.id
      }
      floating_ip_create = {}
    }
  }
  listeners = [{
    port     = 443
    protocol = "tcp"
    pool = {
      algorithm = "roundRobin"
      protocol  = "tcp"
      members = [{ address = "10.0.0.1", protocol_port = 8443, weight = 1 }]
      health_monitor = {
        monitor_type = "http"
        delay        = 5
        http_configuration = { url_path = "/healthz" }
      }
    }
  }]
}
resource "ovh_cloud_project_loadbalancer" "lbc" {
  region_name = var.region
  flavor_id   = var.flavor
  network     = {}
  listeners   = var.listeners
}
resource "openstack_networking_subnet_v2" "os" {
  network_id  = "n"
  cidr        = "10.4.0.0/24"
  enable_dhcp = false
  allocation_pool {
    start = "10.4.0.5"
    end   = "10.4.0.9"
  }
}
resource "openstack_networking_router_interface_v2" "ri" {
  router_id = "r"
  subnet_id = openstack_networking_subnet_v2.os.id
}
'''


@pytest.fixture(scope="module")
def model() -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    ctx = Ctx(source_model({"main.tf": SRC}, sink), load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {n.name: n for n in ctx.nodes.values()}


def test_network_regions_literal_and_through_a_variable(model: Any) -> None:
    ctx, n = model
    spec = NW.read_network(ctx, n["net"])
    assert spec.name.text == "backend" and spec.vlan_id.text == "42"
    assert [loc.geo.metro for loc in spec.locations if loc.geo] == ["GRA", "SBG"]
    assert spec.regions_source is None and spec.inline_subnet is None


def test_network_computed_regions_keep_the_expression(model: Any) -> None:
    ctx, n = model
    spec = NW.read_network(ctx, n["computed"])
    assert spec.locations == () and to_hcl(spec.regions_source) == "var.regions"


def test_subnet_v1(model: Any) -> None:
    ctx, n = model
    s = NW.read_subnet(ctx, n["v1"])
    assert s.network_cidr == ipaddress.ip_network("192.168.0.0/24")
    assert s.dhcp is False and s.gateway is False
    assert [(r.start.text, r.end.text) for r in s.dhcp_ranges] == [("192.168.0.100",
                                                                   "192.168.0.200")]
    assert to_hcl(s.network) == "ovh_cloud_project_network_private.net.id"


def test_subnet_v2_through_local_and_variable_default(model: Any) -> None:
    ctx, n = model
    s = NW.read_subnet(ctx, n["v2"])
    assert s.cidr.text == "10.9.0.0/24" and to_hcl(s.cidr.source) == "local.net_cidr"
    assert s.location.geo is not None and s.location.geo.metro == "SBG"
    assert s.gateway is False and s.dhcp is None
    assert [(r.start.text, r.end.text) for r in s.dhcp_ranges] == [("10.9.0.10", "10.9.0.20")]
    assert [(r.destination.text, r.nexthop.text) for r in s.routes] == [("10.60.0.0/16",
                                                                        "10.9.0.254")]
    assert to_hcl(s.dns_servers) == '["1.1.1.1"]'


def test_subnet_computed_cidr(model: Any) -> None:
    ctx, n = model
    s = NW.read_subnet(ctx, n["vr"])
    assert not s.cidr.known and s.network_cidr is None and s.dhcp is True


def test_region_network_inline_subnet(model: Any) -> None:
    ctx, n = model
    spec = NW.read_network(ctx, n["rn"])
    assert spec.inline_subnet is not None and spec.inline_subnet.cidr.text == "10.3.0.0/24"
    assert spec.locations[0].text == "GRA11" and spec.inline_subnet.dhcp is True


def test_openstack_subnet_spelling(model: Any) -> None:
    ctx, n = model
    s = NW.read_subnet(ctx, n["os"])
    assert s.dhcp is False and [r.start.text for r in s.dhcp_ranges] == ["10.4.0.5"]


def test_gateway_size_and_subnets(model: Any) -> None:
    ctx, n = model
    g = NW.read_gateway(ctx, n["gw"])
    assert g.size is NW.GatewaySize.MEDIUM and len(g.subnets) == 1
    g2 = NW.read_gateway(ctx, n["g2"])
    assert g2.size is None and g2.subnets == () and to_hcl(g2.subnets_source) == "var.subnets"


def test_attachments(model: Any) -> None:
    ctx, n = model
    i = NW.read_attachment(ctx, n["i"])
    assert ctx.resolve(i.gateway, "") is n["gw"] and ctx.resolve(i.subnet, "") is n["v2"]
    ri = NW.read_attachment(ctx, n["ri"])
    assert _text(ri.gateway) == '"r"' and ctx.resolve(ri.subnet, "") is n["os"]


def _text(e: Any) -> str:
    return to_hcl(e)


def test_floating_ip(model: Any) -> None:
    ctx, n = model
    ip = NW.read_floating_ip(ctx, n["ip"])
    assert ip.description.text == "public" and not ip.failover and ip.location.text == "GRA11"


def test_loadbalancer_literal(model: Any) -> None:
    ctx, n = model
    lb = LB.read_loadbalancer(ctx, n["lb"])
    assert lb.size == "medium" and lb.new_floating_ip and lb.floating_ip is None
    assert ctx.resolve(lb.subnet, "") is n["v1"]
    (lst,) = lb.listeners
    assert (lst.port.text, lst.protocol.text) == ("443", "tcp")
    assert lst.pool is not None and lst.pool.members[0].port.text == "8443"
    assert lst.pool.health is not None and lst.pool.health.path.text == "/healthz"


def test_loadbalancer_computed(model: Any) -> None:
    ctx, n = model
    lb = LB.read_loadbalancer(ctx, n["lbc"])
    assert lb.size is None and lb.listeners == () and to_hcl(lb.listeners_source) == \
        "var.listeners"
    assert lb.location.geo is not None and lb.location.geo.metro == "SBG"


def test_covering_block() -> None:
    nets = [ipaddress.IPv4Network("10.1.0.0/24"), ipaddress.IPv4Network("10.1.3.0/24")]
    assert NW.covering(nets) == ipaddress.IPv4Network("10.1.0.0/22")
    assert NW.covering([]) is None


# -- every argument of every OVH type of the family has a neutral home or a reason -----------
_FAMILY = ("ovh_cloud_project_network_private", "ovh_cloud_network_private_vrack",
           "ovh_cloud_project_region_network", "ovh_cloud_project_network_private_subnet",
           "ovh_cloud_project_network_private_subnet_v2",
           "ovh_cloud_network_private_vrack_subnet", "ovh_cloud_project_gateway",
           "ovh_cloud_gateway", "ovh_cloud_project_gateway_interface",
           "ovh_cloud_project_loadbalancer", "ovh_cloud_floating_ip",
           "ovh_cloud_project_failover_ip_attach")
_OPENSTACK = ("openstack_networking_network_v2", "openstack_networking_subnet_v2",
              "openstack_networking_router_v2", "openstack_networking_router_interface_v2",
              "openstack_networking_floatingip_v2")


def _leaves(schema: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for name in schema.get("args", {}):
        yield prefix + name
    for name, block in schema.get("blocks", {}).items():
        if block.get("args") or block.get("blocks"):
            yield from _leaves(block, f"{prefix}{name}.")
        else:
            yield prefix + name


def _fields(mode: str = "managed") -> dict[str, dict[str, dict[str, str]]]:
    return fields.section("data_sources" if mode == "data" else "resources", "network")


def uncovered(table: dict[str, dict[str, str]], schema: dict[str, Any]) -> list[str]:
    def covered(path: str) -> bool:
        parts = path.split(".")
        return any(".".join(parts[:i]) in table for i in range(1, len(parts) + 1))
    return [p for p in _leaves(schema) if not covered(p)]


@pytest.mark.parametrize("type_", _FAMILY)
def test_fields_cover_every_schema_argument(type_: str) -> None:
    schema = ovh_types.type_schema(type_, "managed")
    assert schema is not None
    assert uncovered(_fields()[type_], schema) == []


def test_fields_cover_the_network_data_source() -> None:
    """The one data source of the family read as a concept (others are lookups)."""
    schema = ovh_types.type_schema("ovh_cloud_project_network_private", "data")
    assert schema is not None
    assert uncovered(_fields("data")["ovh_cloud_project_network_private"], schema) == []


def test_fields_entries_are_well_formed() -> None:
    for type_, table in _fields().items():
        assert type_ in _FAMILY + _OPENSTACK
        for path, entry in table.items():
            assert set(entry) in ({"to"}, {"ovh_only"}), (type_, path)
            assert next(iter(entry.values())).strip(), (type_, path)



def test_coverage_check_fails_on_a_missing_argument() -> None:
    schema = ovh_types.type_schema("ovh_cloud_project_network_private_subnet_v2", "managed")
    assert schema is not None
    table = dict(_fields()["ovh_cloud_project_network_private_subnet_v2"])
    del table["gateway_ip"]
    del table["host_route"]
    del table["host_route.nexthop"]
    assert uncovered(table, schema) == ["gateway_ip", "host_route.nexthop"]
