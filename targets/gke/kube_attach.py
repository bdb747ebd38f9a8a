"""GKE lowering of what OVH attaches to a cluster: OIDC, API allow-lists, log subscriptions."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from .kube import CLUSTER


def declare_attachment(ctx: Ctx, node: N.Resource) -> RefTarget:
    cluster = ctx.resolve(node.field_value("cluster"), node.module)
    base = C.self_ref(CLUSTER, cluster) if cluster else None
    return RefTarget(base, {}, fallback="{self}.id")


def lower_oidc(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, CLUSTER)
    cluster_block = _cluster_block(ctx, node, u)
    details = []
    for k in ("issuer_url", "client_id", "oidc_username_claim", "oidc_username_prefix",
              "oidc_groups_claim", "oidc_groups_prefix", "oidc_required_claim",
              "oidc_signing_algs", "oidc_ca_content"):
        v = u.raw(k)
        if v is not None:
            from iac_translate.compiler.hcl.printer import to_hcl
            details.append(f"{k} = {to_hcl(v)}")
    ctx.sink.add("IT301", node.span, f"{node.address}: GKE enables Identity Service; issuer and "
                 "client are configured in the in-cluster ClientConfig object, not in Terraform",
                 "; ".join(details))
    if cluster_block is not None:
        ctx.merged(node, cluster_block)
        cluster_block.block("identity_service_config",
                            comment="OIDC from " + node.address + ": set "
                            + ", ".join(details) + " in the ClientConfig "
                            "(kube-public/default)").set("enabled", _present(ctx, node))
    u.done()


def _present(ctx: Ctx, node: N.Resource) -> E.Expr:
    """True, or the condition under which a `count`/`for_each` attachment exists."""
    m = node.meta
    if m.count is not None:
        return E.Binary(">", ctx.rewrite(m.count, node.module), C.num(0))
    if m.for_each is not None:
        return E.Binary(">", E.Call("length", (ctx.rewrite(m.for_each, node.module),)),
                        C.num(0))
    return E.Literal(True)


def lower_iprestrictions(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, CLUSTER)
    cluster_block = _cluster_block(ctx, node, u)
    ips = u.field("cidrs")
    if cluster_block is None or ips is None:
        return
    ctx.merged(node, cluster_block)
    man = cluster_block.block("master_authorized_networks_config",
                              comment=f"from {node.address}")
    if isinstance(ips, E.Tuple):
        for ip in ips.items:
            c = man.block("cidr_blocks")
            c.set("cidr_block", ctx.rewrite(ip, node.module))
            s = E.str_value(ip)
            if s is not None:
                c.set("display_name", E.Literal(s))
    else:
        dyn = man.block("dynamic", "cidr_blocks")
        dyn.set("for_each", ctx.rewrite(ips, node.module))
        dyn.block("content").set("cidr_block", E.ref("cidr_blocks.value"))
    man.set("gcp_public_cidrs_access_enabled", E.Literal(False))
    u.done()


lower_log_subscription = not_translated(
    "IT338", "{address} is not translated: GKE sends audit logs to Cloud Logging; add a "
    "google_logging_project_sink to forward them")


def _cluster_block(ctx: Ctx, node: N.Resource, u: Use) -> TfBlock | None:
    raw = u.field("cluster")
    cluster = ctx.resolve(raw, node.module)
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster else None
    if block is None:
        ctx.sink.add("IT338", raw.span if raw else node.span, f"{node.address} is not "
                     "translated: it refers to a cluster that is not declared in this module",
                     "declare it where the cluster is translated, or set it on that cluster")
    return block
