"""The instances and volumes steps every cloud takes alike (targets/tfbase/compute_family.py)
on scaleway, aks and eks: the size TODO, the zone of an attached volume, the boot disks, the
OVH-only arguments, the SSH key, each with the cloud's attribute and words."""

from __future__ import annotations

import pytest
from asked_for import asked_for
from iac_translate.compiler.api import translate
from iac_translate.targets.aks import vm as AKS
from iac_translate.targets.eks import placement as EKS
from iac_translate.targets.scaleway import compute as SCW

SERVER = '''
resource "openstack_compute_instance_v2" "s" {
  count       = 2
  name        = "s"
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
  region      = "GRA11"
  network {
    name = "Ext-Net"
  }
  block_device {
    uuid             = "img"
    source_type      = "image"
    destination_type = "local"
    boot_index       = 0
  }
}
resource "openstack_blockstorage_volume_v3" "d" {
  name   = "d"
%s  region = "GRA11"
}
resource "openstack_compute_volume_attach_v2" "a" {
  instance_id = openstack_compute_instance_v2.s[0].id
  volume_id   = openstack_blockstorage_volume_v3.d.id
}
'''
# the volume's size attribute; the attached volume's zone (None: the cloud's VM has none;
# scaleway: the server's zone as a value, since the server lists the volume's id)
CLOUDS = {"scaleway": ("size_in_gb", '"fr-par-1"'),
          "aks": ("disk_size_gb", None),
          "eks": ("size", "aws_instance.s[0].availability_zone")}


def _run(target: str, src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, target)
    return "\n".join(r.files.values()), [(d.code, d.message) for d in r.diagnostics]


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_a_volume_without_size_is_a_todo_naming_the_attribute(target: str) -> None:
    attr, _ = CLOUDS[target]
    out, diags = _run(target, SERVER % "")
    assert ("IT308", f"openstack_blockstorage_volume_v3.d sets no size; choose {attr}") in diags
    asked_for(out, "size in GB")
    out, diags = _run(target, SERVER % "  size   = 20\n")
    assert not [m for _, m in diags if "sets no size" in m]


@pytest.mark.parametrize("target", ["scaleway", "eks"])
def test_an_attached_volume_sits_in_the_first_servers_zone(target: str) -> None:
    _, zone = CLOUDS[target]
    out, _ = _run(target, SERVER % "  size   = 20\n")
    assert f"= {zone}\n" in out


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_a_block_device_is_not_the_clouds_disk(target: str) -> None:
    _, diags = _run(target, SERVER % "  size   = 20\n")
    said = [m for c, m in diags if c == "IT302" and "a block_device of" in m]
    assert len(said) == 1
    assert said[0].startswith("a block_device of openstack_compute_instance_v2.s is not "
                              "translated: ")


@pytest.mark.parametrize("target", CLOUDS)
def test_monthly_billing_is_dropped_with_the_clouds_reason(target: str) -> None:
    src = ('resource "ovh_cloud_project_instance" "i" {\n  service_name = "x"\n'
           '  region = "GRA11"\n  billing_period = "monthly"\n  name = "i"\n'
           '  flavor {\n    flavor_id = "b3-8"\n  }\n'
           '  boot_from {\n    image_id = "img"\n  }\n}\n')
    why = {"scaleway": SCW.table()["not_translated"]["instance"]["billing"],
           "aks": AKS._WHY["billing"],
           "eks": EKS.platform()["not_translated"]["instance"]["billing"]}[target]
    _, diags = _run(target, src)
    assert [m for _, m in diags if "billing_period" in m and why in m]


@pytest.mark.parametrize("target", CLOUDS)
def test_an_ssh_key_without_public_key_is_a_todo(target: str) -> None:
    # (the name kept: every cloud now generates the pair OpenStack would, a tls_private_key
    # with IT301: aks/vm, tfbase/generated_key for the others)
    src = ('resource "openstack_compute_keypair_v2" "k" {\n  name = "k"\n}\n'
           'output "pem" {\n  value     = openstack_compute_keypair_v2.k.private_key\n'
           '  sensitive = true\n}\n')
    out, diags = _run(target, src)
    assert "= tls_private_key.k.public_key_openssh" in out
    assert 'resource "tls_private_key" "k"' in out and 'source = "hashicorp/tls"' in out
    assert "value     = tls_private_key.k.private_key_openssh" in out
    assert "TODO(IT308): public key" not in out
    assert [c for c, m in diags if c == "IT301" and "tls_private_key.k" in m]
    assert not [c for c, _ in diags if c in ("IT326", "IT328", "IT206")]
    src = ('resource "openstack_compute_keypair_v2" "k" {\n  name = "k"\n'
           '  public_key = "ssh-ed25519 AAAA k"\n}\n')
    out, _ = _run(target, src)
    assert '"ssh-ed25519 AAAA k"' in out and "TODO(IT308): public key" not in out


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_an_attachment_to_no_declared_server_is_not_translated(target: str) -> None:
    src = '''
variable "server" {
  type = string
}
resource "openstack_blockstorage_volume_v3" "d" {
  name = "d"
  size = 20
}
resource "openstack_compute_volume_attach_v2" "a" {
  instance_id = var.server
  volume_id   = openstack_blockstorage_volume_v3.d.id
  device      = "/dev/vdb"
}
output "att" {
  value = openstack_compute_volume_attach_v2.a.id
}
'''
    out, diags = _run(target, src)
    said = [m for c, m in diags if m.startswith("openstack_compute_volume_attach_v2.a is not "
                                                "translated: ")]
    assert len(said) == 1 and ("IT338", said[0]) in diags


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_an_attachments_device_is_not_chosen(target: str) -> None:
    src = SERVER.replace("volume_id   = openstack_blockstorage_volume_v3.d.id\n",
                         'volume_id   = openstack_blockstorage_volume_v3.d.id\n'
                         '  device      = "/dev/vdb"\n') % "  size   = 20\n"
    _, diags = _run(target, src)
    assert [m for c, m in diags if c == "IT302" and m.startswith(
        "`device` of openstack_compute_volume_attach_v2.a is not translated: ")]
