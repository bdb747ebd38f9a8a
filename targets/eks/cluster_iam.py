"""IAM an EKS cluster needs and OVH does not: cluster and node roles, the admin access entry."""

from __future__ import annotations

import dataclasses

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from . import common as C

ROLE = "aws_iam_role"
ATTACH = "aws_iam_role_policy_attachment"
CLUSTER_POLICIES = ("AmazonEKSClusterPolicy",)
NODE_POLICIES = ("AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy",
                 "AmazonEC2ContainerRegistryReadOnly")
ADMIN_POLICY = "AmazonEKSClusterAdminPolicy"


def instance_key(node: N.Resource) -> E.Expr | None:
    """`count.index` / `each.key` of a repeated resource, to address the same instance."""
    if node.meta.count is not None:
        return E.ref("count.index")
    if node.meta.for_each is not None:
        return E.ref("each.key")
    return None


def meta_only(node: N.Resource) -> N.Resource:
    """The node with its count/for_each only: what a companion block repeats."""
    meta = N.Meta(count=node.meta.count, for_each=node.meta.for_each)
    return dataclasses.replace(node, args=(), meta=meta)


def instance_ref(type_: str, node: N.Resource, attr: str, label: str = "") -> E.Expr:
    """`type.label[key].attr` (label: the node's own by default) for the instance of `node`
    that a companion block belongs to."""
    base: E.Expr = E.ref(f"{type_}.{label or node.name}")
    key = instance_key(node)
    if key is not None:
        base = E.Index(base, key)
    return E.GetAttr(base, attr)


def _partition(ctx: Ctx, module: str) -> E.Expr:
    def make() -> TfBlock:
        return TfBlock("data", ("aws_partition", "current"),
                       comments=["scaffolding: aws, aws-cn or aws-us-gov, for managed policy ARNs"])
    ctx.scaffold("aws_partition", module, make)
    return E.ref("data.aws_partition.current.partition")


def _trust(service: str) -> E.Expr:
    statement = E.Object(((E.Var("Effect"), E.Literal("Allow")),
                          (E.Var("Action"), E.Literal("sts:AssumeRole")),
                          (E.Var("Principal"), E.Object(((E.Var("Service"),
                                                          E.Literal(service)),)))))
    return E.Call("jsonencode", (E.Object((
        (E.Var("Version"), E.Literal("2012-10-17")),
        (E.Var("Statement"), E.Tuple((statement,))))),))


def _role(ctx: Ctx, owner: N.Resource, suffix: str, service: str, policies: tuple[str, ...],
          why: str) -> E.Expr:
    """One role per OVH cluster resource (all its instances share it: a role can serve
    several clusters), created with the managed policies it needs."""
    label = f"{owner.name}_{suffix}"
    key = f"role:{label}"
    ref = E.ref(f"{ROLE}.{label}.arn")
    if f"{owner.module}|{key}" in ctx.scaffolds:
        return ref
    part = _partition(ctx, owner.module)

    def make() -> TfBlock:
        r = TfBlock("resource", (ROLE, label), comments=[f"scaffolding: {why} of {owner.address}"])
        # A prefix, not a name: module instances and several clusters must not collide.
        r.set("name_prefix", E.Literal(C.aws_name(f"{owner.name}-{suffix}", 30) + "-"))
        r.set("assume_role_policy", _trust(service))
        return r
    ctx.scaffold(key, owner.module, make)
    for policy in policies:
        def attach(policy: str = policy) -> TfBlock:
            a = TfBlock("resource", (ATTACH, f"{label}_{policy.lower()}"))
            a.set("role", E.ref(f"{ROLE}.{label}.name"))
            a.set("policy_arn", C.tpl("arn:", part, f":iam::aws:policy/{policy}"))
            return a
        ctx.scaffold(f"{key}:{policy}", owner.module, attach)
    return ref


def cluster_role(ctx: Ctx, cluster: N.Resource) -> E.Expr:
    return _role(ctx, cluster, "cluster", "eks.amazonaws.com", CLUSTER_POLICIES,
                 "the role the EKS control plane assumes")


def node_role(ctx: Ctx, owner: N.Resource) -> E.Expr:
    return _role(ctx, owner, "nodes", "ec2.amazonaws.com", NODE_POLICIES,
                 "the role of the worker nodes")


def attachments_of(owner: N.Resource, suffix: str, policies: tuple[str, ...]) -> E.Tuple:
    """The policy attachments a resource using the role must wait for (the nodes cannot
    join, nor the cluster be deleted cleanly, without them)."""
    label = f"{owner.name}_{suffix}"
    return E.Tuple(tuple(E.ref(f"{ATTACH}.{label}_{p.lower()}") for p in policies))


def cluster_region(ctx: Ctx, cluster: N.Resource) -> E.Expr | None:
    """`region` for a block that belongs to one instance of `cluster`: set only when the
    cluster sets its own (another region than the provider's, or one per instance)."""
    own = ctx.primary.get(ctx.key_of(cluster))
    if own is None or own.get("region") is None:
        return None
    return instance_ref("aws_eks_cluster", cluster, "region")


def admin_access(ctx: Ctx, cluster: N.Resource) -> None:
    """Whoever runs `terraform apply` administers the cluster, as the OVH kubeconfig owner
    did: an access entry for the caller's IAM principal (an assumed role resolved to the role
    itself, which access entries require) with the cluster admin policy."""
    module = cluster.module
    part = _partition(ctx, module)
    ctx.scaffold("caller", module, lambda: TfBlock(
        "data", ("aws_caller_identity", "current"),
        comments=["scaffolding: who runs terraform, made administrator of the clusters"]))

    def session() -> TfBlock:
        b = TfBlock("data", ("aws_iam_session_context", "current"),
                    comments=["scaffolding: the IAM role behind an assumed-role session"])
        b.set("arn", E.ref("data.aws_caller_identity.current.arn"))
        return b
    ctx.scaffold("session", module, session)
    principal = E.ref("data.aws_iam_session_context.current.issuer_arn")
    name = instance_ref("aws_eks_cluster", cluster, "name")
    entry = TfBlock("resource", ("aws_eks_access_entry", f"{cluster.name}_admin"),
                    comments=[f"the caller administers {cluster.address} (access entries, "
                              "authentication_mode API)"])
    entry.set("cluster_name", name)
    entry.set("region", cluster_region(ctx, cluster))
    entry.set("principal_arn", principal)
    P.emit_meta(ctx, entry, meta_only(cluster), {})
    ctx.emit(cluster.span, entry)
    assoc = TfBlock("resource", ("aws_eks_access_policy_association", f"{cluster.name}_admin"))
    assoc.set("cluster_name", name)
    assoc.set("region", cluster_region(ctx, cluster))
    assoc.set("principal_arn", instance_ref("aws_eks_access_entry", cluster, "principal_arn",
                                            f"{cluster.name}_admin"))
    assoc.set("policy_arn", C.tpl("arn:", part,
                                  f":eks::aws:cluster-access-policy/{ADMIN_POLICY}"))
    assoc.block("access_scope").set("type", E.Literal("cluster"))
    P.emit_meta(ctx, assoc, meta_only(cluster), {})
    ctx.emit(cluster.span, assoc)
