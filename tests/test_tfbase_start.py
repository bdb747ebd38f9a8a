"""How a lowering starts (targets/tfbase/start.py): the target block of the source's kind, the
name as the source writes it else the cloud's default, on scaleway, aks and eks."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

BUCKET = '''
%s "ovh_cloud_project_storage" "logs_b" {
  service_name = "x"
  region_name  = "GRA"
%s}
'''
TYPE = {"scaleway": ("scaleway_object_bucket", "name"), "eks": ("aws_s3_bucket", "bucket")}


def _out(target: str, src: str) -> str:
    return "\n".join(translate({"main.tf": src}, target).files.values())


@pytest.mark.parametrize("target", TYPE)
def test_a_bucket_keeps_its_written_name_else_gets_the_clouds(target: str) -> None:
    type_, attr = TYPE[target]
    written = _out(target, BUCKET % ("resource", '  name = "acme-logs"\n'))
    assert f'resource "{type_}" "logs_b"' in written and '"acme-logs"' in written
    default = _out(target, BUCKET % ("resource", ""))
    assert '"acme-logs"' not in default and f'{attr} ' in default


def test_a_read_bucket_starts_a_data_block() -> None:
    out = _out("scaleway", BUCKET % ("data", '  name = "acme-logs"\n'))
    assert 'data "scaleway_object_bucket" "logs_b"' in out


@pytest.mark.parametrize("target", ["scaleway", "aks", "eks"])
def test_a_volume_name_is_written_or_made_from_its_label(target: str) -> None:
    src = 'resource "openstack_blockstorage_volume_v3" "my_disk" {\n  size = 10\n%s}\n'
    assert '"data-disk"' in _out(target, src % '  name = "data-disk"\n')
    assert '"my-disk"' in _out(target, src % "")  # (the label, as the cloud spells names)
