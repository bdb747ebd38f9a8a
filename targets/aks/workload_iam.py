"""Estate runs: managed identities federated to the pods' accounts, granted their containers."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.generated import header
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..clusterfacts import ClusterFacts
from ..hclwrite import TfBlock, render_blocks
from ..k8s.volumes import aks_client_id_output, aks_label, aks_wired
from ..tfbase.scaffold_names import free_name

FILE = "workloads_iam.tf"
NAMESPACE_VAR = "workloads_namespace"
CLIENT = "data.azurerm_client_config.workloads"
# The audience AKS workload identity tokens carry (Entra ID's token exchange).
AUDIENCE = "api://AzureADTokenExchange"
# OVH volume permissions: RO reads; RW and RWD write (and delete) objects. Blobfuse2 mounts
# with the identity's token (mountWithWorkloadIdentityToken): a data role on the container
# is all it needs, never the account key (Storage Account Contributor).
_ROLES = {True: "Storage Blob Data Reader", False: "Storage Blob Data Contributor"}

# (bucket name, Kubernetes ServiceAccount of the pods, read only, the volume's source span)
Mount = tuple[str, str, bool, Span]


def grants(facts: ClusterFacts, mounts: list[Mount], sink: Sink) -> dict[str, str]:
    """`workloads_iam.tf` beside the cluster: per ServiceAccount of pods that mount containers,
    a user-assigned identity, its federated credential on the cluster's OIDC issuer and a
    Blob data role on each container (Reader for RO volumes, Contributor for RW/RWD), and
    an output with its client id, which the PersistentVolumes name (IT355)."""
    # account -> container -> (read only, the first volume's span): a writer reads too
    wanted: dict[str, dict[str, tuple[bool, Span]]] = {}
    where = ""
    for bucket, account, read_only, span in sorted(mounts, key=lambda m: m[:3]):
        d = aks_wired(facts, bucket)
        if d is None or not account:
            continue  # IT301/IT347 said what the volume lacks
        where = d
        seen = wanted.setdefault(account, {})
        ro, first = seen.get(bucket, (True, span))
        seen[bucket] = (ro and read_only, first)
    if not wanted:
        return {}
    cluster = facts.clusters[0]
    # (a free name: the Terraform of the directory may declare a variable of the wanted one)
    ns = free_name(facts.variables.get(where, frozenset()), NAMESPACE_VAR, "aks")
    blocks: list[TfBlock] = [_namespace(ns)]
    scoped_by_name = False
    for account, containers in sorted(wanted.items()):
        # (prefixed: an OVH user's identity of the same name may live in this directory)
        label = f"workload_{aks_label(account)}"
        identity = f"azurerm_user_assigned_identity.{label}"
        blocks += _identity(cluster, account, label, identity, ns)
        for bucket, (read_only, span) in sorted(containers.items()):
            role = _ROLES[read_only]
            scope, by_name = _scope(facts, bucket, where)
            scoped_by_name = scoped_by_name or by_name
            b = TfBlock("resource", ("azurerm_role_assignment",
                                     f"{label}_{aks_label(bucket)}"),
                        comments=[f"pods of ServiceAccount {account} mount container {bucket}"])
            b.set("scope", scope)
            b.set("role_definition_name", E.Literal(role))
            b.set("principal_id", E.ref(f"{identity}.principal_id"))
            blocks.append(b)
            what = "read" if read_only else "read and write"
            sink.add("IT346", span, f"ServiceAccount `{account}` may {what} container "
                     f"`{bucket}` ({role}) as managed identity {identity} ({FILE}), federated "
                     f"to system:serviceaccount:<var.{ns}>:{account} on the OIDC "
                     f"issuer of {cluster} (default namespace `default`)",
                     f"apply the manifests in that namespace, or set var.{ns}")
    if scoped_by_name:
        blocks.insert(1, TfBlock("data", ("azurerm_client_config", "workloads")))
    path = posixpath.join(where, FILE)
    return {path: header(None) + "\n\n" + render_blocks(blocks)}


def _namespace(name: str) -> TfBlock:
    var = TfBlock("variable", (name,))
    var.set("description", E.Literal("Kubernetes namespace the translated AI workloads run in "
                                     "(their federated credentials name it)"))
    var.set("type", E.Var("string"))
    var.set("default", E.Literal("default"))
    return var


def _identity(cluster: str, account: str, label: str, identity: str,
              ns: str) -> list[TfBlock]:
    """The identity in the cluster's resource group, its federated credential, its output."""
    ident = TfBlock("resource", ("azurerm_user_assigned_identity", label),
                    comments=[f"the identity the Blob CSI driver mounts with for the pods of "
                              f"ServiceAccount {account}"])
    ident.set("name", _tpl(E.ref(f"{cluster}.name"), f"-{account}"))
    ident.set("resource_group_name", E.ref(f"{cluster}.resource_group_name"))
    ident.set("location", E.ref(f"{cluster}.location"))
    fed = TfBlock("resource", ("azurerm_federated_identity_credential", label))
    fed.set("name", E.Literal(account))
    fed.set("resource_group_name", E.ref(f"{identity}.resource_group_name"))
    fed.set("parent_id", E.ref(f"{identity}.id"))
    fed.set("audience", E.Tuple((E.Literal(AUDIENCE),)))
    fed.set("issuer", E.ref(f"{cluster}.oidc_issuer_url"))
    fed.set("subject", _tpl("system:serviceaccount:", E.ref(f"var.{ns}"),
                             f":{account}"))
    out = TfBlock("output", (aks_client_id_output(account),))
    out.set("description", E.Literal(f"volumeAttributes.clientID of the PersistentVolumes "
                                     f"the pods of ServiceAccount {account} mount"))
    out.set("value", E.ref(f"{identity}.client_id"))
    return [ident, fed, out]


def _scope(facts: ClusterFacts, bucket: str, where: str) -> tuple[E.Expr, bool]:
    """The container's Resource Manager id: a reference when the cluster's directory declares
    it, else built from the names the other root gives it (True)."""
    address = facts.buckets[bucket]
    path = facts.bucket_files.get(address)
    if path is not None and posixpath.dirname(path) == where:
        return E.ref(f"{address}.id"), False
    name, group = facts.accounts[bucket]
    return _tpl("/subscriptions/", E.ref(f"{CLIENT}.subscription_id"),
                 f"/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/"
                 f"{name}/blobServices/default/containers/{bucket}"), True


def _tpl(*parts: str | E.Expr) -> E.Template:
    return E.Template(tuple(p if isinstance(p, str) else E.Interp(p) for p in parts))
