"""helm 2's block syntax kept as written (set {}, kubernetes {}) requires helm ~> 2.17 when
the source requires no helm version: `terraform init` would install helm 3, which refuses
it. (No golden case: the shared schema oracle knows helm 3 only and would report the blocks.)"""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_KUBE = '''
resource "ovh_cloud_project_kube" "c" {
  service_name = "p"
  name         = "demo"
  region       = "GRA7"
}
'''
_HELM2 = '''
provider "helm" {
  kubernetes {
    host = ovh_cloud_project_kube.c.kubeconfig_attributes[0].host
  }
}

resource "helm_release" "ingress" {
  name  = "ingress"
  chart = "ingress-nginx"
  set {
    name  = "controller.service.type"
    value = "LoadBalancer"
  }
}
'''
_HELM3 = '''
provider "helm" {
  kubernetes = {
    host = ovh_cloud_project_kube.c.kubeconfig_attributes[0].host
  }
}

resource "helm_release" "ingress" {
  name  = "ingress"
  chart = "ingress-nginx"
  set   = [{ name = "controller.service.type", value = "LoadBalancer" }]
}
'''
_PIN = '''
terraform {
  required_providers {
    helm = {
      source  = "hashicorp/helm"
      version = "~> 2.9"
    }
  }
}
'''


def _run(src: str, target: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, target)
    return "\n".join(r.files.values()), [d.message for d in r.diagnostics if d.code == "IT301"
                                          and "helm 2's block syntax" in d.message]


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_helm2_blocks_get_a_helm2_requirement(target: str) -> None:
    # Before: no helm requirement, so init took helm 3 and plan refused `set {}` blocks.
    text, said = _run(_KUBE + _HELM2, target)
    assert 'helm' in text and 'version = "~> 2.17"' in text, text
    assert len(said) == 1
    # helm 3 syntax, or a version the source requires: nothing added
    for src in (_KUBE + _HELM3, _KUBE + _HELM2 + _PIN):
        text, said = _run(src, target)
        assert "~> 2.17" not in text and not said, text


@pytest.mark.parametrize("target", ["gke", "scaleway"])
def test_an_open_helm_requirement_gets_the_2x_version(target: str) -> None:
    # `>= 1.0` or no version installs helm 3 today: the source's requirement is narrowed.
    for version in ('\n      version = ">= 1.0"', ""):
        src = _KUBE + _HELM2 + _PIN.replace('\n      version = "~> 2.9"', version)
        text, said = _run(src, target)
        assert text.count('version = "~> 2.17"') == 1 and ">= 1.0" not in text, text
        assert len(said) == 1 and "an open helm version" in said[0]
