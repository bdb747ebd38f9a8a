"""Scaleway lowering of what OVH attaches to a cluster: OIDC, the API allow-list, audit logs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dropped
from ..tfbase import kube_attach as KA
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.pool_tuning import per_instance
from ..tfbase.refs import RefTarget
from .kube_data import note, table

CLUSTER = "scaleway_k8s_cluster"
ACL = "scaleway_k8s_acl"
OPEN = "0.0.0.0/0"  # Kapsule's default rule: every address


def _declare_acl(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{ACL}.{node.name}", {}, fallback="{self}.id")


def _never_empty(e: E.Expr) -> bool:
    """A list that holds a literal item whatever its variables are (concat(var.x, ["..."]))."""
    if isinstance(e, E.Tuple):
        return bool(e.items)
    return isinstance(e, E.Call) and e.name == "concat" and any(map(_never_empty, e.args))


def lower_iprestrictions(ctx: Ctx, node: N.Resource) -> None:
    """The allow-list becomes scaleway_k8s_acl: one rule per CIDR, 0.0.0.0/0 when empty."""
    a = KA.attached(ctx, node, K.read_allow_list, ACL, note,
                    timeouts=("create", "read", "update", "delete", "default"))
    spec, u = a.spec, a.u
    if a.block is None or spec.cluster is None:
        u.done()
        return
    b = TfBlock("resource", (ACL, node.name))
    b.set("cluster_id", ctx.rewrite(spec.cluster, node.module))
    if spec.cidrs is not None and not spec.cidrs:
        # OVH's empty list restricts nothing (the provider's delete PUTs []); no_ip_allowed
        # would lock out every client, terraform's own helm/kubernetes providers included.
        rule = b.block("acl_rules", comment="OVH's empty allow-list: any address may reach "
                       "the API server")
        rule.set("ip", E.Literal(OPEN))
        rule.set("description", E.Literal(f"from {node.address}"))
    elif spec.cidrs is not None:
        for cidr in spec.cidrs:
            rule = b.block("acl_rules")
            rule.set("ip", ctx.rewrite(cidr, node.module))
            rule.set("description", E.Literal(f"from {node.address}"))
    elif spec.source is not None:
        note(ctx, "attach.acl_computed", spec.source.span or node.span, address=node.address)
        dyn = b.block("dynamic", "acl_rules")
        # An empty list is OVH's "no restriction", and zero acl_rules with no no_ip_allowed
        # fails the provider's ExactlyOneOf at plan: an empty list opens the API server.
        src = ctx.rewrite(spec.source, node.module)
        dyn.set("for_each", src if _never_empty(src) else E.Conditional(
            E.Binary(">", E.Call("length", (src,)), E.Literal(0, "0")),
            E.Call("tolist", (src,)), E.Tuple((E.Literal(OPEN),))))
        content = dyn.block("content")
        content.set("ip", E.ref("acl_rules.value"))
        content.set("description", E.Literal(f"from {node.address}"))
    P.place(ctx, node, b, a.timeouts)
    u.done()


def lower_oidc(ctx: Ctx, node: N.Resource) -> None:
    """OVH's OIDC resource becomes the cluster's open_id_connect_config block."""
    a = KA.attached(ctx, node, K.read_oidc, CLUSTER, note)
    spec, u, block = a.spec, a.u, a.block
    if block is None:
        u.done()
        return
    def rw(e: E.Expr | None) -> E.Expr | None:
        return ctx.rewrite(e, node.module) if e is not None else None

    values = (spec.issuer_url, spec.client_id, spec.username_claim, spec.username_prefix,
              spec.groups_claim, spec.groups_prefix, spec.required_claims)
    m = node.meta
    if (m.count is not None or m.for_each is not None) and \
            any(per_instance(v) for v in values if v is not None):
        # One OIDC configuration per cluster: instances with values of their own do not fold.
        note(ctx, "attach.oidc_per_instance", node.span, address=node.address)
        u.done()
        return
    ctx.merged(node, block)
    oidc = block.block("open_id_connect_config", comment=f"from {node.address}")
    repeat = m.count if m.count is not None else m.for_each
    if repeat is not None:
        # A repeated OIDC resource exists or not: the block is there when it does.
        n = ctx.rewrite(repeat, node.module)
        if m.count is None:
            n = E.Call("length", (n,))
        oidc.type, oidc.labels = "dynamic", ("open_id_connect_config",)
        oidc.set("for_each", E.Conditional(E.Binary(">", n, E.Literal(0, "0")),
                                           E.Tuple((E.Literal(1, "1"),)), E.Tuple(())))
        oidc = oidc.block("content")
    for name, value in (("issuer_url", spec.issuer_url), ("client_id", spec.client_id),
                        ("username_claim", spec.username_claim),
                        ("username_prefix", spec.username_prefix),
                        ("groups_claim", spec.groups_claim),
                        ("groups_prefix", spec.groups_prefix),
                        ("required_claim", spec.required_claims)):
        oidc.set(name, rw(value))
    dropped.report(ctx, node, table()["not_translated"]["oidc"], (
        ("oidc_signing_algs", spec.signing_algs), ("oidc_ca_content", spec.ca_content)))
    u.done()


_ON_CLUSTER = KA.declare_on_cluster(CLUSTER)  # (folded into the cluster)
DECLARE: dict[str, Declaring] = {"Oidc": _ON_CLUSTER, "ApiIpRestriction": _declare_acl,
                                 "ClusterLogSubscription": _ON_CLUSTER}
# Kapsule has no per-cluster log forwarding resource: reported, nothing emitted.
LOWER: dict[str, Lowering] = {"Oidc": lower_oidc, "ApiIpRestriction": lower_iprestrictions,
                              "ClusterLogSubscription": KA.log_subscription(CLUSTER, note)}
