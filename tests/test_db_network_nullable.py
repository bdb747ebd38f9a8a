"""A database's network id given by a caller may be null (a public database on OVH): EKS falls
back to the default VPC only then; GKE Valkey endpoints never read such an id, and get a
service connection policy on a network declared beside them."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_DB = '''
variable "network_id" {
  type = string
%s
}
resource "ovh_cloud_project_database" "cache" {
  service_name = "abc"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db2-4"
  nodes {
    region     = "GRA"
    network_id = var.network_id
  }
}
'''


@pytest.mark.parametrize("decl, nullable", [
    ("", False),  # required: every caller gives one
    ("  default = null", True),
    ("  default = null\n  nullable = false", False),
    ('  default = "vpc-0abc"', False),
])
def test_eks_default_vpc_only_when_the_id_may_be_null(decl: str, nullable: bool) -> None:
    r = translate({"main.tf": _DB % decl}, "eks")
    main = r.files["main.tf"]
    fallback = "vpc_id      = var.network_id == null ? data.aws_vpc.default.id : var.network_id"
    assert (fallback in main) is nullable, main
    assert any(d.code == "IT301" and "may be null" in d.message
               for d in r.diagnostics) is nullable
    if nullable:  # the tagged lookup never filters on a null VPC id (plan would fail)
        scaffold = r.files["eks_scaffold.tf"]
        assert "values = [var.network_id]" not in scaffold, scaffold


def test_gke_valkey_never_uses_a_caller_network_id() -> None:
    r = translate({"main.tf": _DB % "  default = null"}, "gke")
    main = r.files["main.tf"]
    assert "network    = var.network_id" not in main
    assert "network    = var.cache_network" in main
    assert any(d.code == "IT308" and "may be null" in d.message for d in r.diagnostics)


_NET = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "abc"
  name         = "net"
  regions      = ["GRA11", "SBG5"]
}
resource "ovh_cloud_project_network_private_subnet" "gra" {
  service_name = "abc"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.1.0.0/24"
  start        = "10.1.0.10"
  end          = "10.1.0.200"
  dhcp         = true
}
resource "ovh_cloud_project_network_private_subnet" "sbg" {
  service_name = "abc"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "SBG5"
  network      = "10.2.0.0/24"
  start        = "10.2.0.10"
  end          = "10.2.0.200"
  dhcp         = true
}
'''
_CACHE = '''
resource "ovh_cloud_project_database" "%s" {
  service_name = "abc"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db2-4"
  nodes {
    region     = "%s"
    network_id = ovh_cloud_project_network_private.net.id
  }
}
'''


def test_gke_one_policy_per_network_and_region() -> None:
    src = _NET + _CACHE % ("a", "GRA") + _CACHE % ("b", "GRA") + _CACHE % ("c", "SBG")
    r = translate({"main.tf": src}, "gke")
    out = "\n".join(r.files.values())
    policies = out.count('resource "google_network_connectivity_service_connection_policy"')
    assert policies == 2, out  # GRA's is shared by a and b; SBG has its own
    assert "subnetworks = [google_compute_subnetwork.gra.id]" in out
    assert "subnetworks = [google_compute_subnetwork.sbg.id]" in out
    assert out.count("depends_on = [google_network_connectivity_service_connection_policy.") \
        == 3


def test_gke_kafka_never_uses_a_caller_subnet_id() -> None:
    src = '''
variable "subnet_id" {
  type = string
}
resource "ovh_cloud_project_database" "events" {
  service_name = "abc"
  engine       = "kafka"
  version      = "3.8"
  plan         = "business"
  flavor       = "db1-4"
  nodes {
    region    = "GRA"
    subnet_id = var.subnet_id
  }
}
'''
    r = translate({"main.tf": src}, "gke")
    main = r.files["main.tf"]
    assert "subnet = var.subnet_id" not in main
    assert any(d.code == "IT308" and "`var.subnet_id`, not a subnet declared" in d.message
               for d in r.diagnostics), r.diagnostics


def test_aks_cache_stays_public_when_its_network_may_be_null() -> None:
    r = translate({"main.tf": _DB % "  default = null"}, "aks")
    main = "\n".join(r.files.values())
    assert "public_network_access_enabled = var.network_id == null" in main, main
    r = translate({"main.tf": _DB % ""}, "aks")  # required: a network is given
    assert "public_network_access_enabled = false" in "\n".join(r.files.values())
