"""AKS: the backend addresses of an Octavia load balancer that names only its VIP subnet
(`vip_subnet_id`) are in that subnet's VNet (virtual_network_id), not a TODO placeholder
with a warning; a subnet not declared in the module still says IT308."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import translate

SOURCE = (Path(__file__).resolve().parent.parent / "golden" / "lb_octavia_chain" / "input" /
          "main.tf").read_text(encoding="utf-8")
PASSED = '''
variable "vip_subnet" {
  type = string
}
'''


def test_the_vip_subnets_network_is_the_backend_vnet() -> None:
    r = translate({"main.tf": SOURCE}, "aks")
    out = r.files["main.tf"]
    assert "virtual_network_id      = azurerm_virtual_network.apps.id" in out, out
    assert "the members' virtual network id" not in out
    assert not any("backend addresses need their virtual network" in d.message
                   for d in r.diagnostics)


def test_a_subnet_from_elsewhere_is_still_reported() -> None:
    src = PASSED + SOURCE.replace("vip_subnet_id = openstack_networking_subnet_v2.apps.id",
                                  "vip_subnet_id = var.vip_subnet")
    r = translate({"main.tf": src}, "aks")
    assert any(d.code == "IT308" and "backend addresses need their virtual network" in
               d.message for d in r.diagnostics)
