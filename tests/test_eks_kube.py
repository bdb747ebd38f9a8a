"""EKS lowering of the Kubernetes family: cluster, IAM, add-ons, node groups, attachments."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler import api
from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL
from iac_translate.targets.eks import kube_auth
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx
from schema.tfcheck import check_text, load_schemas

SCHEMAS = Path(__file__).parent / "data" / "schemas"

SRC = '''
variable "autoscale" {
  type = bool
}
variable "taints" {
  type    = list(object({ key = string, value = string, effect = string }))
  default = []
}
resource "ovh_cloud_project_kube" "k" {
  name            = "ml"
  region          = "GRA11"
  version         = "1.33"
  plan            = "free"
  update_policy   = "NEVER_UPDATE"
  kube_proxy_mode = "ipvs"
}
resource "ovh_cloud_project_kube_iprestrictions" "ips" {
  kube_id = ovh_cloud_project_kube.k.id
  ips     = ["203.0.113.0/24"]
}
resource "ovh_cloud_project_kube_oidc" "o" {
  kube_id             = ovh_cloud_project_kube.k.id
  issuer_url          = "https://id.example.org"
  client_id           = "k8s"
  oidc_groups_claim   = ["groups"]
  oidc_required_claim = ["aud=k8s"]
  oidc_signing_algs   = ["RS256"]
}
resource "ovh_cloud_project_kube_log_subscription" "audit" {
  kube_id   = ovh_cloud_project_kube.k.id
  kind      = "audit"
  stream_id = "abc"
}
resource "ovh_cloud_project_kube_nodepool" "gpu" {
  kube_id        = ovh_cloud_project_kube.k.id
  name           = "gpu"
  flavor_name    = "l4-90"
  autoscale      = true
  min_nodes      = 0
  max_nodes      = 3
  monthly_billed = true
  autoscaling_scale_down_utilization_threshold = 0.5
  template {
    metadata {
      labels      = { role = "gpu" }
      annotations = { a = "b" }
      finalizers  = []
    }
    spec {
      taints        = [{ key = "team", value = "ml", effect = "NoExecute" }]
      unschedulable = false
    }
  }
}
resource "ovh_cloud_project_kube_nodepool" "switch" {
  kube_id       = ovh_cloud_project_kube.k.id
  flavor_name   = "b3-8"
  autoscale     = var.autoscale
  desired_nodes = 2
  min_nodes     = 1
  max_nodes     = 5
  template {
    metadata {
      labels      = {}
      annotations = {}
      finalizers  = []
    }
    spec {
      taints        = var.taints
      unschedulable = false
    }
  }
}
output "kubeconfig" {
  value     = ovh_cloud_project_kube.k.kubeconfig
  sensitive = true
}
output "host" {
  value = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
}
'''


@pytest.fixture(scope="module")
def result() -> api.Result:
    return api.translate({"main.tf": SRC}, "eks")


def _codes(result: api.Result, code: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code]


def test_valid_against_the_aws_schema(result: api.Result) -> None:
    schemas = load_schemas(SCHEMAS)
    for name, text in result.files.items():
        assert [f for f in check_text(text, name, schemas)] == [], name
    assert not _codes(result, "IT315")  # policy ARNs are no credentials
    assert not _codes(result, "IT305") and not _codes(result, "IT338")


def test_cluster(result: api.Result) -> None:
    main = result.files["main.tf"]
    assert 'resource "aws_eks_cluster" "k"' in main
    assert 'support_type = "EXTENDED"' in main  # NEVER_UPDATE
    assert 'public_access_cidrs = ["203.0.113.0/24"]' in main
    assert 'enabled_cluster_log_types = ["audit"]' in main
    assert 'configuration_values = jsonencode({ mode = "ipvs" })' in main
    for addon in ("vpc-cni", "coredns", "kube-proxy", "eks-pod-identity-agent"):
        assert f'addon_name   = "{addon}"' in main or f'addon_name           = "{addon}"' in main
    assert "aws_eks_access_policy_association" in main
    assert "principal_arn = aws_eks_access_entry.k_admin.principal_arn" in main
    assert any("plan `free`" in m for m in _codes(result, "IT301"))
    assert any("EXTENDED support" in m for m in _codes(result, "IT301"))


def test_kubeconfig_and_host(result: api.Result) -> None:
    main = result.files["main.tf"]
    assert '"get-token"' in main and "aws_eks_cluster.k.certificate_authority[0].data" in main
    assert "value = aws_eks_cluster.k.endpoint" in main


def test_oidc(result: api.Result) -> None:
    main = result.files["main.tf"]
    assert 'resource "aws_eks_identity_provider_config" "o"' in main
    assert 'groups_claim                  = "groups"' in main
    assert 'required_claims               = { aud = "k8s" }' in main
    assert any("oidc_signing_algs" in m for m in _codes(result, "IT302"))


def test_gpu_node_group(result: api.Result) -> None:
    main = result.files["main.tf"]
    block = main[main.index('resource "aws_eks_node_group" "gpu"'):]
    block = block[:block.index("\n}\n")]
    assert 'ami_type        = "AL2023_x86_64_NVIDIA"' in block
    assert 'instance_types  = ["g6.' in block
    assert '"nvidia.com/gpu"' in block and 'effect = "NO_EXECUTE"' in block
    assert "ignore_changes = [scaling_config[0].desired_size]" in block
    assert "min_size     = 0" in block and "max_size     = 3" in block
    dropped = " ".join(_codes(result, "IT302"))
    assert "has no equivalent" not in dropped  # each said once, with its reason
    for arg in ("monthly_billed", "autoscaling_scale_down_utilization_threshold",
                "template.metadata.annotations"):
        assert arg in dropped
    notes = " ".join(_codes(result, "IT301"))
    assert "device plugin" in notes and "Cluster Autoscaler" not in notes  # in the hint
    assert any("Cluster Autoscaler" in d.hint for d in result.diagnostics if d.code == "IT301")


def test_computed_switch(result: api.Result) -> None:
    main = result.files["main.tf"]
    block = main[main.index('resource "aws_eks_node_group" "switch"'):]
    block = block[:block.index("\n}\n")]
    assert "desired_size = 2" in block and "max_size     = var.autoscale ? 5 : 2" in block
    assert "min_size     = var.autoscale ? 1 : 2" in block
    assert 'dynamic "taint"' in block and "for_each = var.taints" in block


def test_token_auth() -> None:
    src = SRC + '''
locals {
  kube = ovh_cloud_project_kube.k.kubeconfig_attributes[0]
}
provider "kubernetes" {
  host                   = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
  client_certificate     = base64decode(local.kube.client_certificate)
  client_key             = base64decode(local.kube.client_key)
}
'''
    sink = Sink()
    model = source_model({"main.tf": src}, sink)
    ctx = Ctx(model, load_tables("eks"), sink, "eks")
    ctx.index()
    provider = next(n for m in model.modules for n in m.nodes
                    if isinstance(n, N.Provider) and n.name == "kubernetes")
    auth = PL.read_kube_auth(ctx, model, provider)
    assert auth is not None and auth.cluster is not None
    token = kube_auth.token_auth(ctx, provider, auth)
    from iac_translate.compiler.hcl.printer import to_hcl
    assert to_hcl(token) == "data.aws_eks_cluster_auth.k.token"
    block = ctx.scaffolds["|aws_eks_cluster_auth:k"]
    assert to_hcl(block.get("name")) == "aws_eks_cluster.k.name"
