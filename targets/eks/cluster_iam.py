"""IAM an EKS cluster needs and OVH does not: cluster and node roles, the admin access entry."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase import companions
from ..tfbase.context import Ctx
from .placement import companion, companion_addresses

ATTACH = "aws_iam_role_policy_attachment"


def cluster_role(ctx: Ctx, cluster: N.Resource) -> E.Expr:
    companion(ctx, "cluster_role", cluster)
    return E.ref(f"aws_iam_role.{cluster.name}_cluster.arn")


def node_role(ctx: Ctx, owner: N.Resource) -> E.Expr:
    """One role per OVH cluster resource (all its instances share it)."""
    companion(ctx, "node_role", owner)
    return E.ref(f"aws_iam_role.{owner.name}_nodes.arn")


def node_attachments(owner: N.Resource) -> E.Tuple:
    """The policy attachments a node group must wait for (the nodes cannot join, nor the
    cluster be deleted cleanly, without them)."""
    return companion_addresses("node_role", owner, ATTACH)


def cluster_region(ctx: Ctx, cluster: N.Resource) -> E.Expr | None:
    """`region` for a block that belongs to one instance of `cluster`: set only when the
    cluster sets its own (another region than the provider's, or one per instance)."""
    own = ctx.primary.get(ctx.key_of(cluster))
    if own is None or own.get("region") is None:
        return None
    return companions.same(cluster, "aws_eks_cluster", "region")


def admin_access(ctx: Ctx, cluster: N.Resource) -> None:
    """Whoever runs `terraform apply` administers the cluster (companions.json says how)."""
    companion(ctx, "admin_access", cluster, region=cluster_region(ctx, cluster))
