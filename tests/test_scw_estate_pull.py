"""Estate runs on Kapsule: images moved to a private Container Registry namespace are pulled
with the imagePullSecret the estate's Terraform creates (scaleway/registry_pull)."""

from __future__ import annotations

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ai_sources
from iac_translate.compiler.hcl.parser import parse_body_text
from iac_translate.compiler.ir import ai
from iac_translate.targets import clusterfacts
from iac_translate.targets.k8s import registry
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.scaleway.registry_pull import FILE, pull_secrets

IMAGE = "x8k2w1a9.c1.gra9.container-registry.ovh.net/ml/tok:2"
NEW = "rg.fr-par.scw.cloud/acme-registry/ml/tok:2"
CLUSTER = '''
provider "scaleway" {
  region = "fr-par"
}
resource "scaleway_k8s_cluster" "main" {
  name = "k"
}
'''
NAMESPACE = '''
resource "scaleway_registry_namespace" "main" {
  name      = "acme-registry"
  region    = "fr-par"
  is_public = %s
}
'''


def _facts(files: dict[str, str]) -> clusterfacts.ClusterFacts:
    facts = clusterfacts.read("scaleway", files, load_tables("scaleway"))
    assert facts is not None
    return facts


def _workload() -> ai.AiWorkload:
    return ai_sources.read_all({"job.json": '{"name": "t", "image": "i"}'}, Sink())[0]


def test_a_private_namespace_beside_the_cluster_gets_a_secret() -> None:
    facts = _facts({"platform/main.tf": CLUSTER + NAMESPACE % "false"})
    assert facts.secret_pulls == ("scaleway_registry_namespace.main",)
    assert registry.pull_secret(IMAGE, facts) == "scw-registry-main"
    assert registry.pull_secret("docker.io/library/nginx:1", facts) is None
    sink = Sink()
    assert registry.repoint(IMAGE, _workload(), facts, sink) == NEW
    assert [d.code for d in sink.sorted()] == ["IT346"]
    assert facts.pulled == {"scaleway_registry_namespace.main": "scw-registry-main"}
    files = pull_secrets(facts)
    tf = files[f"platform/{FILE}"]
    parse_body_text(tf, FILE)  # HCL the parser reads
    assert 'provider "kubernetes"' in tf  # the root had none
    assert "scaleway_registry_namespace.main.project_id" in tf
    assert '"rg.fr-par.scw.cloud" = {' in tf and 'username = "nologin"' in tf
    # the key's secret is only ever referenced, never a value
    assert "password = scaleway_iam_api_key.pull_main.secret_key" in tf
    assert 'type = "kubernetes.io/dockerconfigjson"' in tf


def test_an_existing_kubernetes_provider_is_used() -> None:
    kube = 'provider "kubernetes" {\n  host = "h"\n}\n'
    facts = _facts({"platform/main.tf": CLUSTER + NAMESPACE % "false" + kube})
    assert registry.repoint(IMAGE, _workload(), facts, Sink()) == NEW
    tf = pull_secrets(facts)[f"platform/{FILE}"]
    assert "provider" not in tf and "required_providers" not in tf
    assert 'resource "kubernetes_secret_v1" "pull_main"' in tf


def test_a_public_namespace_changes_nothing() -> None:
    facts = _facts({"platform/main.tf": CLUSTER + NAMESPACE % "true"})
    assert facts.secret_pulls == () and registry.pull_secret(IMAGE, facts) is None
    sink = Sink()
    assert registry.repoint(IMAGE, _workload(), facts, sink) == NEW
    assert [d.code for d in sink.sorted()] == ["IT346"]
    assert "imagePullSecret" not in sink.sorted()[0].message
    assert facts.pulled == {} and pull_secrets(facts) == {}


def test_a_namespace_in_another_root_keeps_the_image() -> None:
    facts = _facts({"platform/main.tf": CLUSTER,
                    "bootstrap/main.tf": 'provider "scaleway" {}\n' + NAMESPACE % "false"})
    assert registry.pull_secret(IMAGE, facts) is None
    sink = Sink()
    assert registry.repoint(IMAGE, _workload(), facts, sink) == IMAGE
    [d] = sink.sorted()
    assert d.code == "IT347" and NEW in d.message and "beside the namespace" in d.message
    assert pull_secrets(facts) == {}


def test_a_module_without_provider_or_a_repeated_cluster_keeps_the_image() -> None:
    module = CLUSTER.replace('provider "scaleway" {\n  region = "fr-par"\n}\n', "")
    assert _facts({"modules/k/main.tf": module + NAMESPACE % "false"}).pull_secret(
        "scaleway_registry_namespace.main") is None
    repeated = CLUSTER.replace('name = "k"', 'count = 2\n  name = "k"')
    facts = _facts({"main.tf": repeated + NAMESPACE % "false"})
    assert facts.repeated == ("scaleway_k8s_cluster.main",)
    assert registry.pull_secret(IMAGE, facts) is None


def test_without_a_registry_the_hint_names_the_clouds_registry_type() -> None:
    facts = _facts({"platform/main.tf": CLUSTER})
    sink = Sink()
    assert registry.repoint(IMAGE, _workload(), facts, sink) == IMAGE
    [d] = sink.sorted()
    assert d.code == "IT347" and "creates no registry" in d.message
    assert "translates to scaleway_registry_namespace" in d.hint
