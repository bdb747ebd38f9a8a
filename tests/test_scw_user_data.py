"""Scaleway: instance user data reaches the cloud-init key as text, never base64."""

from __future__ import annotations

import base64

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
CLOUD = "#cloud-config\\npackages:\\n  - nginx\\n"


def _run(user_data: str) -> tuple[str, list]:
    r = translate({"main.tf": SRC % user_data}, "scaleway")
    text = r.files["main.tf"]
    line = text.split('"cloud-init" = ', 1)[1].split("\n", 1)[0]
    return line.removesuffix(" }"), r.diagnostics  # (a one-line object: `{ "k" = v }`)


@pytest.mark.parametrize("written,expected", [
    ('base64encode(templatefile("init.tpl", {}))', 'templatefile("init.tpl", {})'),
    ('"${base64encode(file("init.yml"))}"', 'file("init.yml")'),
    ('filebase64("init.yml")', 'file("init.yml")'),
])
def test_encoding_call_removed(written: str, expected: str) -> None:
    value, diags = _run(written)
    assert value == expected
    said = [d for d in diags if d.code == "IT301" and "base64-encoded" in d.message]
    assert len(said) == 1 and said[0].span.line == 7


def test_base64_literal_decoded() -> None:
    encoded = base64.b64encode(b"#cloud-config\npackages:\n  - nginx\n").decode()
    value, _ = _run(f'"{encoded}"')
    assert value == f'"{CLOUD}"'


@pytest.mark.parametrize("written", ['templatefile("init.tpl", {})', '"abcdefghijklmnop"',
                                     '"#!/bin/sh\\necho hi\\n"'])
def test_plain_user_data_kept(written: str) -> None:
    value, diags = _run(written)
    assert value == written
    assert not [d for d in diags if d.code == "IT301" and "base64" in d.message]


def test_gzip_reported() -> None:
    value, diags = _run('base64gzip(file("init.yml"))')
    assert value == 'base64gzip(file("init.yml"))'
    assert [d for d in diags if d.code == "IT301" and "gzip" in d.message]
