"""An OVH S3 endpoint built from a variable mapped as a region reads that variable's target
region, not the default region's fixed endpoint (corpus terraform-ovh-s3)."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

SRC = '''
variable "zone_name" {
  type    = string
  default = "gra"
}
locals {
  host = "https://s3.${var.zone_name}.io.cloud.ovh.net"
  picked = var.zone_name == "gra" ? local.host : ""
}
provider "aws" {
  region                 = var.zone_name
  skip_region_validation = true
  endpoints {
    s3 = local.picked
  }
}
resource "aws_s3_bucket" "b" {
  bucket = "logs"
}
output "url" {
  value = local.picked
}
'''


def _out(target: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": SRC}, target, TranslateOptions())
    return "\n".join(r.files.values()), [d.message for d in r.diagnostics]


def test_scaleway_endpoint_reads_the_region_variable() -> None:
    text, said = _out("scaleway")
    assert '"https://s3.${var.zone_name}.scw.cloud"' in text
    assert "s3.fr-par.scw.cloud" not in text
    assert not any("its region is computed" in m for m in said)


def test_a_variable_with_no_region_role_keeps_the_default_endpoint() -> None:
    # (not every variable is a region: here `var.zone_name` feeds no region argument)
    src = SRC.replace("region                 = var.zone_name", 'region = "gra"')
    r = translate({"main.tf": src}, "scaleway", TranslateOptions())
    text = "\n".join(r.files.values())
    assert "${var.zone_name}.scw.cloud" not in text
    assert any("its region is computed" in d.message and "s3.fr-par.scw.cloud" in d.message
               for d in r.diagnostics)
