"""AKS lowering of what OVH attaches to a cluster: the API allow-list, OIDC, audit logs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import spec_use
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from .kube_data import note

CLUSTER = "azurerm_kubernetes_cluster"


def _declare_on_cluster(ctx: Ctx, node: N.Resource) -> RefTarget:
    """Folded into the cluster (or reported): references read the cluster."""
    cluster = ctx.resolve(node.get("kube_id"), node.module)
    return RefTarget(f"{CLUSTER}.{cluster.name}" if cluster else None, {},
                     fallback="{self}.id")


def _cluster_block(ctx: Ctx, node: N.Resource, raw: E.Expr | None) -> TfBlock | None:
    cluster = ctx.resolve(raw, node.module)
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster else None
    if block is None:
        note(ctx, "attach.cluster_not_declared",
             raw.span if raw is not None and raw.span else node.span, address=node.address)
    return block


def lower_iprestrictions(ctx: Ctx, node: N.Resource) -> None:
    """The allow-list becomes the cluster's api_server_access_profile.authorized_ip_ranges."""
    spec = K.read_allow_list(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    spec_use.timeouts(u, ())
    block = _cluster_block(ctx, node, spec.cluster)
    if block is None:
        u.done()
        return
    if node.meta.count is not None or node.meta.for_each is not None:
        note(ctx, "attach.repeated", node.span, address=node.address)
        u.done()
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
    u.done()


def lower_oidc(ctx: Ctx, node: N.Resource) -> None:
    """AKS takes no external OpenID Connect provider for API authentication: reported."""
    spec = K.read_oidc(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    spec_use.timeouts(u, ())
    if _cluster_block(ctx, node, spec.cluster) is not None:
        note(ctx, "attach.oidc", node.span, address=node.address)
    u.done()


def lower_log_subscription(ctx: Ctx, node: N.Resource) -> None:
    """AKS control-plane logs go to Azure Monitor, not to an OVH stream: reported."""
    spec = K.read_log_subscription(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    u.raw("stream_id")
    spec_use.timeouts(u, ())
    if _cluster_block(ctx, node, spec.cluster) is not None:
        note(ctx, "attach.audit_log", node.span, address=node.address)
    u.done()


DECLARE: dict[str, Declaring] = {"Oidc": _declare_on_cluster,
                                 "ApiIpRestriction": _declare_on_cluster,
                                 "ClusterLogSubscription": _declare_on_cluster}
LOWER: dict[str, Lowering] = {"Oidc": lower_oidc, "ApiIpRestriction": lower_iprestrictions,
                              "ClusterLogSubscription": lower_log_subscription}
