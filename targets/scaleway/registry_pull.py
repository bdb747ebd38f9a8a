"""Estate runs: the imagePullSecret with which Kapsule nodes pull from a private namespace."""

from __future__ import annotations

import posixpath

from iac_translate.compiler.generated import header
from iac_translate.compiler.ir import expr as E

from ..clusterfacts import ClusterFacts
from ..hclwrite import TfBlock, render_blocks
from . import iam

FILE = "workloads_registry.tf"
USERNAME = "nologin"  # Scaleway's documented docker login: any user, the key's secret
NAMESPACE = "default"  # the manifests name none: `kubectl apply -k` puts them there
KUBERNETES = {"source": "hashicorp/kubernetes", "version": "~> 2.38"}
APP = iam.APP
KEY = iam.KEY
POLICY = iam.POLICY
SECRET = "kubernetes_secret_v1"


def pull_secrets(facts: ClusterFacts) -> dict[str, str]:
    """`workloads_registry.tf` beside the cluster, for each private namespace the workloads'
    images were moved to (facts.pulled): an IAM application allowed to pull from the
    project of the namespace (ContainerRegistryReadOnly), its API key, and a
    kubernetes.io/dockerconfigjson Secret of the key, written by the kubernetes provider
    (one configured from the cluster's kubeconfig when the root has none)."""
    if not facts.pulled or len(facts.clusters) != 1:
        return {}
    cluster = facts.clusters[0]
    path = facts.cluster_files.get(cluster)
    if path is None:
        return {}
    d = posixpath.dirname(path)
    blocks: list[TfBlock] = []
    if d not in facts.kube_provider_dirs:
        blocks += _provider(cluster)
    for registry, secret in sorted(facts.pulled.items()):
        region = next((r[1] for r in facts.registries if r[0] == registry), None)
        if region is None:
            continue  # repoint() moves only images whose host is known
        blocks += _pull(registry, secret, region.lower())
    return {posixpath.join(d, FILE): header(None) + "\n\n" + render_blocks(blocks)}


def _provider(cluster: str) -> list[TfBlock]:
    """The kubernetes provider of the root, with the token of the cluster's kubeconfig."""
    t = TfBlock("terraform")
    t.block("required_providers").set("kubernetes", E.Object(tuple(
        (E.Var(k), E.Literal(v)) for k, v in KUBERNETES.items())))
    p = TfBlock("provider", ("kubernetes",), comments=[
        f"scaffolding: the Secrets of the workloads go into {cluster}"])

    def config(attr: str) -> E.Expr:
        return E.GetAttr(E.Index(E.ref(f"{cluster}.kubeconfig"), E.Literal(0, "0")), attr)
    p.set("host", config("host"))
    p.set("cluster_ca_certificate", E.Call("base64decode", (config("cluster_ca_certificate"),)))
    p.set("token", config("token"))
    return [t, p]


def _pull(registry: str, secret: str, region: str) -> list[TfBlock]:
    label = "pull_" + registry.split(".", 1)[-1].replace("-", "_")
    app = E.ref(f"{APP}.{label}.id")
    name = iam.C.scw_name(f"kapsule-pull-{registry.split('.', 1)[-1]}", 64)
    a = TfBlock("resource", (APP, label), comments=[
        f"the Kapsule nodes' pulls from {registry} (imagePullSecret {secret})"])
    a.set("name", E.Literal(name))
    a.set("description", E.Literal(f"image pulls of the workloads from {registry}"))
    pol = TfBlock("resource", (POLICY, label))
    pol.set("name", E.Literal(name))
    pol.set("description", E.Literal(f"pull only, in the project of {registry}"))
    pol.set("application_id", app)
    rule = pol.block("rule")
    rule.set("project_ids", E.Tuple((E.ref(f"{registry}.project_id"),)))
    rule.set("permission_set_names", E.Tuple((E.Literal(
        str(iam.table()["registry_permission_sets"]["pull"])),)))
    key = TfBlock("resource", (KEY, label), comments=[
        "its secret_key is the docker password: it is kept in the Terraform state (encrypt "
        "the state backend), never written here"])
    key.set("application_id", app)
    key.set("description", E.Literal(f"imagePullSecret {secret} of the Kapsule workloads"))
    password = E.ref(f"{KEY}.{label}.secret_key")
    host = f"rg.{region}.scw.cloud"
    auth = E.Object(((E.Var("username"), E.Literal(USERNAME)), (E.Var("password"), password),
                     (E.Var("auth"), E.Call("base64encode", (E.Template(
                         (f"{USERNAME}:", E.Interp(password))),)))))
    config = E.Call("jsonencode", (E.Object(((E.Var("auths"), E.Object(
        ((E.Literal(host), auth),))),)),))
    s = TfBlock("resource", (SECRET, label), comments=[
        f"docker login {host} -u {USERNAME} with the key: the pods name it in "
        "imagePullSecrets"])
    meta = s.block("metadata")
    meta.set("name", E.Literal(secret))
    meta.set("namespace", E.Literal(NAMESPACE))
    meta.set("labels", E.Object(((E.Literal("app.kubernetes.io/managed-by"),
                                  E.Literal("iac-translate")),)))
    s.set("type", E.Literal("kubernetes.io/dockerconfigjson"))
    s.set("data", E.Object(((E.Literal(".dockerconfigjson"), config),)))
    return [a, pol, key, s]
