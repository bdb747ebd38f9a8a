"""AKS networks: a virtual network per OVH network and region, azurerm_subnet per subnet, NAT
gateways with their public IP and associations, gateway interfaces, floating IPs, references."""

from __future__ import annotations

from iac_translate.compiler.api import translate

NET = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "app"
  vlan_id      = 12
  regions      = ["GRA11", "SBG5"]
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
resource "ovh_cloud_project_network_private_subnet_v2" "east" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["SBG5"]
  region       = "SBG5"
  name         = "east"
  cidr         = "10.9.0.0/24"
}
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "edge"
  model        = "m"
  region       = "GRA11"
  network_id   = tolist(ovh_cloud_project_network_private.net.regions_attributes[*].openstackid)[0]
  subnet_id    = ovh_cloud_project_network_private_subnet.front.id
}
output "east_net" {
  value = ovh_cloud_project_network_private.net.regions_openstack_ids["SBG5"]
}
output "cidr" {
  value = ovh_cloud_project_network_private_subnet_v2.back.cidr
}
output "egress" {
  value = ovh_cloud_project_gateway.gw.external_information[0].ips[0].ip
}
'''


def _run(files: dict[str, str]) -> tuple[str, list[str]]:
    r = translate(files, "aks")
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


def test_network_is_a_vnet_per_region_holding_its_subnets() -> None:
    out, diags = _run({"main.tf": NET})
    vnet = _block(out, 'resource "azurerm_virtual_network" "net"')
    assert 'location            = "francecentral"' in vnet
    # the smallest block holding the region's subnets (10.1/24 and 10.2/24)
    assert 'address_space       = ["10.0.0.0/14"]' in vnet
    assert "resource_group_name = azurerm_resource_group.main.name" in vnet
    east = _block(out, 'resource "azurerm_virtual_network" "net_germanywestcentral"')
    assert '"10.9.0.0/24"' in east and '"germanywestcentral"' in east
    sub = _block(out, 'resource "azurerm_subnet" "east"')
    assert "virtual_network_name = azurerm_virtual_network.net_germanywestcentral.name" in sub
    front = _block(out, 'resource "azurerm_subnet" "front"')
    assert 'address_prefixes     = ["10.1.0.0/24"]' in front
    assert "azurerm_virtual_network.net.name" in front
    assert any(d.startswith("IT302 `start`") and "DHCP" in d for d in diags)
    assert any(d.startswith("IT302 `vlan_id`") for d in diags)
    assert any(d.startswith("IT301 ovh_cloud_project_network_private.net spans 2") for d in diags)


def test_no_gateway_is_a_subnet_without_default_outbound_access() -> None:
    out, diags = _run({"main.tf": NET})
    assert "default_outbound_access_enabled = false" in _block(
        out, 'resource "azurerm_subnet" "back"')
    assert "default_outbound_access_enabled" not in _block(out, 'resource "azurerm_subnet" "front"')
    assert not any("enable_gateway_ip" in d or "no_gateway" in d for d in diags)


def test_references_read_the_region_vnet_the_prefix_and_the_public_ip() -> None:
    out, _ = _run({"main.tf": NET})
    assert "azurerm_virtual_network.net_germanywestcentral.id" in _block(out, 'output "east_net"')
    assert "azurerm_subnet.back.address_prefixes[0]" in _block(out, 'output "cidr"')
    assert "azurerm_public_ip.gw.ip_address" in _block(out, 'output "egress"')


def test_gateway_is_a_nat_gateway_with_a_standard_static_ip() -> None:
    out, diags = _run({"main.tf": NET})
    nat = _block(out, 'resource "azurerm_nat_gateway" "gw"')
    assert 'sku_name            = "Standard"' in nat and 'name                = "edge"' in nat
    pip = _block(out, 'resource "azurerm_public_ip" "gw"')
    assert 'allocation_method   = "Static"' in pip and 'sku                 = "Standard"' in pip
    a = _block(out, 'resource "azurerm_nat_gateway_public_ip_association" "gw"')
    assert "public_ip_address_id = azurerm_public_ip.gw.id" in a
    s = _block(out, 'resource "azurerm_subnet_nat_gateway_association" "gw"')
    assert "subnet_id      = azurerm_subnet.front.id" in s
    assert any(d.startswith("IT301 OVH gateway model `m`") for d in diags)


def test_subnet_with_a_gateway_and_no_nat_is_said() -> None:
    _, diags = _run({"main.tf": NET})
    # east names no gateway setting: Azure's default, nothing to say; front has a NAT gateway
    assert not any("has a default gateway" in d for d in diags)
    src = NET.replace("  cidr         = \"10.9.0.0/24\"\n",
                      "  cidr         = \"10.9.0.0/24\"\n  enable_gateway_ip = true\n")
    _, diags = _run({"main.tf": src})
    assert any(d.startswith("IT301 ovh_cloud_project_network_private_subnet_v2.east has a "
                            "default gateway") for d in diags)


def test_gateway_interface_associates_its_subnet() -> None:
    src = NET + '''
