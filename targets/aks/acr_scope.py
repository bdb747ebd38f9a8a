"""AKS AcrPull on the resource group: one grant per cluster when a module has many registries."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C
from . import iam

# At most this many registry x cluster pairs in one module get one AcrPull per registry, the
# narrowest grant. Why 16: real modules have 1 registry and 1-2 clusters (1-2 pairs), and
# even 4 registries shared by 4 clusters (one per environment) stay per registry, a list a
# reviewer still reads; past it the assignments grow as a product (the bench's one module of
# thousands of stacks made 665,858 of them, 96% of the output), while one per cluster on the
# resource group grows like the clusters.
PAIRS_PER_REGISTRY_MAX = 16

CLIENT = "data.azurerm_client_config.current"


def registries(ctx: Ctx, module: str) -> list[N.Resource]:
    """The registries `module` declares (data sources read a registry: they get no AcrPull),
    listed once per module (every registry asks)."""
    def build() -> list[N.Resource]:
        return [r for r in ctx.by_module.resources(module, "Registry") if r.mode != "data"]
    found: list[N.Resource] = C.once(ctx, f"acr registries {module}", build)
    return found


def fans_out(ctx: Ctx, module: str) -> bool:
    """Whether per-registry AcrPull in `module` would exceed PAIRS_PER_REGISTRY_MAX (the
    blocks are counted: a repeated registry or cluster counts once). One registry never
    does: the group would grant more for as many assignments."""
    regs = len(registries(ctx, module))
    return regs > 1 and regs * len(ctx.by_module.resources(module, "Cluster")) > \
        PAIRS_PER_REGISTRY_MAX


def group_scope(ctx: Ctx, module: str) -> tuple[E.Expr, str]:
    """The ARM id of the resource group holding `module`'s registries, and how it is named.
    A child module only has the group's name: the id is spelled out, not read with
    data.azurerm_resource_group, which would look for the group at plan time, before the
    caller has created it."""
    name, _ = C.resource_group(ctx, module, None)
    if C.module_is_root(ctx, module):
        return E.ref(f"azurerm_resource_group.{C.RG}.id"), f"azurerm_resource_group.{C.RG}"
    ctx.scaffold("azurerm_client_config.current", module, _client_config)
    return E.Template(("/subscriptions/", E.Interp(E.ref(f"{CLIENT}.subscription_id")),
                       "/resourceGroups/", E.Interp(name))), \
        f"var.{C.group_variables(ctx, module)[0]}"


def _client_config() -> TfBlock:
    # (the same words as aks/s3users': whichever lowering comes first writes the block)
    return TfBlock("data", ("azurerm_client_config", "current"), comments=[
        "the subscription the provider works in: role assignments are scoped in it"])


def pullers(ctx: Ctx, node: N.Resource, clusters: list[N.Resource],
            where: str) -> Iterator[tuple[N.Resource, E.Expr]]:
    """Each cluster that is one block, with its kubelet identity's object id (what AcrPull
    is granted to); a repeated one is IT308: no AcrPull `where` is written for it."""
    for cluster in clusters:
        if cluster.meta.count is not None or cluster.meta.for_each is not None:
            ctx.sink.add("IT308", node.span, f"{cluster.address} is repeated: no AcrPull "
                         f"{where} is written for its kubelet identities",
                         "add an azurerm_role_assignment AcrPull per cluster instance")
            continue
        data = "data." if cluster.mode == "data" else ""
        yield cluster, E.ref(f"{data}azurerm_kubernetes_cluster.{cluster.name}"
                             ".kubelet_identity[0].object_id")


def group_pulls(ctx: Ctx, node: N.Resource) -> None:
    """At the module's first registry: AcrPull on the resource group for the kubelet
    identity of each cluster of the module; the other registries write none."""
    regs = registries(ctx, node.module)
    if not regs or ctx.key_of(regs[0]) != ctx.key_of(node):
        return
    clusters = ctx.by_module.resources(node.module, "Cluster")
    scope, group = group_scope(ctx, node.module)
    # (the registry's provider only: its count, depends_on and lifecycle are its own)
    at = dataclasses.replace(node, meta=N.Meta(provider=node.meta.provider))
    granted = 0
    for cluster, kubelet in pullers(ctx, node, clusters, f"on the resource group `{group}`"):
        iam.role(ctx, at, f"{cluster.name}_acr_pull", scope, "AcrPull", kubelet,
                 f"the nodes of {cluster.address} pull images from every registry of the "
                 "resource group")
        granted += 1
    if granted:
        pairs = len(regs) * len(clusters)
        # (sorted: the registries' source order is the file order, which must not matter)
        named = sorted(r.address for r in regs)
        ctx.sink.add("IT301", node.span, f"AcrPull granted on the resource group `{group}` "
                     f"for each of the {granted} clusters of this module: it covers every "
                     f"registry in that group, not only these {len(regs)} "
                     f"({', '.join(named[:5])}"
                     f"{', ...' if len(regs) > 5 else ''}); the module has {pairs:,} "
                     f"registry x cluster pairs, more than the {PAIRS_PER_REGISTRY_MAX} that "
                     "get one assignment per registry",
                     "to keep pulls narrow, split the registries into modules of their own "
                     "clusters, or add azurerm_role_assignment AcrPull per registry by hand")
