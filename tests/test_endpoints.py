"""One OVH endpoint detector for translate and lint; OVH resources of other providers."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.endpoints import is_ovh_auth, is_ovh_s3
from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.lint import lint


def _e(text: str):
    return parse_expression_text(text, "t.tf")


@pytest.mark.parametrize("text", ['"https://s3.gra.io.cloud.ovh.net"',
                                  '"https://s3.${var.region}.io.cloud.ovh.net"',
                                  '"s3.${lower(var.r)}.perf.cloud.ovh.net"',
                                  '"https://s3.us-east-va.io.cloud.ovh.us/"'])
def test_ovh_s3_endpoints(text: str) -> None:
    assert is_ovh_s3(_e(text))


@pytest.mark.parametrize("text", ['"https://s3.amazonaws.com"', '"https://storage.googleapis.com"',
                                  '"s3.${var.region}.amazonaws.com"', "var.endpoint"])
def test_not_ovh_s3(text: str) -> None:
    assert not is_ovh_s3(_e(text))


def test_ovh_auth_url() -> None:
    assert is_ovh_auth(_e('"https://auth.cloud.ovh.net/v3"'))
    assert is_ovh_auth(_e('"https://auth.cloud.ovh.us/v3/"'))
    assert not is_ovh_auth(_e('"https://keystone.example.org:5000/v3"'))


def test_lint_reports_interpolated_endpoint_once() -> None:
    src = {"main.tf": 'provider "aws" {\n  endpoints {\n'
                      '    s3 = "https://s3.${var.region}.io.cloud.ovh.net"\n  }\n}\n'}
    found = [d for d in lint(src) if d.code == "IT221"]
    assert len(found) == 1 and found[0].span is not None and found[0].span.line == 3
    assert "${var.region}" in found[0].message


_BUCKET_IN_MODULE = {
    "main.tf": 'provider "aws" {\n  alias = "ovh"\n  region = "gra"\n  endpoints {\n'
               '    s3 = "https://s3.gra.io.cloud.ovh.net"\n  }\n}\n'
               'module "b" {\n  source = "./b"\n  providers = { aws = aws.ovh }\n}\n',
    "b/main.tf": 'resource "aws_s3_bucket" "x" {\n  bucket = "data"\n}\n'}


def test_bucket_reached_through_a_providers_map_is_translated() -> None:
    r = translate(_BUCKET_IN_MODULE, "gke")
    assert 'resource "google_storage_bucket" "x"' in r.files["b/main.tf"]
    assert "aws" not in r.files["main.tf"].replace("google", "")
    assert [d for d in r.diagnostics if d.code == "IT331"]


def test_aws_on_amazon_is_kept() -> None:
    src = {"main.tf": 'provider "aws" {\n  region = "eu-west-1"\n}\n'
                      'resource "aws_s3_bucket" "x" {\n  bucket = "data"\n}\n'}
    r = translate(src, "gke")
    assert 'resource "aws_s3_bucket" "x"' in r.files["main.tf"]


def test_openstack_elsewhere_is_kept() -> None:
    src = {"main.tf": 'provider "openstack" {\n  auth_url = "https://keystone.example.org/v3"\n}\n'
                      'resource "openstack_networking_network_v2" "n" {\n  name = "n"\n}\n'}
    r = translate(src, "gke")
    assert 'resource "openstack_networking_network_v2" "n"' in r.files["main.tf"]


def test_translate_replaces_an_interpolated_s3_endpoint() -> None:
    src = {"main.tf": 'variable "region" {\n  default = "gra"\n}\n'
                      'resource "kubernetes_config_map" "c" {\n  metadata {\n    name = "c"\n  }\n'
                      '  data = {\n    s3 = "https://s3.${var.region}.io.cloud.ovh.net"\n  }\n}\n'}
    r = translate(src, "gke")
    assert "cloud.ovh.net" not in r.files["main.tf"]
    assert "https://storage.googleapis.com" in r.files["main.tf"]
    assert [d for d in r.diagnostics if d.code == "IT301" and "${var.region}" in d.message]


def test_endpoint_through_a_variable_default_is_ovh() -> None:
    src = {"main.tf": 'variable "s3" {\n  default = "https://s3.gra.io.cloud.ovh.net"\n}\n'
                      'variable "region" {\n  default = "gra"\n}\n'
                      'provider "aws" {\n  region = var.region\n  endpoints {\n    s3 = var.s3\n'
                      '  }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "data"\n}\n'}
    r = translate(src, "gke")
    out = r.files["main.tf"]
    assert 'resource "google_storage_bucket" "b"' in out and "upper(var.region)" in out
    assert 'provider "aws"' not in out and "aws_s3_bucket" not in out
