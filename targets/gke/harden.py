"""GKE hardening defaults: deletion protection, least-privilege node account, Workload Identity."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..mapping import data_table
from ..tfbase import hardening
from ..tfbase.context import Ctx
from . import common as C
from .instance_names import warn_repeated

SA = "google_service_account"
MEMBER = "google_project_iam_member"


def _facts() -> dict[str, Any]:
    facts: dict[str, Any] = (data_table("gke/platform.json") or {})["node_service_account"]
    return facts


def protection(ctx: Ctx, node: N.Resource, source: E.Expr | None, what: str,
               off: bool = False) -> E.Expr:
    """The deletion-protection value (tfbase/hardening); `what` is the protected part of
    `node` ("the cluster"), named with its address in the IT337."""
    return hardening.protection(ctx, node, source, f"{what} of {node.address}", off)


def workload_identity(ctx: Ctx, cluster: TfBlock) -> None:
    if ctx.harden.workload_identity:
        cluster.block("workload_identity_config").set(
            "workload_pool", C.tpl(C.project(), ".svc.id.goog"))


def node_identity(ctx: Ctx, node: N.Resource, cfg: TfBlock, owner: N.Resource) -> None:
    """Nodes run as a dedicated service account with only the node roles (one per cluster,
    `owner`), and pods reach Google APIs through Workload Identity, not the node's account."""
    if ctx.harden.dedicated_node_sa:
        sa = node_account(ctx, node, owner)
        cfg.set("service_account", E.ref(f"{SA}.{sa}.email"))
    if ctx.harden.workload_identity:
        cfg.block("workload_metadata_config").set("mode", E.Literal("GKE_METADATA"))


def node_account(ctx: Ctx, node: N.Resource, owner: N.Resource) -> str:
    """The Terraform name of the node service account of `owner` (created once per module)."""
    label = f"{owner.name}_nodes"
    key = f"node_sa:{label}"
    if f"{owner.module}|{key}" in ctx.scaffolds:
        return label
    facts = _facts()
    base = C.gcp_name(owner.name.replace("_", "-"), 30 - len("-nodes")) or "gke"
    account_id = f"{base}-nodes"

    def make() -> TfBlock:
        sa = TfBlock("resource", (SA, label), comments=[
            f"hardening: the nodes of {owner.address} run as this least-privilege account, "
            "not the Compute Engine default one"])
        sa.set("account_id", E.Literal(account_id))
        sa.set("display_name", E.Literal(f"GKE nodes of {owner.name}"))
        return sa
    ctx.scaffold(key, owner.module, make)
    warn_repeated(ctx, owner, SA, E.Literal(account_id), "per project")
    roles = list(facts["roles"])
    if any(n.KIND == "Registry" for n in ctx.nodes.values()):
        roles.append(facts["registry_role"])  # pull the translated registry's images
    for role in roles:
        short = role.rsplit("/", 1)[1].replace(".", "_").lower()

        def member(role: str = role, short: str = short) -> TfBlock:
            m = TfBlock("resource", (MEMBER, f"{label}_{short}"))
            m.set("project", C.project())
            m.set("role", E.Literal(role))
            m.set("member", C.tpl("serviceAccount:", E.ref(f"{SA}.{label}.email")))
            return m
        ctx.scaffold(f"{key}:{role}", owner.module, member)
    ctx.sink.add("IT337", node.span, f"the nodes of {owner.address} run as a dedicated service "
                 f"account ({account_id}) with {', '.join(roles)} (the target's hardening "
                 "guide)", "--node-service-account default keeps the Compute Engine default "
                 "account")
    return label
