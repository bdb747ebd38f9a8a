"""AKS lowering of OVH registries: Azure Container Registry, scope-mapped tokens, IP rules."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase import reftables
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.harbor_drop import harbor_lowering
from ..tfbase.use import Use, not_translated
from . import acr_scope, iam, unique_names
from . import common as C
from .acr_access import cluster_pulls, lower_registry_ip, lower_registry_user, restriction_of

ACR = "azurerm_container_registry"


def lower_registry(ctx: Ctx, node: N.Resource) -> None:
    spec = R.read_registry(ctx, node)
    u = Use(ctx, node, ACR)
    for k in ("name", "region", "registry_id", "plan_id"):
        u.raw(k)
    b = TfBlock("data" if spec.data else "resource", (ACR, node.name))
    b.set("name", _name(ctx, node, spec))
    location = C.map_region(ctx, node, spec.location.source)
    if spec.data:
        # The data source finds the registry by name in its group; it has no location.
        iam.place_in_group(ctx, node, b, location, located=False)
        P.place(ctx, node, b)
        return u.done()
    iam.place_in_group(ctx, node, b, location)
    restricted = restriction_of(ctx, node) is not None
    b.set("sku", E.Literal(_sku(ctx, node, spec, restricted)))
    # Registry users become scope-mapped tokens: the one shared admin account stays off.
    b.set("admin_enabled", E.Literal(False))
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    cluster_pulls(ctx, node, ACR)
    # (past the pair threshold the grant is on the resource group, which its own IT301 says)
    on = "the resource group" if acr_scope.fans_out(ctx, node.module) else "this registry"
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an Azure Container Registry "
                 "(images are pushed as <name>.azurecr.io/<image>; Harbor projects become "
                 "repository path prefixes); AKS nodes pull from it with an AcrPull role "
                 "assignment to the cluster's kubelet identity (written for the clusters "
                 f"of this module, on {on}), not with Harbor credentials",
                 "ACR names are globally unique: if the name is taken, change it (and the "
                 "image references that carry it)")
    u.done()


def _name(ctx: Ctx, node: N.Resource, spec: R.RegistrySpec) -> E.Expr:
    if spec.name.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} reads a registry by its OVH id; the "
                     f"Azure Container Registry is taken to be named `{node.name}`",
                     "set the name of the registry the images were copied to")
        return E.Literal(node.name)
    if spec.name.text is not None:
        # (the source's span: a name the naming rules rewrite is reported at `name`)
        return E.Literal(spec.name.text, span=spec.name.source.span)
    return ctx.rewrite(spec.name.source, node.module)  # (the naming wrapper drops "-", "_")


def _sku(ctx: Ctx, node: N.Resource, spec: R.RegistrySpec, restricted: bool) -> str:
    """The ACR sku of the OVH plan (aks/storage.json registry_skus); Premium when the
    registry has an IP allow-list, the one sku with network rules."""
    skus = iam.table()["registry_skus"]
    at = spec.plan_source.span if spec.plan_source is not None else node.span
    sku = str(skus[spec.plan.value] if spec.plan is not None else skus["default"])
    if spec.plan is None:
        ctx.sink.add("IT308", at or node.span, f"the plan of {node.address} is not read from "
                     f"a capabilities filter: sku {sku} is taken", "set sku to Basic, "
                     "Standard or Premium for the storage and throughput the registry needs")
    else:
        ctx.sink.add("IT306", at or node.span, f"OVH registry plan `{spec.plan.value}` of "
                     f"{node.address} mapped to ACR sku {sku}")
    if restricted and sku != "Premium":
        ctx.sink.add("IT301", at or node.span, f"sku of {node.address} is Premium instead of "
                     f"{sku}: its docker pull/push IP restriction needs network rules, which "
                     "only Premium registries have (it costs more)", "keep the lower sku and "
                     "drop the IP rules only if the restriction is not a security control")
        sku = "Premium"
    return sku


lower_registry_oidc = not_translated(
    "IT338", "{address} is not translated: Azure Container Registry signs people in with "
    "Microsoft Entra ID (az acr login), not an OIDC provider of your own", ACR,
    "federate the identity provider with Entra ID (external identities or a federated "
    "domain), then grant AcrPull/AcrPush role assignments to its users or groups")

lower_registry_iam = not_translated(
    "IT310", "{address}: Azure Container Registry access is always governed by Azure RBAC "
    "(role assignments); nothing to translate", ACR)


lower_harbor = harbor_lowering(
    "Azure Container Registry", lambda obj: str(iam.table()["harbor_instead"][obj.value]))


DECLARE: dict[str, Declaring] = reftables.declarings(iam.table()["references"], (
    "Registry", "RegistryUser", "Harbor"))
LOWER: dict[str, Lowering] = {"Registry": lower_registry, "RegistryUser": lower_registry_user,
                              "RegistryIpRestriction": lower_registry_ip,
                              "RegistryOidc": lower_registry_oidc,
                              "RegistryIam": lower_registry_iam, "Harbor": lower_harbor}
