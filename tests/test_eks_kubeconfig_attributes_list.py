"""EKS: an output of the whole OVH kubeconfig_attributes list is a list of the one object."""

from __future__ import annotations

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


def test_the_whole_list_is_a_list_of_the_one_object() -> None:
    # howling-trader platform outputs.tf: a TODO(IT206) string and an IT328 error before
    r = translate({"main.tf": _SRC}, "eks")
    text = r.files["main.tf"]
    out = text[text.index('output "kubeconfig_attributes"'):]
    assert "TODO" not in out
    assert not [d for d in r.diagnostics if d.code in ("IT206", "IT328")]
    assert out.split()[4:8] == ["=", "[", "{", "host"]
    assert "aws_eks_cluster.k.endpoint" in out
    assert "aws_eks_cluster.k.certificate_authority[0].data" in out
    # an item reference keeps its own (longer) rule
    first = text[text.index('output "first_host"'):text.index('output "kubeconfig_attributes"')]
    assert "value = aws_eks_cluster.k.endpoint" in first
