"""Kapsule clusters (scaleway target): arguments, OIDC, allow-lists, references; kube.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from iac_translate.compiler.api import TranslateOptions, translate

TARGETS = Path(__file__).resolve().parent.parent / "targets"

HEAD = '''
variable "service_name" {
  type = string
}
'''

CLUSTER = HEAD + '''
resource "ovh_cloud_project_kube" "k" {
  service_name  = var.service_name
  name          = "k"
  region        = "GRA11"
  version       = "1.35"
  plan          = "{plan}"
  update_policy = "{policy}"
  customization_apiserver {
    admissionplugins {
      enabled  = ["AlwaysPullImages"]
      disabled = ["NodeRestriction"]
    }
  }
}
'''

POOL = '''
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.k.id
  name               = "p"
  flavor_name        = "{flavor}"
  desired_nodes      = 2
  min_nodes          = 1
  max_nodes          = 4
  autoscale          = true
  anti_affinity      = true
  availability_zones = ["eu-west-par-a", "eu-west-par-b"]
  template {
    spec {
      taints = [{ key = "dedicated", effect = "NoExecute" }]
    }
  }
}
'''


def _run(tf: str):  # type: ignore[no-untyped-def]
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    return result, "\n".join(result.files.values())


def _cluster(plan: str = "free", policy: str = "ALWAYS_UPDATE") -> str:
    return CLUSTER.replace("{plan}", plan).replace("{policy}", policy)


def test_kube_table_matches_its_schema() -> None:
    schema = json.loads((TARGETS / "schemas" / "scaleway_kube.schema.json").read_text())
    data = json.loads((TARGETS / "scaleway" / "kube.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(data)


def test_cluster_arguments_kapsule_requires() -> None:
    result, text = _run(_cluster())
    assert 'cni                         = "cilium"' in text or 'cni = "cilium"' in \
        " ".join(text.split()).replace("  ", " ")
    assert "delete_additional_resources = false" in text
    # OVH put the cluster on no private network: Kapsule requires one
    assert 'resource "scaleway_vpc_private_network" "k"' in text
    assert "private_network_id = scaleway_vpc_private_network.k.id" in " ".join(text.split())
    assert 'type = "kapsule"' in " ".join(text.split())
    assert 'admission_plugins = ["AlwaysPullImages"]' in " ".join(text.split())
    codes = {d.code for d in result.diagnostics}
    assert "IT307" in codes and "IT305" not in codes
    assert any(d.code == "IT302" and "disabling admission plugin NodeRestriction" in d.message
               for d in result.diagnostics)


@pytest.mark.parametrize("policy,enable", [("ALWAYS_UPDATE", "true"),
                                           ("MINIMAL_DOWNTIME", "true"),
                                           ("NEVER_UPDATE", "false")])
def test_update_policy_sets_auto_upgrade(policy: str, enable: str) -> None:
    result, text = _run(_cluster("standard", policy))
    flat = " ".join(text.split())
    assert f"auto_upgrade {{ enable = {enable}" in flat
    assert 'type = "kapsule-dedicated-4"' in flat
    if policy == "NEVER_UPDATE":
        # a minor version needs auto_upgrade on: a patch is asked for, with a diagnostic
        var = re.search(r"version = var\.(\w+)", flat)
        assert var and "patch version" in _description(text, var.group(1))
        assert any(d.code == "IT308" and "patch version" in d.message
                   for d in result.diagnostics)
    else:
        assert 'version = "1.35"' in flat


def test_absent_version_is_the_latest_kapsule_offers() -> None:
    _, text = _run(_cluster().replace('version       = "1.35"\n', ""))
    flat = " ".join(text.split())
    assert "version = data.scaleway_k8s_version.latest.major_minor_only" in flat  # auto_upgrade on
    assert 'data "scaleway_k8s_version" "latest" { name = "latest" }' in flat


def test_allow_list_and_oidc() -> None:
    tf = _cluster() + '''
resource "ovh_cloud_project_kube_iprestrictions" "a" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.k.id
  ips          = ["203.0.113.0/24"]
}
resource "ovh_cloud_project_kube_oidc" "o" {
  service_name      = var.service_name
  kube_id           = ovh_cloud_project_kube.k.id
  client_id         = "kube"
  issuer_url        = "https://id.example.org/realms/x"
  oidc_groups_claim = ["groups"]
  oidc_signing_algs = ["RS512"]
}
'''
    result, text = _run(tf)
    flat = " ".join(text.split())
    assert 'resource "scaleway_k8s_acl" "a" { cluster_id = scaleway_k8s_cluster.k.id' in flat
    assert 'acl_rules { ip = "203.0.113.0/24"' in flat
    assert 'open_id_connect_config { issuer_url = "https://id.example.org/realms/x" ' \
        'client_id = "kube" groups_claim = ["groups"] }' in flat
    assert any(d.code == "IT302" and "oidc_signing_algs" in d.message
               for d in result.diagnostics)


def test_empty_allow_list_opens_the_api_server() -> None:
    """OVH's empty ips restricts nothing: Kapsule gets 0.0.0.0/0, never no_ip_allowed."""
    tf = _cluster() + '''
variable "cidrs" {
  type    = list(string)
  default = []
}
resource "ovh_cloud_project_kube_iprestrictions" "a" {
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.k.id
  ips          = IPS
}
'''
    _, empty = _run(tf.replace("IPS", "[]"))
    flat = " ".join(empty.split())
    assert "no_ip_allowed" not in flat
    assert 'acl_rules { ip = "0.0.0.0/0"' in flat
    # a computed list may be empty: zero acl_rules fails the provider's ExactlyOneOf at plan
    _, computed = _run(tf.replace("IPS", "var.cidrs"))
    assert 'for_each = length(var.cidrs) > 0 ? tolist(var.cidrs) : ["0.0.0.0/0"]' in \
        " ".join(computed.split())


