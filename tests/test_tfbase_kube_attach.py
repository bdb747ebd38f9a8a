"""What OVH attaches to a cluster (targets/tfbase/kube_attach.py) on scaleway and aks: one
reading of the attachment and its cluster, each cloud's notes from its kube.json."""

from __future__ import annotations

from typing import Any

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets.aks import kube_data as AKS
from iac_translate.targets.scaleway import kube_data as SCW

CLUSTER = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
  version      = "1.31"
}
'''
LOG = '''
resource "ovh_cloud_project_kube_log_subscription" "l" {
  service_name = "x"
  kube_id      = %s
  stream_id    = "s-1"
  kind         = "audit"
}
'''
TABLES: dict[str, Any] = {"scaleway": SCW, "aks": AKS}


def _run(target: str, src: str) -> tuple[str, list[tuple[str, str, str]]]:
    r = translate({"main.tf": src}, target)
    return "\n".join(r.files.values()), [(d.code, d.message, d.hint) for d in r.diagnostics]


def _said(target: str, key: str, **values: str) -> tuple[str, str, str]:
    n = TABLES[target].table()["notes"][key]
    return (n["code"], n["text"].format(**values), n.get("hint", "").format(**values))


@pytest.mark.parametrize("target", TABLES)
def test_a_log_subscription_is_reported_and_its_stream_read(target: str) -> None:
    out, diags = _run(target, CLUSTER + LOG % "ovh_cloud_project_kube.k.id")
    address = "ovh_cloud_project_kube_log_subscription.l"
    assert _said(target, "attach.audit_log", address=address) in diags
    assert not [d for d in diags if "stream_id" in d[1]]  # (consumed: not a dropped argument)
    assert "s-1" not in out


@pytest.mark.parametrize("target", TABLES)
def test_an_attachment_to_a_cluster_not_declared_is_said_once(target: str) -> None:
    src = 'variable "kube" {\n  type = string\n}\n' + LOG % "var.kube"
    _, diags = _run(target, src)
    address = "ovh_cloud_project_kube_log_subscription.l"
    said = [d for d in diags if d[1].startswith(address)]
    assert said == [_said(target, "attach.cluster_not_declared", address=address)]


def test_the_scaleway_acl_keeps_the_timeouts_it_takes() -> None:
    src = CLUSTER + '''
resource "ovh_cloud_project_kube_iprestrictions" "r" {
  service_name = "x"
  kube_id      = ovh_cloud_project_kube.k.id
  ips          = ["10.0.0.0/8"]
  timeouts {
    create = "5m"
  }
}
'''
    out, _ = _run("scaleway", src)
    acl = out[out.index('resource "scaleway_k8s_acl" "r"'):]
    assert 'ip          = "10.0.0.0/8"' in acl and 'create = "5m"' in acl.split("\n}")[0]


def test_aks_reports_an_oidc_provider_on_a_declared_cluster() -> None:
    src = CLUSTER + '''
resource "ovh_cloud_project_kube_oidc" "o" {
  service_name = "x"
  kube_id      = ovh_cloud_project_kube.k.id
  client_id    = "c"
  issuer_url   = "https://issuer.example.com"
}
'''
    _, diags = _run("aks", src)
    assert _said("aks", "attach.oidc", address="ovh_cloud_project_kube_oidc.o") in diags
