"""AKS names with short limits (node pools: 12, storage accounts: 24) keep a hash where they
are cut: two OVH names stay two Azure names, the same name always gives the same one, and a
rewrite is reported (IT324; IT301 for a computed pool name)."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.hcl.parser import parse_body_text
from iac_translate.targets.tfeval import Scope

CLUSTER = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "p1"
  name         = "prod"
  region       = "GRA11"
}
'''
POOL = '''
resource "ovh_cloud_project_kube_nodepool" "%s" {
  kube_id       = ovh_cloud_project_kube.k.id
  name          = %s
  flavor_name   = "b3-8"
  desired_nodes = 1
}
'''
BACKEND = '''
terraform {
  backend "s3" {
    bucket   = "%s"
    key      = "state.tfstate"
    region   = "gra"
    endpoint = "https://s3.gra.io.cloud.ovh.net"
  }
}
'''
VARS = 'variable "x" {\n  default = "A"\n}\nvariable "y" {\n  default = "B"\n}\n'
POOL_NAME = re.compile(r"^[a-z][a-z0-9]{0,11}$")
ACCOUNT = re.compile(r"^[a-z0-9]{3,24}$")


def _pool_names(tf: str) -> dict[str, str | None]:
    """azurerm_kubernetes_cluster_node_pool label -> the name Terraform computes for it."""
    r = translate({"main.tf": CLUSTER + tf}, "aks")
    body = parse_body_text(r.files["main.tf"], "main.tf")
    scope = Scope({"main.tf": body})
    return {b.labels[1]: scope.string(b.body.attr("name").expr, "main.tf")
            for b in body.blocks("resource")
            if b.labels[0] == "azurerm_kubernetes_cluster_node_pool"}


def _account(bucket: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": CLUSTER + BACKEND % bucket}, "aks")
    m = re.search(r'storage_account_name = "([^"]*)"', r.files["main.tf"])
    assert m, r.files["main.tf"]
    return m.group(1), [d.message for d in r.diagnostics if d.code == "IT324"
                        and "storage_account_name" in d.message]


def test_two_literal_pool_names_differing_after_twelve_stay_two() -> None:
    names = _pool_names(POOL % ("a", '"general-purpose-a"') + POOL % ("b", '"general-purpose-b"'))
    assert names["a"] != names["b"], names
    assert all(POOL_NAME.match(n or "") for n in names.values()), names
    r = translate({"main.tf": CLUSTER + POOL % ("a", '"general-purpose-a"')}, "aks")
    assert any(d.code == "IT324" and "general-purpose-a" in d.message for d in r.diagnostics)


@pytest.mark.parametrize("a, b", [("general-purpose-a", "general-purpose-b"),
                                  ("gpu-pool-l40s-x1", "gpu-pool-l40s-x2")])
def test_computed_pool_names_differing_after_twelve_stay_two(a: str, b: str) -> None:
    """`"${var.prefix}"` with two values: the wrapper Terraform evaluates keeps a hash."""
    tf = (VARS.replace("A", a).replace("B", b)
          + POOL % ("a", '"${var.x}"') + POOL % ("b", '"${var.y}"'))
    names = _pool_names(tf)
    assert names["a"] and names["b"] and names["a"] != names["b"], names
    assert all(POOL_NAME.match(n or "") for n in names.values()), names
    r = translate({"main.tf": CLUSTER + tf}, "aks")
    assert sum(d.code == "IT301" and "name of" in d.message for d in r.diagnostics) == 2


def test_a_computed_pool_name_within_the_limit_is_only_cleaned() -> None:
    names = _pool_names('variable "x" {\n  default = "gpu-1"\n}\n' + POOL % ("a", '"${var.x}"'))
    assert names == {"a": "gpu1"}


def test_state_accounts_of_buckets_differing_after_24_stay_two() -> None:
    one, said_one = _account("acme-platform-terraform-state-production")
    two, said_two = _account("acme-platform-terraform-state-staging")
    assert one != two
    assert ACCOUNT.match(one) and ACCOUNT.match(two), (one, two)
    assert one.startswith("acmeplatformterrafor") and two.startswith("acmeplatformterrafor")
    assert _account("acme-platform-terraform-state-production")[0] == one  # deterministic
    assert len(said_one) == len(said_two) == 1 and f"`{one}`" in said_one[0]


def test_a_bucket_that_is_an_account_name_is_kept_unreported() -> None:
    assert _account("tfstate2024prod") == ("tfstate2024prod", [])


def test_a_short_bucket_is_padded_to_an_account_name() -> None:
    name, said = _account("s3")
    assert ACCOUNT.match(name) and name.startswith("s3"), name
    assert len(said) == 1
