"""Scaleway networks: a VPC per OVH network, a Private Network per subnet, Public Gateways with
their IP and Gateway Networks, gateway interfaces, floating IPs, and what references become."""

from __future__ import annotations

from iac_translate.compiler.api import translate

NET = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "app"
  vlan_id      = 12
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "front" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.1.0.0/24"
  start        = "10.1.0.10"
  end          = "10.1.0.200"
  no_gateway   = false
}
resource "ovh_cloud_project_network_private_subnet_v2" "back" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  name         = "back"
  cidr         = "10.2.0.0/24"
  enable_gateway_ip = false
}
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "edge"
  model        = "m"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.net.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.front.id
}
output "net" {
  value = ovh_cloud_project_network_private.net.id
}
output "cidr" {
  value = ovh_cloud_project_network_private_subnet_v2.back.cidr
}
output "egress" {
  value = ovh_cloud_project_gateway.gw.external_information[0].ips[0].ip
}
'''


def _run(files: dict[str, str]) -> tuple[str, list[str]]:
    r = translate(files, "scaleway")
    assert not r.has_errors, r.diagnostics
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, head: str) -> str:
    start = text.index(head)
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise AssertionError(head)


def test_network_is_a_vpc_and_subnets_private_networks() -> None:
    out, diags = _run({"main.tf": NET})
    vpc = _block(out, 'resource "scaleway_vpc" "net"')
    assert 'name   = "app"' in vpc and 'region = "fr-par"' in vpc
    front = _block(out, 'resource "scaleway_vpc_private_network" "front"')
    assert "vpc_id = scaleway_vpc.net.id" in front and 'subnet = "10.1.0.0/24"' in front
    back = _block(out, 'resource "scaleway_vpc_private_network" "back"')
    assert "vpc_id = scaleway_vpc.net.id" in back and 'name   = "back"' in back
    # the DHCP range and the VLAN are lost, said at their argument
    assert any(d.startswith("IT302 `start`") and "IPAM" in d for d in diags)
    assert any(d.startswith("IT302 `vlan_id`") for d in diags)
    # no gateway (enable_gateway_ip = false) is exact; front's gateway is the Public Gateway's
    assert not any("enable_gateway_ip" in d or "no_gateway" in d for d in diags)
    assert not any("has a default gateway on OVH" in d for d in diags)


def test_references_read_the_private_network() -> None:
    out, _ = _run({"main.tf": NET})
    # the network's id is what clusters and databases attach to: its first subnet's network
    assert _block(out, 'output "net"').count("scaleway_vpc_private_network.back.id") == 1
    assert "scaleway_vpc_private_network.back.ipv4_subnet[0].subnet" in _block(
        out, 'output "cidr"')
    assert "scaleway_vpc_public_gateway_ip.gw.address" in _block(out, 'output "egress"')


def test_gateway_is_a_public_gateway_with_nat_to_its_subnet() -> None:
    out, diags = _run({"main.tf": NET})
    gw = _block(out, 'resource "scaleway_vpc_public_gateway" "gw"')
    assert 'type  = "VPC-GW-M"' in gw and "ip_id = scaleway_vpc_public_gateway_ip.gw.id" in gw
    assert 'resource "scaleway_vpc_public_gateway_ip" "gw"' in out
    gn = _block(out, 'resource "scaleway_vpc_gateway_network" "gw"')
    assert "private_network_id = scaleway_vpc_private_network.front.id" in gn
    assert "enable_masquerade  = true" in gn and "push_default_route = true" in gn
    assert any(d.startswith("IT301 OVH gateway model `m`") for d in diags)


def test_unattached_subnet_with_a_gateway_is_said() -> None:
    src = NET.replace('  subnet_id    = ovh_cloud_project_network_private_subnet.front.id\n',
                      '  subnet_id    = ovh_cloud_project_network_private_subnet_v2.back.id\n')
    _, diags = _run({"main.tf": src})
    assert any(d.startswith("IT301 ovh_cloud_project_network_private_subnet.front has a "
                            "default gateway") for d in diags)


def test_gateway_interface_and_handed_subnet() -> None:
    src = NET + '''
resource "ovh_cloud_project_gateway_interface" "back" {
  service_name = "x"
  region       = "GRA11"
  id           = ovh_cloud_project_gateway.gw.id
  subnet_id    = ovh_cloud_project_network_private_subnet_v2.back.id
}
'''
    out, _ = _run({"main.tf": src})
    gn = _block(out, 'resource "scaleway_vpc_gateway_network" "back"')
    assert "gateway_id         = scaleway_vpc_public_gateway.gw.id" in gn
    assert "private_network_id = scaleway_vpc_private_network.back.id" in gn
    handed = '''
