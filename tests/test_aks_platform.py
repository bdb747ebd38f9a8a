"""AKS platform: the azurerm provider and its subscription variable, the resource group (root
and child modules), the azurerm state backend, kube providers from the cluster's kube_config."""

from __future__ import annotations

from iac_translate.compiler.api import translate

BACKEND = '''
terraform {
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "platform/prod/terraform.tfstate"
    region = "gra"
    endpoints = {
      s3 = "https://s3.gra.io.cloud.ovh.net"
    }
    skip_credentials_validation = true
    use_path_style              = true
  }
}
provider "ovh" {
  endpoint = "ovh-eu"
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "app"
  regions      = ["GRA11"]
}
'''
ROOT = '''
provider "ovh" {
  endpoint = "ovh-eu"
}
module "net" {
  source = "./modules/net"
  region = "SBG5"
}
'''
CHILD = '''
variable "region" {
  type = string
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "app"
  regions      = [var.region]
}
'''


def _block(text: str, head: str) -> str:
    start = text.index(head)
    depth, i = 0, text.index("{", start)
    for j in range(i, len(text)):
        depth += {"{": 1, "}": -1}.get(text[j], 0)
        if depth == 0:
            return text[i:j + 1]
    raise AssertionError(head)


def _run(files: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    r = translate(files, "aks")
    assert not r.has_errors, r.diagnostics
    return r.files, [f"{d.code} {d.message} {d.hint}" for d in r.diagnostics]


def test_provider_has_features_and_a_subscription_variable() -> None:
    files, diags = _run({"main.tf": BACKEND})
    out = "\n".join(files.values())
    p = _block(out, 'provider "azurerm"')
    assert "subscription_id = var.azure_subscription_id" in p and "features {}" in p
    assert "region" not in p
    v = _block(out, 'variable "azure_subscription_id"')
    assert "default     = null" in v
    assert any(d.startswith("IT302 provider ovh `endpoint`") for d in diags)
    assert 'azurerm = { source = "hashicorp/azurerm", version = "~> 4.55" }' in out


def test_s3_backend_becomes_the_azurerm_backend() -> None:
    files, diags = _run({"main.tf": BACKEND})
    be = _block("\n".join(files.values()), 'backend "azurerm"')
    assert 'container_name       = "acme-terraform-state"' in be
    assert 'storage_account_name = "acmeterraformstate"' in be
    assert 'key                  = "platform/prod/terraform.tfstate"' in be
    assert "use_azuread_auth     = true" in be and "endpoints" not in be
    note = next(d for d in diags if d.startswith("IT301 the S3 backend"))
    assert "migrate-state" in note and "az storage account create -n acmeterraformstate" in note
    assert "`use_path_style`" in note and "francecentral" in note


def test_one_resource_group_in_the_root_with_a_named_default() -> None:
    files, _ = _run({"main.tf": BACKEND})
    out = "\n".join(files.values())
    assert out.count('resource "azurerm_resource_group"') == 1
    assert 'default     = "rg-ovh-translated"' in _block(out, 'variable "resource_group_name"')
    assert 'default     = "francecentral"' in _block(out, 'variable "resource_group_location"')
    assert "resource_group_name = azurerm_resource_group.main.name" in _block(
        out, 'resource "azurerm_virtual_network" "n"')


def test_child_module_reads_the_group_its_caller_passes() -> None:
    files, diags = _run({"main.tf": ROOT, "modules/net/main.tf": CHILD})
    root = "\n".join(t for p, t in files.items() if not p.startswith("modules/"))
    child = "\n".join(t for p, t in files.items() if p.startswith("modules/"))
    call = _block(root, 'module "net"')
    assert "resource_group_name     = azurerm_resource_group.main.name" in call
    assert "resource_group_location = azurerm_resource_group.main.location" in call
    assert 'resource "azurerm_resource_group"' not in child
    assert "resource_group_name = var.resource_group_name" in child
    assert 'variable "resource_group_name"' in child and "default" not in _block(
        child, 'variable "resource_group_name"')
    # the root's resources are the module's, placed by the region the call passes (SBG5)
    loc = _block(root, 'variable "resource_group_location"')
    assert 'default     = "germanywestcentral"' in loc
    assert any(d.startswith("IT301 the resource group of the root module is in "
                            "germanywestcentral") for d in diags)


def test_module_without_azure_resources_gets_no_group_arguments() -> None:
    files, _ = _run({"main.tf": ROOT, "modules/net/main.tf": 'variable "region" {\n'
                     '  type = string\n}\n'})
    root = "\n".join(t for p, t in files.items() if not p.startswith("modules/"))
    assert "resource_group_name" not in _block(root, 'module "net"')


def test_kube_provider_takes_the_cluster_token() -> None:
    kc = "ovh_cloud_project_kube.k.kubeconfig_attributes[0]"
    src = f'''
resource "ovh_cloud_project_kube" "k" {{
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}}
provider "kubernetes" {{
  host                   = {kc}.host
  client_certificate     = base64decode({kc}.client_certificate)
  client_key             = base64decode({kc}.client_key)
  cluster_ca_certificate = base64decode({kc}.cluster_ca_certificate)
}}
'''
    r = translate({"main.tf": src}, "aks")
    p = _block("\n".join(r.files.values()), 'provider "kubernetes"')
    assert "token                  = azurerm_kubernetes_cluster.k.kube_config[0].password" in p
    assert "client_key" not in p
    assert any(d.code == "IT301" and "kube_config[0].password" in d.message
               for d in r.diagnostics)
