"""AKS: a VM's custom_data is the instance's user data base64-encoded exactly once."""

from __future__ import annotations

import base64
import gzip

import pytest
from iac_translate.compiler.api import translate

SRC = '''
resource "openstack_compute_instance_v2" "vm" {
  name        = "vm"
  image_name  = "Ubuntu 24.04"
  flavor_name = "b3-8"
  region      = "GRA11"
  user_data   = %s
}
'''
CONFIG = '''
data "cloudinit_config" "init" {
  gzip          = false
  %s
  part {
    content_type = "text/cloud-config"
    content      = "#cloud-config\\npackages:\\n  - nginx\\n"
  }
}
'''
TEXT = base64.b64encode(b"#cloud-config\npackages:\n  - nginx\n").decode()
GZIP = base64.b64encode(gzip.compress(b"#cloud-config\n")).decode()


def _custom_data(source: str) -> str:
    text = translate({"main.tf": source}, "aks").files["main.tf"]
    return text.split("custom_data", 1)[1].split("=", 1)[1].split("\n", 1)[0].strip()


@pytest.mark.parametrize("written,expected", [
    ('base64encode(templatefile("init.tpl", {}))', 'base64encode(templatefile("init.tpl", {}))'),
    ('"${base64encode(file("init.yml"))}"', 'base64encode(file("init.yml"))'),
    ('filebase64("init.yml")', 'filebase64("init.yml")'),
    ('base64gzip(file("init.yml"))', 'base64gzip(file("init.yml"))'),
    (f'"{TEXT}"', 'base64encode("#cloud-config\\npackages:\\n  - nginx\\n")')])
def test_base64_kept_as_written(written: str, expected: str) -> None:
    assert _custom_data(SRC % written) == expected


def test_gzip_literal_not_wrapped() -> None:
    # (a literal custom_data is a sensitive value the credential pass may move to a variable)
    assert not _custom_data(SRC % f'"{GZIP}"').startswith("base64encode(")


@pytest.mark.parametrize("written", ['templatefile("init.tpl", {})', 'file("init.yml")',
                                     '"#!/bin/sh\\necho hi\\n"', '"abcdefghijklmnop"'])
def test_text_encoded_once(written: str) -> None:
    assert _custom_data(SRC % written) == f"base64encode({written})"


def test_rendered_config_is_base64_unless_told_not() -> None:
    ref = "data.cloudinit_config.init.rendered"
    assert _custom_data(SRC % ref + CONFIG % "") == ref
    assert _custom_data(SRC % ref + CONFIG % "base64_encode = true") == ref
    assert _custom_data(SRC % ref + CONFIG % "base64_encode = false") == f"base64encode({ref})"
