"""AKS names of NAT gateways, public IPs and NICs follow Microsoft.Network's rules."""

from __future__ import annotations

import re

from iac_translate.compiler.api import TranslateOptions, translate

SRC = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
}
resource "ovh_cloud_project_gateway" "gw" {
  service_name = "x"
  name         = "<my-imported-gateway>"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
  subnet_id    = ovh_cloud_project_network_private_subnet.sub.id
}
resource "openstack_compute_instance_v2" "vm" {
  name        = "instance name"
  flavor_name = "b2-7"
  image_name  = "Ubuntu 22.04"
}
'''

VALID = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9_])?$")


def _names(text: str, rtype: str) -> list[str]:
    return re.findall(rf'resource "{rtype}" "[^"]+" {{\n(?:.*\n)*?  name\s+=\s+"([^"]*)"', text)


def test_refused_literal_names_are_rewritten_with_a_diagnostic() -> None:
    out = translate({"main.tf": SRC}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    gateways = _names(text, "azurerm_nat_gateway")
    nics = _names(text, "azurerm_network_interface")
    ips = _names(text, "azurerm_public_ip")
    assert gateways == ["my-imported-gateway"], gateways
    assert nics == ["instance-name-nic"], nics
    assert ips and all(VALID.match(n) and len(n) <= 80 for n in ips), ips
    rewritten = {m.group(1) for d in out.diagnostics if d.code == "IT324"
                 and (m := re.match(r"`(azurerm_[a-z_]+)\.", d.message))}
    assert {"azurerm_nat_gateway", "azurerm_network_interface"} <= rewritten


def test_computed_names_are_wrapped_to_the_network_rule() -> None:
    src = SRC.replace('"<my-imported-gateway>"', "var.gw").replace(
        '"instance name"', "var.vm") + 'variable "gw" {\n  type = string\n}\n' \
        'variable "vm" {\n  type = string\n}\n'
    out = translate({"main.tf": src}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    # (the cleaning, whatever form the cut to 80 takes)
    line = next(x for x in text.splitlines() if "lower(var.gw)" in x)
    assert 'replace(lower(var.gw), "/[^a-z0-9_.-]/", "-")' in line and re.search(r"\b80\b", line)
    assert any(d.code == "IT325" and "azurerm_nat_gateway." in d.message
               for d in out.diagnostics)
