"""Whole-estate runs with --target scaleway and aks: Kapsule and AKS pools, registries and the
blob driver read back from the written Terraform, and the GPU pods placed on them."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets import clusterfacts
from iac_translate.targets.mapping import load_tables

ESTATE = Path(__file__).parent.parent / "golden" / "estate_gke" / "input"


def _facts(cloud: str) -> clusterfacts.ClusterFacts:
    r = translate(ESTATE, cloud)
    tf = {k[len("terraform/"):]: v for k, v in r.files.items() if k.startswith("terraform/")}
    facts = clusterfacts.read(cloud, tf, load_tables(cloud))
    assert facts is not None
    return facts


@pytest.mark.parametrize("cloud,machine,registry", [
    ("scaleway", "L4-1-24G", ("scaleway_registry_namespace.main", "fr-par", "acme-registry")),
    ("aks", "Standard_NV36ads_A10_v5",
     ("azurerm_container_registry.main", "francecentral", "acmeregistry")),
])
def test_pools_and_registries_are_read_back(cloud: str, machine: str,
                                            registry: tuple[str, str, str]) -> None:
    facts = _facts(cloud)
    gpu = facts.gpu_pools()
    assert [p.machine_type for p in gpu] == [machine]
    # Kapsule `taints` blocks, AKS "key=value:Effect" node_taints strings
    assert ("dedicated", "gpu", "NoSchedule") in gpu[0].taints
    assert ("nvidia.com/gpu", "true", "NoSchedule") in gpu[0].taints
    assert gpu[0].labels == (("workload", "inference"),) and gpu[0].vcpu
    assert registry in facts.registries
    assert "acme-models" in facts.buckets


def test_aks_system_pool_hosts_workloads_unless_critical_only() -> None:
    tf = {"main.tf": '''
resource "azurerm_kubernetes_cluster" "main" {
  default_node_pool {
    name    = "system"
    vm_size = "Standard_D4s_v5"
    only_critical_addons_enabled = %s
    node_taints = ["a=b:NoExecute", "c:NoSchedule", var.more]
  }
  storage_profile {
    blob_driver_enabled = true
  }
}
'''}
    shared = clusterfacts.read("aks", {"main.tf": tf["main.tf"] % "false"}, load_tables("aks"))
    assert shared is not None and shared.gcs_fuse
    [pool] = shared.pools
    assert pool.address == "azurerm_kubernetes_cluster.main.default_node_pool"
    assert pool.machine_type == "Standard_D4s_v5" and pool.vcpu == 4
    # an expression among the taints is known only at plan time: the literal ones are read
    assert pool.taints == (("a", "b", "NoExecute"), ("c", "", "NoSchedule"))
    system = clusterfacts.read("aks", {"main.tf": tf["main.tf"] % "true"}, load_tables("aks"))
    assert system is not None and system.pools == ()


@pytest.mark.parametrize("cloud,machine", [("scaleway", "L4-1-24G"),
                                           ("aks", "Standard_NV36ads_A10_v5")])
def test_gpu_pod_lands_on_the_gpu_pool(cloud: str, machine: str) -> None:
    r = translate(ESTATE, cloud)
    chat = r.files["kubernetes/chat.yaml"]
    assert f"node.kubernetes.io/instance-type: {machine}" in chat
    # both taints of the pool, not only the GPU one every GPU pod gets
    assert "key: dedicated" in chat and "key: nvidia.com/gpu" in chat
    assert any(d.code == "IT346" and "tolerate" in d.message for d in r.diagnostics)


def test_k8s_cluster_scaleway_is_accepted(tmp_path: Path) -> None:
    from click.testing import CliRunner
    from iac_translate.compiler.cli import main
    out = tmp_path / "out"
    r = CliRunner().invoke(main, [str(ESTATE / "workloads"), "--target", "k8s", "--cluster",
                                  "scaleway", "--out", str(out)])
    assert r.exit_code in (0, 1), r.output  # not 2: a usage error
    # without Terraform: the instance type the scaleway target maps the flavor to (IT308)
    assert "node.kubernetes.io/instance-type: L4-1-24G" in (out / "chat.yaml").read_text()


def test_aks_estate_enables_blob_driver_and_pulls_from_acr() -> None:
    r = translate(ESTATE, "aks")
    main = r.files["terraform/platform/main.tf"]
    assert "storage_profile {\n    blob_driver_enabled = true" in main
    assert any(d.code == "IT346" and "Blob CSI driver" in d.message for d in r.diagnostics)
    # the ACR host needs its name only: known without a plan, the image moves
    assert "image: acmeregistry.azurecr.io/ml/tokenize:2" in r.files["kubernetes/tokenize.yaml"]
    assert not [d for d in r.diagnostics if d.code == "IT347"]


def test_aks_without_mounts_keeps_blob_driver_off() -> None:
    r = translate(ESTATE / "platform", "aks")
    assert "blob_driver_enabled" not in "\n".join(r.files.values())


def test_scaleway_private_namespace_gets_a_pull_secret() -> None:
    r = translate(ESTATE, "scaleway")
    job = r.files["kubernetes/tokenize.yaml"]
    # moved, and the pods name the Secret the estate's Terraform creates beside the cluster
    assert "image: rg.fr-par.scw.cloud/acme-registry/ml/tokenize:2" in job
    assert "imagePullSecrets:\n      - name: scw-registry-main" in job
    assert "imagePullSecrets" not in r.files["kubernetes/chat.yaml"]  # a public image
    tf = r.files["terraform/platform/workloads_registry.tf"]
    assert 'resource "kubernetes_secret_v1" "pull_main"' in tf
    assert '"ContainerRegistryReadOnly"' in tf and 'name      = "scw-registry-main"' in tf
    assert not [d for d in r.diagnostics if d.code == "IT347"]
    assert len([d for d in r.diagnostics if d.code == "IT346" and "scw-registry-main" in
                d.message]) == 1


def test_aks_pv_names_the_storage_account_of_the_container() -> None:
    facts = _facts("aks")
    # per root: bootstrap and platform each have their azurerm_resource_group.main
    assert facts.accounts["acme-models"] == ("acmemodels", "rg-ovh-translated")
    chat = translate(ESTATE, "aks").files["kubernetes/chat.yaml"]
    assert "storageAccount: acmemodels" in chat and "resourceGroup: rg-ovh-translated" in chat


def test_eks_and_aks_report_a_mounted_bucket_the_terraform_lacks() -> None:
    mixed = ESTATE.parent.parent / "mixed_terraform_and_ai" / "input"
    for cloud in ("eks", "aks"):
        r = translate(mixed, cloud)
        assert any(d.code == "IT347" and "`datasets`" in d.message and "does not create" in
                   d.message for d in r.diagnostics), cloud
