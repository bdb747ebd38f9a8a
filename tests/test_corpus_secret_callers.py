"""A child module's literal credential made a required variable is passed by its callers."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from iac_translate.compiler.api import translate

_KUBE = """
resource "ovh_cloud_project_kube" "cluster" {
  service_name = "p"
  name         = "apps"
  region       = "GRA11"
}
"""
_CHILD = """
variable "api_token" {
  type    = string
  default = "tok-0d3f9a7c5b21e8f4"
}

locals {
  db_password = "p4ssw0rd-Literal-9x"
}

resource "kubernetes_secret" "app" {
  metadata {
    name = "app"
  }
  data = {
    api_token   = var.api_token
    db_password = local.db_password
  }
}
"""


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    return root


def _block(text: str, kind: str, label: str) -> str:
    m = re.search(rf'^{kind} "{label}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, f'{kind} "{label}" not in:\n{text}'
    return m.group(1)


def _all(files: dict[str, str], module: str) -> str:
    return "".join(t for p, t in sorted(files.items()) if p.rpartition("/")[0] == module)


@pytest.mark.parametrize("target", ["gke", "eks", "scaleway", "aks"])
def test_the_root_call_passes_the_new_variables(tmp_path: Path, target: str) -> None:
    src = _write(tmp_path, {"main.tf": _KUBE + 'module "app" {\n  source = "./modules/app"\n}\n',
                            "modules/app/main.tf": _CHILD})
    res = translate(src, target)
    root = _all(res.files, "")
    call = _block(root, "module", "app")
    assert re.search(r"^\s*api_token\s+= var\.api_token$", call, re.M), call
    assert re.search(r"^\s*db_password\s+= var\.db_password$", call, re.M), call
    for name in ("api_token", "db_password"):
        var = _block(root, "variable", name)
        assert "sensitive   = true" in var and "default" not in var
    child = _all(res.files, "modules/app")
    assert "tok-0d3f9a7c5b21e8f4" not in child and "p4ssw0rd" not in child
    helps = [d.hint for d in res.diagnostics if d.code == "IT315"]
    assert helps and all(h and "TF_VAR_" in h for h in helps), helps


def test_a_chain_of_modules_is_passed_up_to_the_root(tmp_path: Path) -> None:
    src = _write(tmp_path, {
        "main.tf": _KUBE + 'module "mid" {\n  source = "./modules/mid"\n}\n',
        "modules/mid/main.tf": 'module "leaf" {\n  source = "../leaf"\n}\n',
        "modules/leaf/main.tf": _CHILD})
    res = translate(src, "gke")
    leaf_call = _block(_all(res.files, "modules/mid"), "module", "leaf")
    assert re.search(r"^\s*api_token\s+= var\.api_token$", leaf_call, re.M), leaf_call
    assert "sensitive" in _block(_all(res.files, "modules/mid"), "variable", "api_token")
    mid_call = _block(_all(res.files, ""), "module", "mid")
    assert re.search(r"^\s*api_token\s+= var\.api_token$", mid_call, re.M), mid_call
    assert "sensitive" in _block(_all(res.files, ""), "variable", "api_token")


def test_a_call_giving_its_own_value_is_left_alone(tmp_path: Path) -> None:
    src = _write(tmp_path, {
        "main.tf": _KUBE + 'variable "tok" {\n  type = string\n}\n\nmodule "app" {\n'
                   '  source    = "./modules/app"\n  api_token = var.tok\n}\n',
        "modules/app/main.tf": _CHILD})
    res = translate(src, "gke")
    root = _all(res.files, "")
    call = _block(root, "module", "app")
    assert re.search(r"^\s*api_token\s+= var\.tok$", call, re.M), call
    assert 'variable "api_token"' not in root


def test_a_project_id_default_is_not_a_credential(tmp_path: Path) -> None:
    """The variable's name decides for its default as for any argument: hex named as an
    identifier (service_name = the OVH project id) stays; a secret-named one goes."""
    src = _write(tmp_path, {"main.tf": _KUBE.replace('"p"', "var.service_name") +
                            'variable "service_name" {\n  default = '
                            '"4c1a9be27d0f4e6a8b35c2d7e9f01a6b"\n}\n'
                            'variable "api_key" {\n  default = "9f2b7c41d0e84a6c"\n}\n'})
    res = translate(src, "gke")
    root = _all(res.files, "")
    assert '"4c1a9be27d0f4e6a8b35c2d7e9f01a6b"' in _block(root, "variable", "service_name")
    assert "default" not in _block(root, "variable", "api_key")
    assert [d.message for d in res.diagnostics if d.code == "IT315"] == [
        "the default of variable `api_key` is a literal credential; it is not written, so the "
        "variable is required"]
