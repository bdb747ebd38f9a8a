"""A kube provider's token from the lowered cluster, where OVH's read a client certificate."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from .context import Ctx

Note = Callable[..., None]  # the target's note(ctx, key, span, **values)


def cluster_token(ctx: Ctx, node: N.Provider, auth: PL.KubeAuth, cluster_type: str,
                  config: str, attr: str, what: str, note: Note) -> E.Expr:
    """`<cluster_type>.<cluster>.<config>[0].<attr>`, the token of the cluster's kubeconfig
    (notes auth.token_not_certificate); a cluster not declared in the provider's module is
    the note auth.cluster_not_declared and a TODO naming `what`'s token."""
    cluster = auth.cluster
    path = f"{config}[0].{attr}"
    if cluster is None or cluster.module != node.module:
        note(ctx, "auth.cluster_not_declared", node.span, name=node.name)
        return E.Literal(f"TODO(IT308): {what}'s {path}")
    root = "data." if cluster.mode == "data" else ""
    base = E.ref(f"{root}{cluster_type}.{cluster.name}")
    # A provider configures one cluster: the first instance of a repeated one, as the
    # OVH reference (`...[0].kubeconfig_attributes`) usually reads.
    if cluster.meta.count is not None:
        base = E.Index(base, E.Literal(0, "0"))
    elif cluster.meta.for_each is not None:
        base = E.Index(base, E.Index(E.Call("keys", (base,)), E.Literal(0, "0")))
    token = E.GetAttr(E.Index(E.GetAttr(base, config), E.Literal(0, "0")), attr)
    note(ctx, "auth.token_not_certificate", node.span, name=node.name,
         token=f"{root}{cluster_type}.{cluster.name}.{path}")
    return token
