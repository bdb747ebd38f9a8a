"""AKS and Scaleway: an output of the whole OVH kubeconfig_attributes list."""

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
'''


@pytest.mark.parametrize("target,host", [
    ("aks", '"https://${azurerm_kubernetes_cluster.k.fqdn}:443"'),
    ("scaleway", "scaleway_k8s_cluster.k.kubeconfig[0].host")])
def test_the_whole_list_is_a_list_of_the_one_object(target: str, host: str) -> None:
    # howling-trader outputs.tf: a TODO(IT206) string and an IT328 error before
    r = translate({"main.tf": _SRC}, target)
    text = r.files["main.tf"]
    out = text[text.index('output "kubeconfig_attributes"'):]
    assert "TODO" not in out
    assert not [d for d in r.diagnostics if d.code in ("IT206", "IT328")]
    assert out.split()[4:8] == ["=", "[", "{", "host"] and host in out.split("\n")[3]
