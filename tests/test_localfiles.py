"""IT341: every Terraform target says which files beside the configuration it leaves behind."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.api import TranslateOptions, translate

_MAIN = """
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "web"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = "p"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "pool"
  flavor_name   = "b3-16"
  desired_nodes = 2
}

resource "helm_release" "web" {
  name       = "web"
  chart      = "./charts/web"
  namespace  = "web"
  values     = [templatefile("${path.module}/values.tftpl", { replicas = 2 })]
  depends_on = [ovh_cloud_project_kube_nodepool.pool]
}

resource "helm_release" "remote" {
  name       = "remote"
  repository = "https://charts.example.com"
  chart      = "remote"
  values     = [file("/etc/values.yaml")]
  depends_on = [ovh_cloud_project_kube_nodepool.pool]
}
"""


def _line(text: str) -> int:
    return next(i for i, line in enumerate(_MAIN.splitlines(), 1) if text in line)


def _it341(tmp_path: Path, target: str) -> list[str]:
    (tmp_path / "main.tf").write_text(_MAIN, encoding="utf-8")
    (tmp_path / "values.tftpl").write_text("replicas: ${replicas}\n", encoding="utf-8")
    (tmp_path / "charts" / "web").mkdir(parents=True)
    result = translate(tmp_path, target, TranslateOptions())
    return sorted(f"{d.span.line}:{d.message.split('`')[1]}" for d in result.diagnostics
                  if d.code == "IT341" and d.span is not None)


@pytest.mark.parametrize("target", ["gke", "eks", "scaleway", "aks"])
def test_each_terraform_target_reports_the_local_files_once(tmp_path: Path,
                                                              target: str) -> None:
    # The relative chart and the templatefile() below path.module, each once (the family
    # targets' own finish and the shared one must not both report it); the repository
    # chart and the absolute file() path are not beside the configuration.
    assert _it341(tmp_path, target) == [f"{_line('./charts/web')}:charts/web",
                                        f"{_line('values.tftpl')}:values.tftpl"]


def test_eks_reports_them_although_its_finish_is_its_own(tmp_path: Path) -> None:
    # EksTarget.finish does not call FamilyTarget.finish: the check must follow it anyway.
    from iac_translate.targets.eks.target import EksTarget
    from iac_translate.targets.tfbase.family_target import FamilyTarget
    assert "finish" in EksTarget.__dict__
    assert EksTarget.finish is not FamilyTarget.finish
    assert len(_it341(tmp_path, "eks")) == 2
