"""AKS lowering of what OVH attaches to a cluster: the API allow-list, OIDC, audit logs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..tfbase import kube_attach as KA
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from .kube_data import note

CLUSTER = "azurerm_kubernetes_cluster"


def lower_iprestrictions(ctx: Ctx, node: N.Resource) -> None:
    """The allow-list becomes the cluster's api_server_access_profile.authorized_ip_ranges."""
    a = KA.attached(ctx, node, K.read_allow_list, CLUSTER, note)
    spec, block = a.spec, a.block
    if block is None:
        a.u.done()
        return
    if node.meta.count is not None or node.meta.for_each is not None:
        note(ctx, "attach.repeated", node.span, address=node.address)
        a.u.done()
        return
    ctx.merged(node, block)
    p = block.block("api_server_access_profile", comment=f"from {node.address}")
    if spec.cidrs is not None and not spec.cidrs:
        # AKS reads an empty list as "no restriction": the closest to OVH's "nobody" is
        # one address no client has.
        p.set("authorized_ip_ranges", E.Tuple((E.Literal("0.0.0.0/32"),)))
        note(ctx, "attach.acl_empty", node.span, address=node.address)
    elif spec.cidrs is not None:
        p.set("authorized_ip_ranges",
              E.Tuple(tuple(ctx.rewrite(c, node.module) for c in spec.cidrs)))
    elif spec.source is not None:
        p.set("authorized_ip_ranges", ctx.rewrite(spec.source, node.module))
    a.u.done()


_ON_CLUSTER = KA.declare_on_cluster(CLUSTER)  # (folded into the cluster, or reported)
DECLARE: dict[str, Declaring] = {"Oidc": _ON_CLUSTER, "ApiIpRestriction": _ON_CLUSTER,
                                 "ClusterLogSubscription": _ON_CLUSTER}
# AKS takes no external OpenID Connect provider for API authentication, and its control-plane
# logs go to Azure Monitor, not to an OVH stream: both reported.
LOWER: dict[str, Lowering] = {"Oidc": KA.reported(K.read_oidc, CLUSTER, "attach.oidc", note),
                              "ApiIpRestriction": lower_iprestrictions,
                              "ClusterLogSubscription": KA.log_subscription(CLUSTER, note)}
