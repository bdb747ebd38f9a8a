"""The azurerm backend's resource group is the one the translated roots create."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

SRC = '''
terraform {
  backend "s3" {
    bucket    = "acme-state"
    key       = "platform/terraform.tfstate"
    region    = "gra"
    endpoints = { s3 = "https://s3.gra.io.cloud.ovh.net" }
  }
}
resource "ovh_cloud_project_storage" "state" {
  service_name = "x"
  region_name  = "GRA"
  name         = "acme-state"
}
'''


def test_backend_group_is_the_roots_resource_group_default() -> None:
    """A bootstrap root creating the state account puts it in azurerm_resource_group.main,
    named var.resource_group_name: the backend must name that variable's default."""
    r = translate({"main.tf": SRC}, "aks")
    text = "\n".join(r.files.values())
    backend = re.search(r'backend "azurerm" \{(.*?)\}', text, re.S)
    assert backend, text
    group = re.search(r'resource_group_name\s+=\s+"([^"]+)"', backend.group(1))
    default = re.search(r'variable "resource_group_name" \{[^}]*default\s+=\s+"([^"]+)"', text)
    assert group and default, text
    assert group.group(1) == default.group(1)
    assert re.search(r'resource "azurerm_resource_group" "main" \{[^}]*var\.resource_group_name',
                     text)
    migrate = [d for d in r.diagnostics if d.code == "IT301" and "azurerm backend" in d.message]
    assert migrate and f"az group create -n {group.group(1)}" in (migrate[0].hint or "")
    assert "var.resource_group_name" in (migrate[0].hint or "")
