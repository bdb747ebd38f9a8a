"""Every target: an output of the whole OVH kubeconfig_attributes list is a list of the one
target object (howling-trader outputs.tf: a TODO(IT206) string and an IT328 error before);
an item of the list keeps its own rule."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_SRC = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "k"
  region       = "GRA11"
}
output "kubeconfig_attributes" {
  value     = ovh_cloud_project_kube.k.kubeconfig_attributes
  sensitive = true
}
output "first_host" {
  value = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
}
'''

# target -> (what the list's host reads, what its CA certificate reads)
HOST_CA = {
    "gke": ('"https://${google_container_cluster.k.endpoint}"',
            "google_container_cluster.k.master_auth[0].cluster_ca_certificate"),
    "eks": ("aws_eks_cluster.k.endpoint", "aws_eks_cluster.k.certificate_authority[0].data"),
    "aks": ('"https://${azurerm_kubernetes_cluster.k.fqdn}:443"', None),
    "scaleway": ("scaleway_k8s_cluster.k.kubeconfig[0].host", None)}


@pytest.mark.parametrize("target", HOST_CA)
def test_the_whole_list_is_a_list_of_the_one_object(target: str) -> None:
    r = translate({"main.tf": _SRC}, target)
    text = r.files["main.tf"]
    out = text[text.index('output "kubeconfig_attributes"'):]
    assert "TODO" not in out
    assert not [d for d in r.diagnostics if d.code in ("IT206", "IT328")]
    assert out.split()[4:8] == ["=", "[", "{", "host"]
    host, ca = HOST_CA[target]
    assert host in out.split("\n")[3]
    assert ca is None or ca in out


@pytest.mark.parametrize("target", ["gke", "eks"])
def test_an_item_keeps_its_own_rule(target: str) -> None:
    text = translate({"main.tf": _SRC}, target).files["main.tf"]
    first = text[text.index('output "first_host"'):text.index('output "kubeconfig_attributes"')]
    assert f"value = {HOST_CA[target][0]}" in first