resource "ovh_cloud_project_gateway_interface" "back" {
  service_name = "x"
  region       = "GRA11"
  id           = ovh_cloud_project_gateway.gw.id
  subnet_id    = ovh_cloud_project_network_private_subnet_v2.back.id
}
'''
    out, _ = _run({"main.tf": src})
    s = _block(out, 'resource "azurerm_subnet_nat_gateway_association" "back"')
    assert "subnet_id      = azurerm_subnet.back.id" in s
    assert "nat_gateway_id = azurerm_nat_gateway.gw.id" in s


def test_floating_ip_is_a_public_ip() -> None:
    src = '''
resource "openstack_networking_floatingip_v2" "fip" {
  pool   = "Ext-Net"
  region = "GRA11"
}
'''
    out, diags = _run({"main.tf": src})
    pip = _block(out, 'resource "azurerm_public_ip" "fip"')
    assert '"Static"' in pip and '"Standard"' in pip and '"francecentral"' in pip
    assert any(d.startswith("IT301 openstack_networking_floatingip_v2.fip becomes an Azure "
                            "public IP") for d in diags)


def test_host_routes_become_a_route_table_on_the_subnet() -> None:
    src = NET.replace('  cidr         = "10.9.0.0/24"\n', '''  cidr         = "10.9.0.0/24"
  host_route {
    destination = "10.60.0.0/16"
    nexthop     = "10.9.0.254"
  }
''')
    out, diags = _run({"main.tf": src})
    t = _block(out, 'resource "azurerm_route_table" "east"')
    flat = " ".join(t.split())
    assert 'address_prefix = "10.60.0.0/16"' in flat
    assert 'next_hop_type = "VirtualAppliance"' in flat
    assert 'next_hop_in_ip_address = "10.9.0.254"' in flat
    assert '"germanywestcentral"' in t  # the subnet's region, not the group's
    a = _block(out, 'resource "azurerm_subnet_route_table_association" "east"')
    assert "subnet_id      = azurerm_subnet.east.id" in a
    assert any(d.startswith("IT301 the host routes of") for d in diags)
    assert not any(d.startswith("IT302 `host_route`") for d in diags)


def test_subnet_dns_servers_are_the_vnet_s_when_they_agree() -> None:
    dns = '  dns_nameservers = ["1.1.1.1"]\n'
    agree = NET.replace('  enable_gateway_ip = false\n', '  enable_gateway_ip = false\n' + dns)
    out, diags = _run({"main.tf": agree})
    assert 'dns_servers         = ["1.1.1.1"]' in _block(
        out, 'resource "azurerm_virtual_network" "net"')
    assert "dns_servers" not in _block(
        out, 'resource "azurerm_virtual_network" "net_germanywestcentral"')
    assert any(d.startswith("IT301 the DNS servers of ovh_cloud_project_network_private_"
                            "subnet_v2.back become") for d in diags)
    differ = agree.replace('  no_gateway   = false\n', '  no_gateway   = false\n'
                           '  dns_nameservers = ["8.8.8.8"]\n')
    out, diags = _run({"main.tf": differ})
    assert "dns_servers" not in _block(out, 'resource "azurerm_virtual_network" "net"')
    assert sum(d.startswith("IT302 `dns_nameservers`") for d in diags) == 2
