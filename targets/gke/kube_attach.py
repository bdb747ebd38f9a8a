"""GKE lowering of what OVH attaches to a cluster: OIDC, API allow-lists, log subscriptions."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import spec_use
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
    spec = K.read_oidc(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    spec_use.timeouts(u, ())  # merged into the cluster: their timeouts are the cluster's
    cluster_block = _cluster_block(ctx, node, spec.cluster)
    from iac_translate.compiler.hcl.printer import to_hcl
    # Named as the OVH resource writes them: the user copies them into the ClientConfig.
    details = [f"{k} = {to_hcl(v)}" for k, v in (
        ("issuer_url", spec.issuer_url), ("client_id", spec.client_id),
        ("oidc_username_claim", spec.username_claim),
        ("oidc_username_prefix", spec.username_prefix),
        ("oidc_groups_claim", spec.groups_claim), ("oidc_groups_prefix", spec.groups_prefix),
        ("oidc_required_claim", spec.required_claims),
        ("oidc_signing_algs", spec.signing_algs), ("oidc_ca_content", spec.ca_content))
        if v is not None]
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
    spec = K.read_allow_list(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    spec_use.timeouts(u, ())  # merged into the cluster: their timeouts are the cluster's
    cluster_block = _cluster_block(ctx, node, spec.cluster)
    ips = spec.source
    if cluster_block is None or ips is None:
        u.done()
        return
    ctx.merged(node, cluster_block)
    man = cluster_block.block("master_authorized_networks_config",
                              comment=f"from {node.address}")
    if spec.cidrs is not None:
        for ip in spec.cidrs:
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


def _cluster_block(ctx: Ctx, node: N.Resource, raw: E.Expr | None) -> TfBlock | None:
    cluster = ctx.resolve(raw, node.module)
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster else None
    if block is None:
        ctx.sink.add("IT338", raw.span if raw else node.span, f"{node.address} is not "
                     "translated: it refers to a cluster that is not declared in this module",
                     "declare it where the cluster is translated, or set it on that cluster")
    return block
