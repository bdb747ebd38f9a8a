"""EKS: an unattached volume whose region is a variable (the provider's region) takes the
first zone of data.aws_availability_zones, not a literal zone of the default's region, which
does not exist in another region the caller passes; a literal region keeps its zone."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SOURCE = '''
variable "region" {
  type    = string
  default = "SBG5"
}
resource "ovh_cloud_project_volume" "journal" {
  service_name = "x"
  region_name  = REGION
  name         = "journal"
  size         = 50
}
'''


def _files(region: str) -> dict[str, str]:
    return translate({"main.tf": SOURCE.replace("REGION", region)}, "eks").files


def test_a_region_variable_looks_the_zone_up() -> None:
    files = _files("var.region")
    assert "availability_zone = data.aws_availability_zones.available.names[0]" in \
        files["main.tf"], files["main.tf"]
    assert 'data "aws_availability_zones" "available"' in "".join(files.values())
    assert "eu-central-1a" not in files["main.tf"]


def test_a_literal_region_keeps_its_zone() -> None:
    files = _files('"SBG5"')
    assert 'availability_zone = "eu-central-1a"' in files["main.tf"], files["main.tf"]
    assert "aws_availability_zones" not in "".join(files.values())
