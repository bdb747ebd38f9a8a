"""AKS review of corpus outputs: what `terraform apply` refused (repeated names, versions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from iac_translate.compiler.api import TranslateOptions, translate

TARGETS = Path(__file__).resolve().parent.parent / "targets"

# A gateway and a load balancer repeated by count/for_each, neither OVH resource naming its
# Azure counterparts (the public IP, an unnamed load balancer): every instance used to get
# the same literal name, and Azure refuses the second resource of a name in a group.
REPEATED = '''
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
  count        = 2
  service_name = "x"
  name         = "gw-${count.index}"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.id
  subnet_id    = ovh_cloud_project_network_private_subnet.sub.id
}
resource "ovh_cloud_project_loadbalancer" "lb" {
  for_each     = toset(["a", "b"])
  service_name = "x"
  region_name  = "GRA11"
  flavor_id    = "small"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.net.id
        subnet_id = ovh_cloud_project_network_private_subnet.sub.id
      }
    }
  }
  listeners = [{ port = 80, protocol = "http" }]
}
'''


def _block(text: str, rtype: str, label: str) -> str:
    m = re.search(rf'resource "{rtype}" "{label}" {{\n(.*?)\n}}', text, re.S)
    assert m, f"{rtype}.{label} not emitted"
    return m.group(1)


def _name(block: str) -> str:
    m = re.search(r"^  name\s+=\s+(.+)$", block, re.M)
    assert m, block
    return m.group(1)


def test_repeated_resources_get_a_name_per_instance() -> None:
    out = translate({"main.tf": REPEATED}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    pip = _block(text, "azurerm_public_ip", "gw")
    assert "count " in pip and _name(pip) == '"pip-gw-${count.index}"'
    lb = _block(text, "azurerm_lb", "lb")
    assert "for_each " in lb and _name(lb) == '"lb-${each.key}"'
    # the NAT gateway keeps the OVH name, already per instance
    assert _name(_block(text, "azurerm_nat_gateway", "gw")) == '"gw-${count.index}"'


def test_a_single_resource_keeps_its_literal_name() -> None:
    single = REPEATED.replace("  count        = 2\n", "").replace("${count.index}", "0") \
        .replace('  for_each     = toset(["a", "b"])\n', "")
    text = "\n".join(translate({"main.tf": single}, "aks", TranslateOptions()).files.values())
    assert _name(_block(text, "azurerm_public_ip", "gw")) == '"pip-gw"'
    assert _name(_block(text, "azurerm_lb", "lb")) == '"lb"'


def test_the_oldest_minor_has_not_reached_its_end_of_life() -> None:
    # AKS release calendar (MicrosoftDocs/azure-aks-docs supported-kubernetes-versions.md,
    # ms.date 08/05/2026): the end of life of each minor, the last day of the month.
    end_of_life = {"1.33": "2026-07", "1.34": "2026-11", "1.35": "2027-03",
                   "1.36": "2027-06", "1.37": "2027-10"}
    k = json.loads((TARGETS / "aks" / "kube.json").read_text())["cluster"]["kubernetes"]
    as_of = k["as_of"][:7]
    assert end_of_life[k["oldest"]] >= as_of
    older = [v for v in end_of_life if tuple(map(int, v.split("."))) <
             tuple(map(int, k["oldest"].split(".")))]
    assert all(end_of_life[v] < as_of for v in older)
