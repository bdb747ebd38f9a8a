"""The kubeconfig of a counted or for_each EKS cluster: one per instance, read by index or key."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SRC = '''
resource "ovh_cloud_project_kube" "k" {
  count        = 2
  service_name = "p"
  name         = "k-${count.index}"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube" "f" {
  for_each     = toset(["a", "b"])
  service_name = "p"
  name         = "f-${each.key}"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube" "one" {
  service_name = "p"
  name         = "one"
  region       = "GRA11"
}
output "first" {
  value     = ovh_cloud_project_kube.k[0].kubeconfig
  sensitive = true
}
output "all" {
  value     = ovh_cloud_project_kube.k[*].kubeconfig
  sensitive = true
}
output "a" {
  value     = ovh_cloud_project_kube.f["a"].kubeconfig
  sensitive = true
}
output "by_key" {
  value     = { for k, c in ovh_cloud_project_kube.f : k => c.kubeconfig }
  sensitive = true
}
output "single" {
  value     = ovh_cloud_project_kube.one.kubeconfig
  sensitive = true
}
'''


def _out() -> tuple[str, list[str]]:
    r = translate({"main.tf": SRC}, target="eks")
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def test_count_and_for_each_clusters_get_one_kubeconfig_per_instance() -> None:
    out, _ = _out()
    assert "k_kubeconfig = [for cluster in aws_eks_cluster.k : yamlencode({" in out
    assert ("f_kubeconfig = { for key, cluster in aws_eks_cluster.f : key => yamlencode({"
            in out)
    assert "one_kubeconfig = yamlencode({" in out
    # the local reads the loop's cluster, never the counted resource without an index
    assert "aws_eks_cluster.k.name" not in out and "aws_eks_cluster.f.name" not in out
    assert "--cluster-name" in out and "cluster.region" in out


def test_references_read_the_instance() -> None:
    out, diags = _out()
    assert "value     = local.k_kubeconfig[0]" in out
    assert "value     = local.k_kubeconfig\n" in out
    assert 'value     = local.f_kubeconfig["a"]' in out
    assert "value     = local.one_kubeconfig" in out
    # a for expression's variable gets the kubeconfig built for that cluster
    assert "k => yamlencode({" in out and '"current-context" = c.name' in out
    assert not any(d.startswith("IT206") for d in diags), diags
