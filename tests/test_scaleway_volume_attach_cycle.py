"""Scaleway Block Storage attached to a server: its zone is a value, never the server's."""

from __future__ import annotations

import re

from iac_translate.compiler.api import TranslateOptions, translate

TF = '''
variable "region" {
  type    = string
  default = "GRA11"
}
resource "openstack_compute_instance_v2" "app" {
  name        = "app"
  region      = REGION
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
}
resource "openstack_blockstorage_volume_v3" "data" {
  name   = "data"
  region = REGION
  size   = 200
}
resource "openstack_compute_volume_attach_v2" "att" {
  instance_id = openstack_compute_instance_v2.app.id
  volume_id   = openstack_blockstorage_volume_v3.data.id
}
'''


def _out(region: str) -> str:
    result = translate({"main.tf": TF.replace("REGION", region)}, "scaleway",
                       TranslateOptions())
    return "\n".join(result.files.values())


def _block(text: str, type_: str, name: str) -> str:
    m = re.search(rf'^resource "{type_}" "{name}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, text
    return m.group(1)


def test_attached_volume_takes_the_server_zone_as_a_value() -> None:
    """The server lists the volume (additional_volume_ids): volume -> server is a cycle."""
    out = _out('"GRA11"')
    assert "additional_volume_ids = [scaleway_block_volume.data.id]" in _block(
        out, "scaleway_instance_server", "app")
    vol = _block(out, "scaleway_block_volume", "data")
    assert "scaleway_instance_server" not in vol
    assert 'zone       = "fr-par-1"' in vol


def test_a_computed_region_gives_both_the_same_zone_expression() -> None:
    out = _out("var.region")
    vm, vol = _block(out, "scaleway_instance_server", "app"), _block(
        out, "scaleway_block_volume", "data")
    zone = re.search(r"^  zone += (.+)$", vm, re.M)
    assert zone and "scaleway_instance_server" not in vol
    assert re.search(rf"^  zone += {re.escape(zone.group(1))}$", vol, re.M)