variable "subnet_id" {
  type = string
}
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "edge"
  model        = "s"
  region       = "GRA11"
  network_id   = "n"
  subnet_id    = var.subnet_id
}
'''
    out, diags = _run({"main.tf": handed})
    assert "private_network_id = var.subnet_id" in out
    assert any(d.startswith("IT301 the subnet of ovh_cloud_project_gateway.gw is not "
                            "declared") for d in diags)


def test_network_without_subnet_gets_its_private_network() -> None:
    src = ('resource "ovh_cloud_project_network_private" "solo" {\n  service_name = "x"\n'
           '  name = "solo"\n  regions = ["WAW1", "GRA11"]\n}\n'
           'output "id" {\n  value = ovh_cloud_project_network_private.solo.id\n}\n')
    out, diags = _run({"main.tf": src})
    pn = _block(out, 'resource "scaleway_vpc_private_network" "solo"')
    assert "vpc_id = scaleway_vpc.solo.id" in pn and "ipv4_subnet" not in pn
    assert "scaleway_vpc_private_network.solo.id" in _block(out, 'output "id"')
    assert any(d.startswith("IT301") and "spans 2 Scaleway regions" in d for d in diags)
    assert 'name   = "solo"' in pn
    # two OVH regions that map to the same Scaleway region are one VPC: nothing to say
    _, diags = _run({"main.tf": src.replace('"WAW1", "GRA11"', '"GRA9", "GRA11"')})
    assert not any("spans" in d for d in diags)


def test_floating_ip_is_an_instance_ip() -> None:
    src = ('resource "ovh_cloud_floating_ip" "ip" {\n  service_name = "x"\n'
           '  region = "GRA11"\n}\n')
    out, diags = _run({"main.tf": src})
    assert 'resource "scaleway_instance_ip" "ip"' in out
    assert any(d.startswith("IT301") and "flexible IP" in d for d in diags)


def test_openstack_router_gets_its_subnets_from_interfaces() -> None:
    src = '''
provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = "GRA11"
}
resource "openstack_networking_network_v2" "n" {
  name = "n"
}
resource "openstack_networking_subnet_v2" "s" {
  network_id = openstack_networking_network_v2.n.id
  cidr       = "10.0.0.0/24"
}
resource "openstack_networking_router_v2" "r" {
  name = "r"
}
resource "openstack_networking_router_interface_v2" "ri" {
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.s.id
}
'''
    out, diags = _run({"main.tf": src})
    gn = _block(out, 'resource "scaleway_vpc_gateway_network" "ri"')
    assert "gateway_id         = scaleway_vpc_public_gateway.r.id" in gn
    assert "private_network_id = scaleway_vpc_private_network.s.id" in gn
    assert not any("names no subnet" in d for d in diags)
    # the root's region is the one its openstack provider names
    assert 'region     = "fr-par"' in _block(out, 'provider "scaleway"')


def test_failover_ip_is_reported_whole() -> None:
    src = ('resource "ovh_cloud_project_failover_ip_attach" "f" {\n  service_name = "x"\n'
           '  ip = "192.0.2.1"\n  routed_to = "server"\n}\n')
    r = translate({"main.tf": src}, "scaleway")
    codes = [d.code for d in r.diagnostics if "failover" in d.message or "`ip`" in d.message]
    assert codes == ["IT305"]


def test_a_network_in_two_scaleway_regions_is_a_vpc_in_each() -> None:
    src = ('''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "n"
  regions      = ["GRA11", "WAW1"]
}
''' + "".join(f'''
resource "ovh_cloud_project_network_private_subnet" "{r.lower()}" {{
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "{r}"
  network      = "10.{i}.0.0/24"
  start        = "10.{i}.0.2"
  end          = "10.{i}.0.200"
}}
''' for i, r in enumerate(("GRA11", "WAW1"))))
    out, diags = _run({"main.tf": src})
    assert 'region = "pl-waw"' in _block(out, 'resource "scaleway_vpc" "n_pl_waw"')
    assert "vpc_id = scaleway_vpc.n_pl_waw.id" in _block(
        out, 'resource "scaleway_vpc_private_network" "waw1"')
    assert "vpc_id = scaleway_vpc.n.id" in _block(
        out, 'resource "scaleway_vpc_private_network" "gra11"')
    assert any(d.startswith("IT301") and "one is made in each (fr-par, pl-waw)" in d
               for d in diags)
    # the network's id in a region: that region's subnet's Private Network
    src += ('output "waw" {\n  value = ovh_cloud_project_network_private.n'
            '.regions_openstack_ids["WAW1"]\n}\n')
    out, _ = _run({"main.tf": src})
    assert "scaleway_vpc_private_network.waw1.id" in _block(out, 'output "waw"')
