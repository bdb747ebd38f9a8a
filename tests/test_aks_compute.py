"""AKS lowering of the compute family: managed disks from OVH volumes; the compute table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate

ROOT = Path(__file__).resolve().parent.parent


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "aks", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, f"{d.message} {d.hint}")
                                              for d in result.diagnostics]


def _volume(extra: str) -> str:
    return f'''
resource "ovh_cloud_project_volume" "data" {{
  service_name = "x"
  region_name  = "GRA11"
  name         = "data"
{extra}}}
'''


def test_compute_table_matches_its_schema() -> None:
    table = json.loads((ROOT / "targets/aks/compute.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "targets/schemas/aks_compute.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(table, schema)


def test_volume_becomes_a_managed_disk_of_the_mapped_type() -> None:
    out, diags = _run(_volume('  size = 50\n  type = "classic"\n'))
    m = re.search(r'^resource "azurerm_managed_disk" "data" \{\n(.*?)^\}', out, re.M | re.S)
    assert m, out
    assert re.search(r'storage_account_type\s+= "StandardSSD_LRS"', m.group(1))
    assert re.search(r"disk_size_gb\s+= 50", m.group(1))
    assert re.search(r'create_option\s+= "Empty"', m.group(1))
    assert any(c == "IT306" and "StandardSSD_LRS" in msg for c, msg in diags)


def test_volume_without_size_is_a_located_todo_and_luks_is_reported() -> None:
    out, diags = _run(_volume('  type = "high-speed-gen2-luks"\n'))
    assert re.search(rf"disk_size_gb\s+= var\.{asked_for(out, 'size in GB')}\n", out)
    assert any(c == "IT302" and "encryption" in msg for c, msg in diags)


def test_nfs_share_becomes_a_premium_filestorage_account_and_share() -> None:
    tf = '''
resource "ovh_cloud_project_file_storage_share" "data" {
  service_name = "x"
  region_name  = "GRA9"
  name         = "team-data"
  size         = 50
}
output "path" {
  value = ovh_cloud_project_file_storage_share.data.export_locations[0].path
}
'''
    out, diags = _run(tf)
    acc = re.search(r'^resource "azurerm_storage_account" "data_nfs" \{\n(.*?)^\}', out,
                    re.M | re.S)
    assert acc and 'account_kind             = "FileStorage"' in acc.group(1)
    assert "https_traffic_only_enabled = false" in acc.group(1)
    assert re.search(r"quota\s+= 100", out)  # Premium's minimum
    assert ".file.core.windows.net:/" in out.split('output "path"')[1]
    assert any(c == "IT301" and "100 GiB" in m for c, m in diags)


def test_instance_becomes_a_linux_vm_with_nic_public_ip_and_marketplace_image() -> None:
    tf = '''
resource "ovh_cloud_project_instance" "web" {
  service_name   = "x"
  region         = "GRA11"
  name           = "web"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Ubuntu 22.04"
  }
  network {
    public = true
  }
  ssh_key_create {
    name       = "k"
    public_key = "ssh-ed25519 AAAA test"
  }
}
'''
    out, diags = _run(tf)
    vm = re.search(r'^resource "azurerm_linux_virtual_machine" "web" \{\n(.*?)^\}', out,
                   re.M | re.S)
    assert vm, out
    assert 'public_key = "ssh-ed25519 AAAA test"' in vm.group(1)
    assert 'offer     = "0001-com-ubuntu-server-jammy"' in vm.group(1)
    assert "public_ip_address_id          = azurerm_public_ip.web_public.id" in out
    # only on the public network: a VNet of its own (aks/vm_ext_net), not a TODO subnet
    assert "subnet_id                     = azurerm_subnet.web_ext_net.id" in out
    assert any(c == "IT307" and "only on OVH's public network" in m for c, m in diags)


def test_openstack_group_and_rule_become_an_nsg_rule_associated_with_the_nic() -> None:
    tf = '''
resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}
resource "openstack_networking_secgroup_rule_v2" "http" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 80
  port_range_max    = 443
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_compute_instance_v2" "vm" {
  name            = "vm"
  flavor_name     = "b3-8"
  image_name      = "Debian 12"
  security_groups = [openstack_networking_secgroup_v2.web.name]
  region          = "GRA11"
}
'''
    out, _ = _run(tf)
    rule = re.search(r'^resource "azurerm_network_security_rule" "http" \{\n(.*?)^\}', out,
                     re.M | re.S)
    assert rule, out
    assert re.search(r'destination_port_range\s+= "80-443"', rule.group(1))
    assert re.search(r'protocol\s+= "Tcp"', rule.group(1))
    assert "network_security_group_id = azurerm_network_security_group.web.id" in out
