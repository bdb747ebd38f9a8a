"""EKS node groups of OVH pools pinned to availability zones: the subnets of those zones."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

NET = '''
resource "ovh_cloud_project_network_private" "n" {
  service_name = "x"
  name         = "n"
  regions      = ["%(region)s"]
}
resource "ovh_cloud_project_network_private_subnet" "n" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.n.id
  region       = "%(region)s"
  network      = "10.30.0.0/16"
  start        = "10.30.0.10"
  end          = "10.30.255.250"
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = "x"
  name               = "k"
  region             = "%(region)s"
  private_network_id = ovh_cloud_project_network_private.n.id
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.n.id
}
variable "zone" {
  type = string
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name       = "x"
  kube_id            = ovh_cloud_project_kube.k.id
  name               = "p"
  flavor_name        = "b3-16"
  desired_nodes      = 1
  availability_zones = %(zones)s
}
'''


def _run(region: str, zones: str) -> tuple[str, list[str]]:
    result = translate({"main.tf": NET % {"region": region, "zones": zones}}, "eks",
                       TranslateOptions())
    text = "\n".join(result.files.values())
    group = text.split('resource "aws_eks_node_group" "p"')[1].split("\n}\n")[0]
    return group, [f"{d.code} {d.message}" for d in result.diagnostics if "zones of" in d.message]


def test_pool_of_two_zones_of_a_3az_region_runs_in_their_subnets() -> None:
    group, diags = _run("EU-WEST-PAR", '["eu-west-par-c", "eu-west-par-a"]')
    assert "subnet_ids      = [aws_subnet.n_a.id, aws_subnet.n_c.id]" in group
    assert diags and "runs in the private subnets of those zones" in diags[0]


def test_unknown_zone_keeps_every_subnet_and_the_warning() -> None:
    for region, zones in (("EU-WEST-PAR", "[var.zone]"), ("GRA11", '["gra11-c"]')):
        group, diags = _run(region, zones)
        assert "aws_subnet.n_a.id, aws_subnet.n_b.id" in group, (region, group)
        assert diags and "keep only the subnets of those zones" in diags[0], diags
