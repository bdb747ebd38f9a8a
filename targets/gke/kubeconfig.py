"""GKE's kubeconfig for OVH's `kubeconfig` attribute: rebuilt from endpoint and CA, per instance."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.kubeconfig_rule import per_instance, repeated
from ..tfbase.refs import Rule
from . import common as C

CLUSTER = "google_container_cluster"


def local_name(node: N.Resource) -> str:
    # A lookup and a managed cluster may share a label: their locals must not collide.
    return f"{'data_' if node.mode == 'data' else ''}{node.name}_kubeconfig"


def rule(node: N.Resource) -> Rule:
    """How `kubeconfig` of the OVH cluster is read: the local; for a counted or for_each
    cluster the local has one kubeconfig per instance (a list, a map by key), so that
    `x[0].kubeconfig` / `x["a"].kubeconfig` become `local.x_kubeconfig[0]` / `["a"]`."""
    if not repeated(node):
        return f"local.{local_name(node)}"
    return per_instance(node, local_name(node), lambda head: _kubeconfig(node, head))


def emit_local(ctx: Ctx, node: N.Resource) -> None:
    """The local the `kubeconfig` rule reads, when something reads it."""
    if "kubeconfig" not in ctx.attributes_read(node):
        return
    ref = E.ref(f"data.{CLUSTER}.{node.name}" if node.mode == "data" else
                C.self_ref(CLUSTER, node))
    value = _kubeconfig(node, ref)
    if repeated(node):
        each = node.meta.for_each is not None
        value = E.ForExpr("key" if each else None, "cluster", ref,
                          _kubeconfig(node, E.Var("cluster")), E.Var("key") if each else None)
    loc = TfBlock("locals")
    loc.set(local_name(node), value, "kubeconfig rebuilt from the GKE endpoint and CA; "
            "authenticates with gke-gcloud-auth-plugin")
    ctx.emit(node.span, loc)


def _kubeconfig(node: N.Resource, cluster: E.Expr) -> E.Expr:
    """A kubeconfig equivalent to OVH's, for one cluster object."""
    return E.Call("yamlencode", (E.Object((
        (E.Var("apiVersion"), E.Literal("v1")),
        (E.Var("kind"), E.Literal("Config")),
        (E.Var("current-context"), E.Literal(node.name)),
        (E.Var("clusters"), E.Tuple((E.Object((
            (E.Var("name"), E.Literal(node.name)),
            (E.Var("cluster"), E.Object((
                (E.Var("server"), C.tpl("https://", E.GetAttr(cluster, "endpoint"))),
                (E.Literal("certificate-authority-data"),
                 E.GetAttr(E.Index(E.GetAttr(cluster, "master_auth"), C.num(0)),
                           "cluster_ca_certificate")),
            ))),
        )),))),
        (E.Var("contexts"), E.Tuple((E.Object((
            (E.Var("name"), E.Literal(node.name)),
            (E.Var("context"), E.Object(((E.Var("cluster"), E.Literal(node.name)),
                                         (E.Var("user"), E.Literal(node.name))))),
        )),))),
        (E.Var("users"), E.Tuple((E.Object((
            (E.Var("name"), E.Literal(node.name)),
            (E.Var("user"), E.Object(((E.Var("exec"), E.Object((
                (E.Var("apiVersion"), E.Literal("client.authentication.k8s.io/v1beta1")),
                (E.Var("command"), E.Literal("gke-gcloud-auth-plugin")),
                (E.Var("provideClusterInfo"), E.Literal(True)),
            ))),))),
        )),))),
    )),))
