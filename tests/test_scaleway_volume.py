"""Scaleway Block Storage: IOPS class from the OVH type, attachment zone, backups reported."""

from __future__ import annotations

import re

from iac_translate.compiler.api import TranslateOptions, translate


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, d.message) for d in result.diagnostics]


def _vol(kind: str) -> str:
    return f'''
resource "ovh_cloud_project_volume" "v" {{
  service_name = "x"
  region_name  = "GRA11"
  name         = "v"
  size         = 100
  type         = "{kind}"
}}
'''


def test_ovh_classes_become_iops_classes() -> None:
    for kind, iops in (("classic", 5000), ("high-speed", 5000), ("high-speed-gen2", 15000)):
        out, _ = _run(_vol(kind))
        assert f"iops       = {iops}" in out, (kind, out)
        assert "size_in_gb = 100" in out and 'zone       = "fr-par-1"' in out


def test_luks_volume_reports_the_encryption() -> None:
    out, diags = _run(_vol("CLASSIC_LUKS"))
    assert "iops       = 5000" in out
    assert any(c == "IT302" and "LUKS" in m for c, m in diags)


def test_attached_volume_takes_the_server_zone_and_its_id_list() -> None:
    tf = '''
resource "openstack_compute_instance_v2" "s" {
  name              = "s"
  flavor_name       = "b3-8"
  image_name        = "Ubuntu 22.04"
  region            = "GRA11"
  network {
    name = "Ext-Net"
  }
}
resource "openstack_blockstorage_volume_v3" "d" {
  name   = "d"
  size   = 20
  region = "GRA11"
}
resource "openstack_compute_volume_attach_v2" "a" {
  instance_id = openstack_compute_instance_v2.s.id
  volume_id   = openstack_blockstorage_volume_v3.d.id
  device      = "/dev/sdb"
}
'''
    out, diags = _run(tf)
    # the server's zone as a value: a reference to the server (which lists the volume's id)
    # would be a dependency cycle
    assert 'zone       = "fr-par-1"' in out and "scaleway_instance_server.s.zone" not in out
    assert re.search(r"additional_volume_ids = \[scaleway_block_volume\.d\.id\]", out)
    assert any(c == "IT302" and "`device`" in m for c, m in diags)


def test_volume_backup_is_an_error_with_the_scaleway_way() -> None:
    tf = _vol("classic") + '''
resource "ovh_cloud_project_volume_backup" "b" {
  service_name = "x"
  region_name  = "GRA11"
  volume_id    = ovh_cloud_project_volume.v.id
  name         = "b"
}
'''
    _, diags = _run(tf)
    assert any(c == "IT338" and "scaleway_block_snapshot" in m for c, m in diags)
