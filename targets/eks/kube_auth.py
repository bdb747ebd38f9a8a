"""Kubernetes, Helm and kubectl providers of an OVH cluster authenticate to EKS with a token."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from .placement import note

AUTH = "aws_eks_cluster_auth"


def token_auth(ctx: Ctx, node: N.Provider, auth: PL.KubeAuth) -> E.Expr:
    """The provider read the OVH cluster's client certificate and key: EKS has none, the
    provider gets a short-lived token of the caller's IAM identity instead
    (`data.aws_eks_cluster_auth`, refreshed at every plan and apply; a run longer than 15
    minutes needs the `exec` plugin form instead)."""
    cluster = auth.cluster
    label = cluster.name if cluster is not None else "cluster"
    if cluster is not None and cluster.module == node.module:
        name: E.Expr = E.ref(f"{'data.' if cluster.mode == 'data' else ''}aws_eks_cluster."
                             f"{cluster.name}.name")
        base = E.ref(f"aws_eks_cluster.{cluster.name}")
        # A provider configures one cluster: the first instance of a repeated one, as the
        # OVH reference (`...[0].kubeconfig_attributes`) usually reads.
        if cluster.meta.count is not None:
            name = E.GetAttr(E.Index(base, E.Literal(0, "0")), "name")
        elif cluster.meta.for_each is not None:
            first = E.Index(E.Call("keys", (base,)), E.Literal(0, "0"))
            name = E.GetAttr(E.Index(base, first), "name")
    else:
        name = E.Literal("TODO(IT308): the name of the EKS cluster")
        note(ctx, "auth.cluster_not_declared", node.span, name=node.name)

    def make() -> TfBlock:
        b = TfBlock("data", (AUTH, label), comments=[
            # (one text whichever provider makes it first)
            "scaffolding: a token of the caller for the cluster, for the providers that reach it"])
        b.set("name", name)
        return b
    ctx.scaffold(f"{AUTH}:{label}", node.module, make)
    note(ctx, "auth.token_not_certificate", node.span, name=node.name, label=label)
    return E.ref(f"data.{AUTH}.{label}.token")
