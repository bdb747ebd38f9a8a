"""EKS: a network in a child module whose region is a variable is built in that region."""

from __future__ import annotations

from iac_translate.compiler.api import translate

ROOT = '''
provider "ovh" {
  endpoint = "ovh-eu"
}
module "gra" {
  source       = "./net"
  service_name = "abc"
  region       = "GRA11"
}
module "bhs" {
  source       = "./net"
  service_name = "abc"
  region       = "BHS5"
}
'''
NET = '''
variable "service_name" {}
variable "region" {}
resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "net"
  regions      = [var.region]
  vlan_id      = 10
}
resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.id
  region       = var.region
  start        = "10.0.0.2"
  end          = "10.0.255.254"
  network      = "10.0.0.0/16"
  dhcp         = true
}
'''


def _blocks(text: str) -> list[str]:
    return ["resource" + b for b in text.split("\nresource")[1:]]


def test_each_network_part_names_the_callers_region() -> None:
    # The child inherits the root's provider, whose region is not var.region: two calls in
    # two regions built both networks in the provider's one.
    out = translate({"main.tf": ROOT, "net/main.tf": NET}, "eks").files
    parts = _blocks(out["net/main.tf"])
    assert parts and all("region" in b.split("\n", 2)[1] for b in parts), parts
    scaffold = out["net/eks_scaffold.tf"]
    assert 'data "aws_availability_zones" "available_var_region"' in scaffold
    assert "region = var.region" in scaffold
    assert "available_var_region.names[0]" in out["net/main.tf"]


def test_a_root_network_keeps_the_provider_region() -> None:
    root = NET.replace("var.region", '"GRA11"').replace('variable "region" {}', "")
    out = translate({"main.tf": root}, "eks").files
    assert "region =" not in out["main.tf"].split("provider", 1)[0]
    assert "  region " not in "".join(_blocks(out["main.tf"]))