def test_outputs_match_the_scaleway_schema() -> None:
    from schema import shared_schemas
    from schema.tfcheck import check_text
    schemas = shared_schemas.with_shared("scaleway")
    tf = _cluster("standard", "MINIMAL_DOWNTIME") + POOL.replace("{flavor}", "l40s-90")
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    errors = [f"{f.line}: {f.message}" for rel, text in result.files.items()
              for f in check_text(text, rel, schemas) if f.severity == "error"]
    assert not errors, errors


def test_lifecycle_and_references_in_scaleway_names() -> None:
    tf = _cluster().replace('  customization_apiserver {', '''  lifecycle {
    ignore_changes = [version, kube_proxy_mode]
  }
  customization_apiserver {''') + POOL.replace("{flavor}", "b3-8").replace(
        "  template {", "  lifecycle {\n    ignore_changes = [desired_nodes, template]\n  }\n"
        "  template {") + '''
output "url" { value = ovh_cloud_project_kube.k.url }
output "fresh" { value = ovh_cloud_project_kube.k.is_up_to_date }
output "nodes" { value = ovh_cloud_project_kube_nodepool.p.current_nodes }
output "kubeconfig" {
  value     = ovh_cloud_project_kube.k.kubeconfig
  sensitive = true
}
'''
    result, text = _run(tf)
    flat = " ".join(text.split())
    assert "ignore_changes = [version]" in flat
    # the source's entries renamed, then the autoscaler's own
    assert "ignore_changes = [size, labels, taints]" in flat
    assert any(d.code == "IT302" and "kube_proxy_mode" in d.message for d in result.diagnostics)
    assert "value = scaleway_k8s_cluster.k.apiserver_url" in flat
    assert "value = !scaleway_k8s_cluster.k.upgrade_available" in flat
    assert "value = scaleway_k8s_pool.p.current_size" in flat
    assert "value = scaleway_k8s_cluster.k.kubeconfig[0].config_file sensitive = true" in flat


def test_data_sources() -> None:
    tf = HEAD + '''
variable "kube_id" {
  type = string
}
data "ovh_cloud_project_kube" "c" {
  service_name = var.service_name
  kube_id      = var.kube_id
}
data "ovh_cloud_project_kube_nodepool" "p" {
  service_name = var.service_name
  kube_id      = data.ovh_cloud_project_kube.c.id
  name         = "workers"
}
output "size" { value = data.ovh_cloud_project_kube_nodepool.p.desired_nodes }
output "subnet" { value = data.ovh_cloud_project_kube.c.nodes_subnet_id }
'''
    result, text = _run(tf)
    flat = " ".join(text.split())
    assert 'data "scaleway_k8s_cluster" "c" { cluster_id = var.kube_id }' in flat
    assert 'data "scaleway_k8s_pool" "p" { cluster_id = data.scaleway_k8s_cluster.c.id ' \
        'name = "workers" }' in flat
    assert "value = data.scaleway_k8s_pool.p.size" in flat
    # each OVH subnet is a Private Network: the nodes' subnet is the cluster's network
    assert "value = data.scaleway_k8s_cluster.c.private_network_id" in flat
    assert any(d.code == "IT308" and "Kapsule cluster id" in d.message
               for d in result.diagnostics)


