"""GKE defects found by the EKS reviews: provider region from openstack, versions, protection."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_NET = '''
provider "openstack" {
  region = %s
}
%s
resource "openstack_networking_network_v2" "n" {
  name = "n"
}
resource "openstack_networking_subnet_v2" "s" {
  network_id = openstack_networking_network_v2.n.id
  cidr       = "10.0.0.0/24"
}
'''


def _provider(files: dict[str, str]) -> str:
    text = files["gke_scaffold.tf"]
    return text[text.index('provider "google"'):].split("}", 1)[0]


def test_google_provider_takes_the_openstack_region() -> None:
    r = translate({"main.tf": _NET % ('"GRA11"', "")}, "gke")
    assert 'region  = "europe-west1"' in _provider(r.files)


def test_openstack_region_from_a_variable_default_is_said() -> None:
    var = 'variable "reg" {\n  default = "GRA11"\n}'
    r = translate({"main.tf": _NET % ("var.reg", var)}, "gke")
    assert 'region  = "europe-west1"' in _provider(r.files)
    assert any(d.code == "IT301" and "var.reg" in d.message for d in r.diagnostics)


def test_no_openstack_region_no_provider_region() -> None:
    r = translate({"main.tf": (_NET % ('"GRA11"', "")).replace('region = "GRA11"', "")},
                  "gke")
    assert "region" not in _provider(r.files)
