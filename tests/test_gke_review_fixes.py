"""GKE defects found by the EKS reviews: provider region from openstack, versions, protection."""

from __future__ import annotations

import re

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


_KUBE = '''
%s
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
  version      = %s
}
'''


def _floor() -> tuple[int, int]:
    from iac_translate.targets.mapping import data_table
    from iac_translate.targets.tfbase.kube_version import minor
    found = minor(data_table("gke/platform.json")["kubernetes"]["min_version"])
    assert found is not None
    return found


def _kube(version: str, default: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    var = "" if default is None else f'variable "v" {{\n  default = {default}\n}}'
    r = translate({"main.tf": _KUBE % (var, version)}, "gke")
    # attributes are aligned: one space around `=` whatever the column
    main = re.sub(r" +=", " =", r.files["main.tf"])
    return main, [(d.code, d.message) for d in r.diagnostics]


def test_literal_version_too_old_is_left_to_the_channel() -> None:
    major, minor = _floor()
    main, diags = _kube(f'"{major}.{minor - 2}"')
    assert "min_master_version" not in main and "precondition" not in main
    assert any(c == "IT336" for c, _ in diags)


def test_literal_version_offered_is_the_floor() -> None:
    major, minor = _floor()
    main, diags = _kube(f'"{major}.{minor + 1}"')
    assert f'min_master_version = "{major}.{minor + 1}"' in main
    assert "precondition" not in main and not any(c in ("IT333", "IT336") for c, _ in diags)


def test_variable_with_too_old_default_is_kept_and_guarded() -> None:
    major, minor = _floor()
    main, diags = _kube("var.v", f'"{major}.{minor - 1}"')
    assert "min_master_version = var.v" in main
    assert f'split(".", var.v)[1]) >= {minor}' in main
    assert any(c == "IT333" and "ovh_cloud_project_kube.k" in m for c, m in diags)
    assert not any(c == "IT336" for c, _ in diags)


def test_computed_version_without_default_is_guarded_without_error() -> None:
    main, diags = _kube("var.v", "null")
    assert "min_master_version = var.v" in main and "precondition" in main
    assert not any(c in ("IT333", "IT336") for c, _ in diags)


def test_deletion_protection_through_tfbase_names_the_address() -> None:
    from iac_translate.compiler.api import TranslateOptions
    src = _KUBE % ("", '"1.35"')
    r = translate({"main.tf": src}, "gke")
    said = [d.message for d in r.diagnostics if d.code == "IT337"]
    assert "the cluster of ovh_cloud_project_kube.k is protected against deletion (the " \
        "target's hardening default)" in said
    assert re.search(r"deletion_protection += true", r.files["main.tf"])
    off = translate({"main.tf": src}, "gke", TranslateOptions(deletion_protection=False))
    assert re.search(r"deletion_protection += false", off.files["main.tf"])
    assert not any(d.code == "IT337" and "deletion" in d.message for d in off.diagnostics)
