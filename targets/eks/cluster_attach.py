"""EKS lowering of what OVH attaches to a cluster: OIDC, the API allow-list, audit logs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dropped, reftables, spec_use
from ..tfbase import kube_attach as KA
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.use import Use
from . import common as C
from .placement import note, platform, shape

CLUSTER = "aws_eks_cluster"
IDP = "aws_eks_identity_provider_config"


def lower_iprestrictions(ctx: Ctx, node: N.Resource) -> None:
    a = KA.attached(ctx, node, K.read_allow_list, CLUSTER, note)
    spec, u, block = a.spec, a.u, a.block
    vpc = block.find("vpc_config") if block is not None else None
    if block is None or vpc is None or spec.source is None:
        u.done()
        return
    ctx.merged(node, block)
    cidrs = ctx.rewrite(spec.source, node.module)
    if node.meta.count is not None or node.meta.for_each is not None:
        # A repeated allow-list exists or not: open to all when it does not.
        cond = E.Binary(">", ctx.rewrite(node.meta.count, node.module), C.num(0)) \
            if node.meta.count is not None else E.Binary(">", E.Call("length", (
                ctx.rewrite(node.meta.for_each, node.module),)), C.num(0))
        cidrs = E.Conditional(cond, cidrs, C.strings(["0.0.0.0/0"]))
    vpc.set("public_access_cidrs", cidrs, f"from {node.address}")
    u.done()


def _required_claims(ctx: Ctx, node: N.Resource, claims: E.Expr) -> E.Expr:
    """OVH `oidc_required_claim` is a list of "claim=value"; EKS wants a map."""
    if isinstance(claims, E.Tuple) and all(E.str_value(c) and "=" in (E.str_value(c) or "")
                                           for c in claims.items):
        pairs = [(E.str_value(c) or "").split("=", 1) for c in claims.items]
        return E.Object(tuple((E.Literal(k), E.Literal(v)) for k, v in pairs))
    split = E.Call("split", (E.Literal("="), E.Var("c")))
    return E.ForExpr(None, "c", ctx.rewrite(claims, node.module),
                     E.Index(split, C.num(1)), key=E.Index(split, C.num(0)))


def lower_oidc(ctx: Ctx, node: N.Resource) -> None:
    spec = K.read_oidc(ctx, node)
    u = Use(ctx, node, IDP)
    spec_use.consume(u, "kube")
    cluster = ctx.resolve(spec.cluster, node.module)
    # Not KA.attached: the timeouts are read only where the provider config is emitted.
    if cluster is None or KA.cluster_block(ctx, node, spec.cluster, note) is None:
        u.done()
        return
    b = TfBlock("resource", (IDP, node.name))
    def rw(e: E.Expr | None) -> E.Expr | None:
        return ctx.rewrite(e, node.module) if e is not None else None
    claim = spec.groups_claim
    groups = rw(claim)
    if isinstance(claim, E.Tuple) and len(claim.items) == 1:
        groups = rw(claim.items[0])
    elif claim is not None and groups is not None:  # EKS reads one groups claim
        groups = E.Index(groups, C.num(0))
        note(ctx, "attach.oidc_first_groups_claim", claim.span or node.span,
             address=node.address)
    shape(b, "oidc", node, cluster=E.ref(f"{CLUSTER}.{cluster.name}.name")
          if cluster.meta.count is None and cluster.meta.for_each is None
          else rw(spec.cluster), config_name=C.aws_name(node.name, 100),
          issuer_url=rw(spec.issuer_url), client_id=rw(spec.client_id),
          username_claim=rw(spec.username_claim), username_prefix=rw(spec.username_prefix),
          groups_claim=groups, groups_prefix=rw(spec.groups_prefix), required_claims=None
          if spec.required_claims is None else _required_claims(ctx, node, spec.required_claims))
    dropped.report(ctx, node, platform()["not_translated"]["oidc"], (
        ("oidc_signing_algs", spec.signing_algs), ("oidc_ca_content", spec.ca_content)))
    P.place(ctx, node, b, spec_use.timeouts(u, ("create", "delete")))
    u.done()


def lower_log_subscription(ctx: Ctx, node: N.Resource) -> None:
    """OVH forwards the audit log to a Logs Data Platform stream; EKS writes control-plane
    logs to CloudWatch Logs (/aws/eks/<name>/cluster) once enabled on the cluster."""
    a = KA.attached(ctx, node, K.read_log_subscription, CLUSTER, note, raw=("stream_id",))
    spec, u, block = a.spec, a.u, a.block
    if block is None:
        u.done()
        return
    kind = E.str_value(spec.kind) or "audit"
    ctx.merged(node, block)
    block.set("enabled_cluster_log_types", C.strings([kind if kind in (
        "api", "audit", "authenticator", "controllerManager", "scheduler") else "audit"]),
        f"from {node.address}")
    note(ctx, "attach.audit_log_to_cloudwatch", node.span, address=node.address, kind=kind)
    u.done()


_ON_CLUSTER = KA.declare_on_cluster(CLUSTER)  # (folded into the cluster)
DECLARE: dict[str, Declaring] = {"Oidc": reftables.declaring(platform()["references"]["Oidc"]),
                                 "ApiIpRestriction": _ON_CLUSTER,
                                 "ClusterLogSubscription": _ON_CLUSTER}
LOWER: dict[str, Lowering] = {"Oidc": lower_oidc, "ApiIpRestriction": lower_iprestrictions,
                              "ClusterLogSubscription": lower_log_subscription}
