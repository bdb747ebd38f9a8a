"""AKS translations of patterns found reviewing corpus roots (session 22): each fails before."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

NET = '''
variable "project" {
  type = string
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = var.project
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "s" {
  service_name = var.project
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "GRA11"
  network      = "10.8.0.0/24"
  start        = "10.8.0.2"
  end          = "10.8.0.254"
}
'''


def _run(tf: str):  # type: ignore[no-untyped-def]
    result = translate({"main.tf": tf}, "aks", TranslateOptions())
    return result, " ".join("\n".join(result.files.values()).split())


def test_a_subnet_region_reference_is_its_vnet_location() -> None:
    # public-cloud-examples create-service-using-existing-lb: region = <subnet>.region
    result, text = _run(NET + '''
resource "ovh_cloud_project_gateway" "g" {
  service_name = var.project
  name         = "g"
  model        = "s"
  region       = ovh_cloud_project_network_private_subnet.s.region
  network_id   = ovh_cloud_project_network_private.n.id
  subnet_id    = ovh_cloud_project_network_private_subnet.s.id
}
output "where" {
  value = ovh_cloud_project_network_private_subnet.s.region
}
''')
    assert "TODO" not in text
    assert ('resource "azurerm_nat_gateway" "g" { name = "g" location = '
            'azurerm_virtual_network.n.location') in text
    assert 'output "where" { value = azurerm_virtual_network.n.location }' in text
    assert not [d for d in result.diagnostics if d.code == "IT206"]
