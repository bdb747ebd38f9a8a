"""An ordered OVH project (ovh_cloud_project, omitted: IT310): its references read the project
the target provider deploys into, with one IT308 (targets/tfbase/omitted.py)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

SRC = '''
resource "ovh_cloud_project" "spoke" {
  description = "spoke-${var.env}"
}
variable "env" {
  type    = string
  default = "dev"
}
module "net" {
  source     = "./net"
  project_id = ovh_cloud_project.spoke.project_id
}
output "urn" {
  value = "urn:v1:eu:resource:publicCloudProject:${ovh_cloud_project.spoke.project_id}"
}
output "label" {
  value = ovh_cloud_project.spoke.project_name
}
'''
NET = 'variable "project_id" {\n  type = string\n}\n'
# what the project id reads; the data source scaffolded for it (None: a variable)
PROJECT = {"gke": ("data.google_client_config.default.project",
                   'data "google_client_config" "default" {}'),
           "eks": ("data.aws_caller_identity.current.account_id",
                   'data "aws_caller_identity" "current" {}'),
           "aks": ("data.azurerm_client_config.current.subscription_id",
                   'data "azurerm_client_config" "current" {}'),
           "scaleway": ("data.scaleway_account_project.current.id",
                        'data "scaleway_account_project" "current" {}')}


@pytest.mark.parametrize("target", PROJECT)
def test_an_ordered_project_reads_the_target_project(target: str) -> None:
    r = translate({"main.tf": SRC, "net/main.tf": NET}, target)
    out = "\n".join(r.files.values())
    expr, block = PROJECT[target]
    assert f"project_id = {expr}\n" in out
    assert f"publicCloudProject:${{{expr}}}" in out
    assert 'value = "spoke-${var.env}"' in out  # project_name: the description
    assert "ovh_cloud_project" not in out
    if block is not None:
        assert out.count(block) == 1
    codes = [(d.code, d.message) for d in r.diagnostics]
    assert [c for c, m in codes if c == "IT310" and "ovh_cloud_project.spoke" in m]
    said = [m for c, m in codes if c == "IT308" and "ovh_cloud_project.spoke" in m]
    assert len(said) == 1 and expr in said[0] and "create it first" in said[0]
    assert not [c for c, _ in codes if c in ("IT326", "IT206")]


def test_a_project_nothing_reads_scaffolds_nothing() -> None:
    src = 'resource "ovh_cloud_project" "p" {\n  description = "p"\n}\n'
    out = "\n".join(translate({"main.tf": src}, "eks").files.values())
    assert "aws_caller_identity" not in out


def test_a_child_module_reads_a_project_it_can_reach() -> None:
    """var.gcp_project_id is a root's: a project ordered in a child module reads the
    provider's project through the client-config data source there (one block)."""
    r = translate({"main.tf": 'module "m" {\n  source = "./m"\n}\n', "m/main.tf": SRC,
                   "m/net/main.tf": NET}, "gke")
    child = "\n".join(t for p, t in r.files.items() if p.startswith("m/"))
    assert "project_id = data.google_client_config.default.project" in child
    assert child.count('data "google_client_config" "default"') == 1
    assert "var.gcp_project_id" not in child
    assert not [d for d in r.diagnostics if d.code in ("IT326", "IT206")]
