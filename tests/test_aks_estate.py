"""AKS estate runs: Blob CSI volumes mount as managed identities federated to the pods'
ServiceAccounts (targets/aks/workload_iam), and GPU pools of a computed flavor get the taint."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span
from iac_translate.targets import clusterfacts
from iac_translate.targets.aks.workload_iam import grants

GOLDEN = Path(__file__).parent.parent / "golden"
ESTATE = GOLDEN / "estate_gke" / "input"


def _docs(text: str) -> list[dict]:
    return [d for d in yaml.safe_load_all(text) if d]


def test_pv_client_id_names_the_output_of_the_identity_federated_to_the_pods_account() -> None:
    r = translate(ESTATE, "aks")
    tf = r.files["terraform/platform/workloads_iam.tf"]
    for name, role in (("chat", "Storage Blob Data Reader"),
                       ("tokenize", "Storage Blob Data Contributor")):
        docs = _docs(r.files[f"kubernetes/{name}.yaml"])
        [account] = [d for d in docs if d["kind"] == "ServiceAccount"]
        [pv] = [d for d in docs if d["kind"] == "PersistentVolume"]
        [pod] = [d["spec"]["template"]["spec"] for d in docs if d["kind"] in ("Deployment",
                                                                              "Job")]
        assert pod["serviceAccountName"] == account["metadata"]["name"] == name
        attrs = pv["spec"]["csi"]["volumeAttributes"]
        # blobfuse2 mounts as root; the pods run as 42420 and must be let in
        assert pod["securityContext"]["runAsUser"] != 0
        # chat mounts acme-models@GRA/llama/: only that prefix, as on OVH
        assert pv["spec"]["mountOptions"] == ["-o allow_other"] + (
            ["--subdirectory=llama"] if name == "chat" else [])
        assert attrs["mountWithWorkloadIdentityToken"] == "true"  # a string, as the driver reads
        output = re.fullmatch(r"<terraform output (\w+)>", attrs["clientID"])
        assert output is not None
        # the output the placeholder names holds the client id of the identity federated to
        # exactly this ServiceAccount, which holds the role its volume's permission needs
        assert re.search(rf'output "{output.group(1)}" {{[^}}]*value += '
                         rf'azurerm_user_assigned_identity\.workload_{name}\.client_id', tf)
        assert f'subject             = "system:serviceaccount:${{var.workloads_namespace}}:' \
               f'{name}"' in tf
        assert re.search(rf'"workload_{name}_acme_models" {{\n  scope += '
                         rf'azurerm_storage_container\.models\.id\n'
                         rf'  role_definition_name = "{role}"', tf)
        [hint] = [d.hint for d in r.diagnostics if d.code == "IT355" and
                  f"`{pv['metadata']['name']}`" in d.message]
        assert f"--name {pv['metadata']['name']} " in hint
        assert f"-chdir=../terraform/platform output -raw {output.group(1)}" in hint
    assert "issuer              = azurerm_kubernetes_cluster.main.oidc_issuer_url" in tf
    assert "Storage Account Contributor" not in tf  # never the account key


def _facts(bucket_file: str) -> clusterfacts.ClusterFacts:
    prof = clusterfacts.profile("aks")
    assert prof is not None
    return clusterfacts.ClusterFacts(
        prof, clusters=("azurerm_kubernetes_cluster.k",),
        cluster_files={"azurerm_kubernetes_cluster.k": "platform/main.tf"},
        buckets={"data": "azurerm_storage_container.data"},
        bucket_files={"azurerm_storage_container.data": bucket_file},
        accounts={"data": ("acct", "rg-data")})


def test_a_container_of_another_root_is_scoped_by_its_names() -> None:
    at = Span("apps/run.sh", 1, 1)
    out = grants(_facts("storage/main.tf"), [("data", "etl", False, at)], Sink())
    tf = out["platform/workloads_iam.tf"]
    assert 'data "azurerm_client_config" "workloads" {}' in tf
    assert ('scope                = "/subscriptions/${data.azurerm_client_config.workloads.'
            'subscription_id}/resourceGroups/rg-data/providers/Microsoft.Storage/'
            'storageAccounts/acct/blobServices/default/containers/data"') in tf


def test_a_writer_of_a_container_is_granted_once_as_contributor() -> None:
    at = Span("apps/run.sh", 1, 1)
    sink = Sink()
    tf = grants(_facts("platform/main.tf"), [("data", "etl", True, at),
                                             ("data", "etl", False, at)], sink)[
        "platform/workloads_iam.tf"]
    assert tf.count('resource "azurerm_role_assignment"') == 1
    assert '"Storage Blob Data Contributor"' in tf and "Reader" not in tf
    assert "azurerm_client_config" not in tf  # the same directory: a reference
    # pods without an account of their own, or a container whose account is unknown: nothing
    unknown = _facts("platform/main.tf")
    unknown.accounts["data"] = ("acct", None)
    assert grants(unknown, [("data", "etl", True, at)], Sink()) == {}
    assert grants(_facts("platform/main.tf"), [("data", "", True, at)], Sink()) == {}


def test_without_the_estate_terraform_the_pv_names_no_identity() -> None:
    # the workloads alone, for an AKS cluster: nothing federates an identity, none is named
    r = translate(ESTATE / "workloads", "k8s", TranslateOptions(cluster="aks"))
    assert "blob.csi.azure.com" in r.files["tokenize.yaml"]
    assert "clientID" not in "\n".join(r.files.values())
    assert "kind: ServiceAccount" not in r.files["tokenize.yaml"]
    assert not [d for d in r.diagnostics if d.code == "IT355"]


def test_a_pool_of_a_computed_flavor_gets_the_gpu_taint_when_its_size_is_a_gpu_one() -> None:
    from iac_translate.targets.mapping import load_tables
    r = translate(GOLDEN / "estate_gpu_flavor_module_variable" / "input", "aks")
    tf = r.files["terraform/platform/modules/cluster/main.tf"]
    m = re.search(r'node_taints = can\(regex\("([^"]+)", var\.gpu_flavor\)\) \? '
                  r'\["nvidia\.com/gpu=true:NoSchedule"\] : \[\]', tf)
    assert m is not None, tf
    # the regex (RE2 and Python agree on this one) tells every GPU size of the mapping from
    # every other size
    pattern = re.compile(m.group(1))
    for size, spec in load_tables("aks").machine_types["machine_types"].items():
        assert bool(pattern.match(size)) == bool(spec.get("gpu")), size
    assert any(d.code == "IT301" and "known only at plan time: node_taints" in d.message
               for d in r.diagnostics)
    # the GPU pods tolerate it
    assert "key: nvidia.com/gpu\n        operator: Exists" in r.files["kubernetes/llm.yaml"]
