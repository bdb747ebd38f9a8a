"""depends_on entries naming resources the translation does not lower are kept as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from iac_translate.compiler.api import translate

_SRC = """
resource "ovh_cloud_project_kube" "c" {
  service_name = "p"
  name         = "c"
  region       = "GRA11"
}

resource "local_file" "values" {
  content  = "x: 1"
  filename = "${path.module}/values.yaml"
}

resource "null_resource" "after" {
  depends_on = [ovh_cloud_project_kube.c, local_file.values]
}

resource "null_resource" "before" {
  depends_on = [local_file.later]
}

resource "local_file" "later" {
  content  = "x: 2"
  filename = "${path.module}/later.yaml"
}
"""
_CLUSTER = {"gke": "google_container_cluster.c", "eks": "aws_eks_cluster.c",
            "scaleway": "scaleway_k8s_cluster.c", "aks": "azurerm_kubernetes_cluster.c"}


def _deps(text: str, label: str) -> list[str]:
    m = re.search(rf'^resource "null_resource" "{label}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, text
    d = re.search(r"depends_on\s*=\s*\[(.*?)\]", m.group(1), re.S)
    return [x.strip() for x in d.group(1).split(",") if x.strip()] if d else []


@pytest.mark.parametrize("target", sorted(_CLUSTER))
def test_kept_resources_stay_in_depends_on(tmp_path: Path, target: str) -> None:
    (tmp_path / "main.tf").write_text(_SRC, encoding="utf-8")
    res = translate(tmp_path, target)
    text = "".join(t for p, t in sorted(res.files.items()) if p.endswith(".tf"))
    # the OVH entry follows the translation; the local_file entries are kept, whether the
    # file is lowered before or after the resource depending on it
    assert _deps(text, "after") == [_CLUSTER[target], "local_file.values"]
    assert _deps(text, "before") == ["local_file.later"]