def test_patch_version_with_auto_upgrade_becomes_the_minor() -> None:
    result, text = _run(_cluster().replace('"1.35"', '"1.35.4"'))
    assert 'version = "1.35"' in " ".join(text.split())
    assert any(d.code == "IT301" and "becomes 1.35" in d.message for d in result.diagnostics)
    _, frozen = _run(_cluster("free", "NEVER_UPDATE").replace('"1.35"', '"1.35.4"'))
    assert 'version = "1.35.4"' in " ".join(frozen.split())


def test_a_repeated_oidc_resource_is_a_dynamic_block() -> None:
    tf = _cluster() + '''
variable "oidc" {
  type    = bool
  default = false
}
resource "ovh_cloud_project_kube_oidc" "o" {
  count        = var.oidc ? 1 : 0
  service_name = var.service_name
  kube_id      = ovh_cloud_project_kube.k.id
  client_id    = "kube"
  issuer_url   = "https://id.example.org"
}
'''
    _, text = _run(tf)
    flat = " ".join(text.split())
    assert 'dynamic "open_id_connect_config" { for_each = (var.oidc ? 1 : 0) > 0 ? [1] : [] ' \
        'content { issuer_url = "https://id.example.org" client_id = "kube" } }' in flat


def test_reference_rules_read_attributes_the_provider_has() -> None:
    import re

    from schema import shared_schemas
    raw = shared_schemas.require("scaleway")
    data = json.loads((TARGETS / "scaleway" / "kube.json").read_text())
    for kind, entry in data["references"].items():
        for section in ("resources", "data_sources"):
            attrs = raw[section][entry["type"]]["attributes"]
            for path, pattern in entry.get("rules", {}).items():
                for attr in re.findall(r"\{self\}\.([a-z_]+)", pattern):
                    assert attr in attrs, (kind, section, path, attr)


def test_hardening_protects_the_cluster_with_prevent_destroy() -> None:
    result, text = _run(_cluster())
    assert "lifecycle { prevent_destroy = true }" in " ".join(text.split())
    assert any(d.code == "IT337" for d in result.diagnostics)
    off = translate({"main.tf": _cluster()}, "scaleway", TranslateOptions(harden=False))
    assert "prevent_destroy" not in "\n".join(off.files.values())
    assert not any(d.code == "IT337" for d in off.diagnostics)


def test_ids_given_from_outside_must_now_be_scaleway_ids() -> None:
    tf = HEAD + '''
variable "network_id" {
  type = string
}
variable "kube_id" {
  type = string
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = var.service_name
  name               = "k"
  region             = "GRA11"
  private_network_id = var.network_id
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name  = var.service_name
  kube_id       = var.kube_id
  name          = "p"
  flavor_name   = "b3-8"
  desired_nodes = 1
}
'''
    result, text = _run(tf)
    flat = " ".join(text.split())
    assert "private_network_id = var.network_id" in flat and "cluster_id = var.kube_id" in flat
    said = [d.message for d in result.diagnostics if d.code == "IT308"]
    assert any("var.network_id" in m and "Scaleway Private Network" in m for m in said)
    assert any("var.kube_id" in m and "Kapsule cluster id" in m for m in said)


def test_a_computed_plan_chooses_the_type() -> None:
    tf = _cluster().replace('"free"', "var.plan") + '''
variable "plan" {
  type    = string
  default = "free"
}
'''
    result, text = _run(tf)
    assert 'type = var.plan == "standard" ? "kapsule-dedicated-4" : "kapsule"' in \
        " ".join(text.split())
    assert any(d.code == "IT301" and "plan of" in d.message for d in result.diagnostics)


def test_an_update_policy_variable_drives_auto_upgrade() -> None:
    tf = _cluster().replace('"ALWAYS_UPDATE"', "var.policy") + '''
variable "policy" {
  type    = string
  default = "ALWAYS_UPDATE"
}
'''
    _, text = _run(tf)
    assert 'enable = var.policy != "NEVER_UPDATE"' in " ".join(text.split())


def _description(text: str, variable: str) -> str:
    m = re.search(rf'variable "{variable}" {{\n  description = "([^"]*)"', text)
    assert m, f"no variable {variable} in:\n{text}"
    return m.group(1)
