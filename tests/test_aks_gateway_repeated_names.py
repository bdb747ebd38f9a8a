"""AKS: an OVH gateway with a fixed name in a module called twice becomes a NAT gateway and
a public IP named the same in the one shared resource group: IT308 for each (the second
instance fails at create); a name from a variable, or one call, says nothing."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

CHILD = '''
variable "prefix" {
  type = string
}
resource "ovh_cloud_project_network_private" "uplink" {
  service_name = "x"
  name         = "${var.prefix}-uplink"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "uplink" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.uplink.id
  region       = "GRA11"
  start        = "10.9.0.10"
  end          = "10.9.0.200"
  network      = "10.9.0.0/24"
  dhcp         = true
}
resource "ovh_cloud_project_gateway" "exit" {
  service_name = "x"
  name         = NAME
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.uplink.id
  subnet_id    = ovh_cloud_project_network_private_subnet.uplink.id
}
'''


def _said(name: str, calls: tuple[str, ...]) -> list[str]:
    root = "".join(f'module "{c}" {{\n  source = "./edge"\n  prefix = "{c}"\n}}\n'
                   for c in calls)
    r = translate({"main.tf": root, "edge/main.tf": CHILD.replace("NAME", name)}, "aks")
    return [d.message for d in r.diagnostics if d.code == "IT308" and "fails at create" in
            d.message]


def test_a_fixed_gateway_name_in_two_calls_is_reported() -> None:
    said = _said('"exit"', ("a", "b"))
    assert any(m.startswith("azurerm_nat_gateway of ovh_cloud_project_gateway.exit") and
               "unique in their resource group" in m for m in said), said
    assert any(m.startswith("azurerm_public_ip of ovh_cloud_project_gateway.exit") for m in
               said), said


@pytest.mark.parametrize("name,calls", [('"exit"', ("a",)),
                                        ('"${var.prefix}-exit"', ("a", "b"))])
def test_one_call_or_a_name_per_call_says_nothing(name: str, calls: tuple[str, ...]) -> None:
    assert _said(name, calls) == []
