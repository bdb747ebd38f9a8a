"""GKE: an output of the whole OVH kubeconfig_attributes list (not one item of it)."""

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
output "host" {
  value = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
}
'''


def test_the_whole_list_is_the_one_gke_object() -> None:
    # howling-trader outputs.tf: `value = ....kubeconfig_attributes` became a TODO(IT206)
    # string and an IT328 error; items of the list already had their rules.
    r = translate({"main.tf": _SRC}, "gke")
    text = r.files["main.tf"]
    assert "TODO" not in text
    assert not [d for d in r.diagnostics if d.code in ("IT206", "IT328")]
    out = text[text.index('output "kubeconfig_attributes"'):]
    assert out.split("sensitive", 1)[0].split() == [
        'output', '"kubeconfig_attributes"', '{', 'value', '=', '[', '{',
        'host', '=', '"https://${google_container_cluster.k.endpoint}"',
        'cluster_ca_certificate', '=',
        'google_container_cluster.k.master_auth[0].cluster_ca_certificate',
        'client_certificate', '=', '""', 'client_key', '=', '""', '},', ']']
    assert 'value = "https://${google_container_cluster.k.endpoint}"' in text
