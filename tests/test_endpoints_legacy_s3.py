"""The older OVH S3 endpoint form `s3.<region>.cloud.ovh.net`: lint and translate see it."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.endpoints import is_ovh_s3, s3_region
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.lint import lint


def _e(text: str):
    return parse_expression_text(text, "t.tf")


@pytest.mark.parametrize("text", ['"https://s3.${var.region}.cloud.ovh.net"',
                                  '"s3.gra.cloud.ovh.net"', '"https://s3.sbg.cloud.ovh.net/"'])
def test_the_older_form_is_an_ovh_s3_endpoint(text: str) -> None:
    assert is_ovh_s3(_e(text))


@pytest.mark.parametrize("text", ['"https://s3.cloud.ovh.net"', '"https://auth.cloud.ovh.net"',
                                  '"https://storage.gra.cloud.ovh.net/v1"',
                                  '"s3.gra.cloud.example.net"'])
def test_other_ovh_hosts_are_not(text: str) -> None:
    assert not is_ovh_s3(_e(text))


def test_region_of_each_form() -> None:
    assert s3_region("s3.gra.cloud.ovh.net") == "gra"
    assert s3_region("https://s3.bhs.io.cloud.ovh.ca/") == "bhs"
    assert s3_region("https://s3.rbx.perf.cloud.ovh.net") == "rbx"
    assert s3_region("https://example.org") is None


def test_lint_reports_the_older_interpolated_endpoint_once() -> None:
    src = {"main.tf": 'provider "aws" {\n  endpoints {\n'
                      '    s3 = "https://s3.${var.region}.cloud.ovh.net"\n  }\n}\n'}
    found = [d for d in lint(src) if d.code == "IT221"]
    assert len(found) == 1 and found[0].span is not None and found[0].span.line == 3


@pytest.mark.parametrize("value", ["https://s3.${var.region}.cloud.ovh.net",
                                   "https://s3.gra.cloud.ovh.net"])
def test_translate_replaces_the_older_endpoint(value: str) -> None:
    src = {"main.tf": 'variable "region" {\n  default = "gra"\n}\n'
                      'resource "kubernetes_config_map" "c" {\n  metadata {\n    name = "c"\n  }\n'
                      f'  data = {{\n    s3 = "{value}"\n  }}\n}}\n'}
    r = translate(src, "gke")
    assert "cloud.ovh.net" not in r.files["main.tf"]
    assert "https://storage.googleapis.com" in r.files["main.tf"]
    assert [d for d in r.diagnostics if d.code == "IT301" and "S3 endpoint" in d.message]


def test_scaleway_maps_the_older_endpoint_form_to_its_region() -> None:
    """`s3.waw.cloud.ovh.net` (the form before `io`) is WAW's endpoint, not a computed one."""
    from iac_translate.compiler.api import translate
    src = 'locals {\n  e = "https://s3.waw.cloud.ovh.net"\n}\noutput "o" {\n  value = local.e\n}\n'
    r = translate({"main.tf": src}, target="scaleway")
    assert 'e = "https://s3.pl-waw.scw.cloud"' in r.files["main.tf"]
