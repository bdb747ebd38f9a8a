"""EKS node pools whose cluster is declared elsewhere join that cluster's subnets."""

from __future__ import annotations

from iac_translate.compiler.api import translate

POOL = '''variable "project" {
  type = string
}

variable "clusters" {
  type = map(string)
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  for_each      = var.clusters
  service_name  = var.project
  kube_id       = each.value
  name          = each.key
  flavor_name   = "b3-16"
  desired_nodes = 2
}
'''


def test_a_cluster_given_once_is_looked_up_for_its_subnets() -> None:
    src = POOL.replace("for_each      = var.clusters\n", "").replace(
        "each.value", "var.project").replace("each.key", '"p"')
    r = translate({"main.tf": src}, "eks")
    text = "".join(r.files.values())
    assert 'data "aws_eks_cluster" "pool_cluster"' in text
    assert "subnet_ids      = data.aws_eks_cluster.pool_cluster.vpc_config[0].subnet_ids" in text


def test_a_cluster_per_instance_is_said_not_to_be_looked_up() -> None:
    r = translate({"main.tf": POOL}, "eks")
    assert "aws_eks_cluster" not in "".join(r.files.values())
    assert any(d.code == "IT308" and "differs per instance" in d.message for d in r.diagnostics)
