"""IT309 for a root variable with no default that sets a region or zone through the locals or
the for_each an argument reads (a pool per zone of a map variable), not when it only picks a
value by key (`lookup(local.by_env, each.key)`)."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
variable "zones" {
  type = map(object({ name = string }))
}
variable "envs" {
  type = set(string)
}
locals {
  pools  = { for k, az in var.zones : k => { az = az.name } }
  by_env = { prod = "GRA11", dev = "SBG5" }
}
resource "ovh_cloud_project_kube_nodepool" "per_zone" {
  for_each           = local.pools
  service_name       = "p"
  kube_id            = "k"
  name               = "pool-${each.key}"
  flavor_name        = "b3-8"
  desired_nodes      = 1
  availability_zones = each.value.az != null ? [each.value.az] : null
}
resource "ovh_cloud_project_kube" "per_env" {
  for_each     = var.envs
  service_name = "p"
  name         = each.key
  region       = lookup(local.by_env, each.key)
}
'''


def _said(target: str) -> dict[str, str]:
    r = translate({"main.tf": _SRC}, target)
    return {d.message.split("`")[1]: d.message for d in r.diagnostics
            if d.code == "IT309" and "has no default and sets" in d.message}


def test_a_zone_map_variable_read_through_for_each_and_a_local() -> None:
    for target in ("gke", "aks", "scaleway"):  # (EKS pools take subnets, not zones)
        said = _said(target)
        assert "zones" in said, (target, said)
        assert "through the locals or for_each" in said["zones"]


def test_a_variable_that_only_picks_a_mapped_value_is_not_reported() -> None:
    for target in ("gke", "eks"):
        assert "envs" not in _said(target), target


def test_the_top_directory_called_by_an_example_is_a_child_module() -> None:
    """`examples/basic` calling `../..` maps its literal inputs at the call: the top
    directory's variables are a child module's, whose callers give target values."""
    files = {
        "main.tf": '''
variable "region" {
  type = string
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = var.region
}
''',
        "examples/basic/main.tf": '''
module "k" {
  source = "../.."
  region = "GRA11"
}
'''}
    for target in ("gke", "eks"):
        r = translate(files, target)
        assert not [d for d in r.diagnostics if d.code == "IT309"
                    and "has no default" in d.message], target


def test_eks_words_for_a_cache_flavor_variable() -> None:
    src = '''
variable "flavor" {
  type = string
}
resource "ovh_cloud_project_database" "c" {
  service_name = "p"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = var.flavor
  nodes {
    region = "GRA"
  }
}
'''
    r = translate({"main.tf": src}, "eks")
    said = [d.message for d in r.diagnostics if d.code == "IT309" and "`flavor`" in d.message]
    assert said and "ElastiCache node type" in said[0] and "RDS" not in said[0], said


def test_a_variable_that_only_counts_the_nodes_is_not_reported() -> None:
    src = '''
variable "nodes_count" {
  type = number
}
variable "region" {
  type = string
}
locals {
  nodes = [for i in range(var.nodes_count) : { region = var.region }]
}
resource "ovh_cloud_project_database" "pg" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-4"
  dynamic "nodes" {
    for_each = local.nodes
    content {
      region = nodes.value.region
    }
  }
}
'''
    for target in ("gke", "eks"):
        r = translate({"main.tf": src}, target)
        said = {d.message.split("`")[1] for d in r.diagnostics
                if d.code == "IT309" and "has no default and sets the region" in d.message}
        assert "nodes_count" not in said, (target, said)
