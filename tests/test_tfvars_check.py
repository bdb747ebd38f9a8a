"""Variable files: only those in a root's own directory are read (not `secrets/` below it,
not a called module's), and only their OVH values for mapped variables are said (IT385)."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import translate

_MAIN = '''
variable "region" {
  type    = string
  default = "GRA11"
}
module "m" {
  source = "./modules/m"
  region = var.region
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = var.region
}
'''
_MOD = '''
variable "region" {
  type = string
}
resource "ovh_cloud_project_network_private" "n" {
  service_name = "p"
  name         = "n"
  regions      = [var.region]
}
'''


def test_only_the_roots_own_variable_files(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_MAIN, encoding="utf-8")
    (tmp_path / "prod.tfvars").write_text('region = "SBG5"\n', encoding="utf-8")
    (tmp_path / "secrets").mkdir()
    (tmp_path / "secrets" / "prod.tfvars").write_text('region = "BHS5"\n', encoding="utf-8")
    (tmp_path / "modules" / "m").mkdir(parents=True)
    (tmp_path / "modules" / "m" / "main.tf").write_text(_MOD, encoding="utf-8")
    (tmp_path / "modules" / "m" / "x.tfvars").write_text('region = "WAW1"\n',
                                                         encoding="utf-8")
    r = translate(tmp_path, "gke")
    said = [d for d in r.diagnostics if d.code == "IT385"]
    assert [str(d.span) for d in said] == ["prod.tfvars:1:10"], said
    assert "`SBG5` -> `europe-west3`" in said[0].hint
    assert not any("tfvars" in p for p in r.files)  # (the user's input: never written)


def test_values_of_other_variables_are_not_said(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(_MAIN + 'variable "token" {\n  type = string\n}\n',
                                      encoding="utf-8")
    (tmp_path / "terraform.tfvars").write_text('token = "GRA11"\n', encoding="utf-8")
    (tmp_path / "modules" / "m").mkdir(parents=True)
    (tmp_path / "modules" / "m" / "main.tf").write_text(_MOD, encoding="utf-8")
    r = translate(tmp_path, "gke")
    assert not [d for d in r.diagnostics if d.code == "IT385"]
