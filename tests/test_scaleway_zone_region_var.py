"""Scaleway: a zonal resource whose region is a variable takes its zone from that variable
(`"${var.region}-1"`), not the first zone of the default's region, which another region the
caller passes would not have; a region written in place (or a local) keeps its literal zone."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

SOURCE = '''
variable "region" {
  type    = string
  default = "SBG5"
}
locals {
  where = "GRA11"
}
resource "ovh_cloud_project_volume" "journal" {
  service_name = "x"
  region_name  = REGION
  name         = "journal"
  size         = 50
}
'''


def _main(region: str) -> str:
    r = translate({"main.tf": SOURCE.replace("REGION", region)}, "scaleway")
    return r.files["main.tf"]


def test_a_region_variable_gives_the_zone_of_the_variable() -> None:
    out = _main("var.region")
    assert 'zone       = "${var.region}-1"' in out, out
    assert '"fr-par-1"' not in out, out
    assert 'default     = "fr-par"' in out, out  # (the variable takes Scaleway regions)


@pytest.mark.parametrize("region", ['"GRA11"', "local.where"])
def test_a_fixed_region_keeps_its_literal_zone(region: str) -> None:
    assert 'zone       = "fr-par-1"' in _main(region)
