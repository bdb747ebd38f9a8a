"""Scaleway Instances: commercial type, marketplace image, public IP, keys, groups, the table."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate

ROOT = Path(__file__).resolve().parents[1]


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, d.message) for d in result.diagnostics]


def _block(text: str, kind: str, type_: str, name: str) -> str:
    m = re.search(rf'^{kind} "{type_}" "{name}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, f"no {type_}.{name} in:\n{text}"
    return m.group(1)


VM = '''
resource "ovh_cloud_project_instance" "vm" {
  service_name   = "x"
  region         = "GRA11"
  name           = "vm"
  billing_period = "monthly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Debian 12"
  }
  network {
    public = %s
  }
  ssh_key_create {
    name       = "k"
    public_key = "ssh-ed25519 AAAA k@example.org"
  }
}
output "ip" {
  value = ovh_cloud_project_instance.vm.addresses[0].ip
}
'''


def test_public_instance_gets_an_ip_an_image_lookup_and_a_project_key() -> None:
    out, diags = _run(VM % "true")
    vm = _block(out, "resource", "scaleway_instance_server", "vm")
    assert 'type  = "POP2-2C-8G"' in vm and 'zone  = "fr-par-1"' in vm
    assert "image = data.scaleway_marketplace_image.vm.id" in vm
    assert "ip_id = scaleway_instance_ip.vm_public.id" in vm
    image = " ".join(_block(out, "data", "scaleway_marketplace_image", "vm").split())
    assert 'label = "debian_bookworm"' in image
    # the root volume is Block Storage: the default (instance_local, an l_ssd snapshot)
    # variant is refused on it, and the variant is the server type's
    assert 'instance_type = "POP2-2C-8G" image_type = "instance_sbs"' in image
    assert 'public_key = "ssh-ed25519 AAAA k@example.org"' in _block(
        out, "resource", "scaleway_iam_ssh_key", "vm_ssh")
    assert "value = scaleway_instance_ip.vm_public.address" in out
    assert any(c == "IT302" and "billing_period" in m for c, m in diags)
    assert any(c == "IT301" and "every SSH key of the project" in m for c, m in diags)


def test_private_instance_has_no_ip_and_reads_its_private_address() -> None:
    out, _ = _run(VM % "false")
    assert "scaleway_instance_ip" not in out
    assert "value = scaleway_instance_server.vm.private_ips[0].address" in out


def test_gpu_flavor_boots_the_gpu_image() -> None:
    out, _ = _run((VM % "true").replace('"b3-8"', '"l4-90"').replace("Debian 12",
                                                                       "Ubuntu 24.04"))
    data = _block(out, "data", "scaleway_marketplace_image", "vm")
    assert "gpu_os" in data and "instance_type" in data
    assert re.search(r'type  = "L4-', _block(out, "resource", "scaleway_instance_server", "vm"))


def test_unknown_image_is_a_located_decision() -> None:
    out, diags = _run((VM % "true").replace("Debian 12", "Windows Server 2022"))
    asked_for(out, "Scaleway image label")
    assert any(c == "IT308" and "marketplace label" in m for c, m in diags)


def test_openstack_groups_inline_their_rules_and_deny_inbound() -> None:
    tf = '''
resource "openstack_networking_secgroup_v2" "g" {
  name                 = "g"
  delete_default_rules = true
}
resource "openstack_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "203.0.113.0/24"
  security_group_id = openstack_networking_secgroup_v2.g.id
}
resource "openstack_compute_instance_v2" "s" {
  name            = "s"
  flavor_name     = "b3-8"
  image_name      = "Ubuntu 22.04"
  region          = "GRA11"
  security_groups = [openstack_networking_secgroup_v2.g.name]
  network {
    name = "Ext-Net"
  }
}
'''
    out, _ = _run(tf)
    g = _block(out, "resource", "scaleway_instance_security_group", "g")
    assert 'inbound_default_policy  = "drop"' in g or 'inbound_default_policy = "drop"' in g
    assert 'outbound_default_policy = "drop"' in g and 'zone' in g
    assert re.search(r'inbound_rule \{\s+action\s+= "accept"\s+protocol = "TCP"\s+port\s+= 22',
                     g)
    assert "security_group_id = scaleway_instance_security_group.g.id" in _block(
        out, "resource", "scaleway_instance_server", "s")
    assert "openstack_networking_secgroup_rule_v2" not in out


def test_compute_table_matches_its_schema() -> None:
    doc = json.loads((ROOT / "targets/scaleway/compute.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "targets/schemas/scaleway_compute.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(doc, schema)
    bad = dict(doc, volumes=dict(doc["volumes"], default_iops=7000))
    try:
        jsonschema.validate(bad, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("the schema accepts an IOPS class Scaleway does not sell")


def test_public_ip_label_never_collides_with_a_floating_ip_of_the_same_name() -> None:
    tf = '''
resource "openstack_compute_instance_v2" "web" {
  name        = "web"
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
  network {
    name = "Ext-Net"
  }
}
resource "openstack_networking_floatingip_v2" "web" {
  pool = "Ext-Net"
}
'''
    out, _ = _run(tf)
    labels = re.findall(r'^resource "scaleway_instance_ip" "([^"]+)"', out, re.M)
    assert len(labels) == len(set(labels)) == 2, out


def test_a_label_not_seen_in_use_is_a_warning_to_check() -> None:
    _, diags = _run(VM % "true")  # Debian 12: debian_bookworm, by Scaleway's naming
    assert any(c == "IT308" and "debian_bookworm" in m and "not seen" in m for c, m in diags)
    _, diags = _run((VM % "true").replace("Debian 12", "Ubuntu 22.04"))
    assert any(c == "IT306" and "`ubuntu_jammy`" in m for c, m in diags)


def test_instance_shares_become_attached_file_storage() -> None:
    tf = '''
resource "ovh_cloud_storage_file_share" "data" {
  service_name = "x"
  region       = "GRA11"
  name         = "data"
  size         = 100
}
resource "ovh_cloud_instance" "vm" {
  service_name = "x"
  region       = "GRA11"
  name         = "vm"
  flavor_id    = "b3-8"
  image_id     = "Ubuntu 22.04"
  shares = [
    { id = ovh_cloud_storage_file_share.data.id, access_level = "ro" }
  ]
}
'''
    out, diags = _run(tf)
    vm = _block(out, "resource", "scaleway_instance_server", "vm")
    assert re.search(r"filesystems \{\s+filesystem_id = scaleway_file_filesystem\.data\.id", vm)
    assert any(c == "IT302" and "read-only" in m for c, m in diags)
    assert not any(c == "IT302" and "`shares`" in m for c, m in diags)
