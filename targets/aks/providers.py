"""AKS lowering of the `terraform` block, provider blocks, the state backend and kube auth."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from ..mapping import data_table
from ..tfbase import backend_swift, naming
from ..tfbase import provider_family as PF
from ..tfbase import providers as TP
from ..tfbase.context import Ctx
from ..tfbase.kube_token import cluster_token
from ..tfbase.provider_region import openstack_region
from ..tfbase.region_inherit import inherit_region
from ..tfbase.root_providers import configure_roots
from ..tfbase.scaffold_names import free_variable_name, scaffold_variable
from . import common as C
from . import database_handed
from .group_region import call_region

CREDENTIALS = ("Azure credentials come from the environment (ARM_CLIENT_ID, ARM_TENANT_ID and "
               "a secret, OIDC or a managed identity) or az login")
CLOUD = TP.Cloud(
    "azurerm", C.AZURERM, CREDENTIALS, "azurerm_storage_container",
    "Azure Container Registry is not Harbor, so it is not re-pointed and is removed",
    "manage the registry with azurerm_container_registry and its scope-mapped tokens",
    source_requirement_wins=False)
_DROPPED = PF.dropped_providers(CLOUD)


def _subscription_var() -> str:
    return str(C.platform()["provider"]["subscription_variable"])


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    TP.lower_settings(ctx, node, CLOUD, _backend)


def _account_name(ctx: Ctx, bucket: str, at: Span | None) -> str:
    """A storage account name from the state bucket's (the naming rules of
    azurerm_storage_account: 3-24 lowercase letters and digits, and a hash of the bucket
    where it is cut, so two buckets stay two accounts; IT324 when rewritten; unique across
    Azure: the migration note tells to check it)."""
    rules = data_table("aks/naming.json")
    assert rules is not None  # shipped with the target
    style = naming.field_style(rules, "azurerm_storage_account.name")
    return naming.literal_name(ctx.sink, bucket, style, "backend.azurerm.storage_account_name",
                               at)


def _backend(ctx: Ctx, b: TfBlock, spec: PL.StateBackend, module: str) -> None:
    """The OVH S3 backend becomes the azurerm backend: the bucket is the container, in a
    storage account named after it; backends read no variables, so every value is written."""
    table = C.platform()["backend"]
    bucket = E.str_value(spec.bucket) if spec.bucket is not None else None
    az = b.block("backend", "azurerm")
    group = str(table["resource_group_name"])
    account = _account_name(ctx, bucket or "tfstate",
                            spec.bucket.span if spec.bucket is not None else spec.source.span)
    container = C.az_name(bucket, 63) if bucket else "tfstate"
    key = spec.key or "terraform.tfstate"
    az.set("resource_group_name", E.Literal(group))
    az.set("storage_account_name", E.Literal(account))
    az.set("container_name", E.Literal(container))
    az.set("key", E.Literal(key))
    for name, value in table["args"].items():
        az.set(name, E.Literal(value))
    # (a root whose resources name no region: its resource group goes where its state is)
    region = PF.backend_region(ctx, spec, module, C.region_of, C.note)
    # (S3 arguments such as encrypt mean nothing to a blob backend: reported, not kept)
    lost = [d.name for d in spec.dropped] + [name for name, _ in spec.kept]
    dropped = ", ".join(f"`{d}`" for d in lost)
    origin, _, move = backend_swift.note_words(spec)
    C.note(ctx, "backend.migrate", spec.source.span, origin=origin, move=move, key=key,
           container=container,
           account=account, group=group, where=f" in {region}" if region else "",
           group_var=C.group_variables(ctx, module)[0],
           dropped=f"dropped (S3 only): {dropped}; " if dropped else "")


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    PF.lower_provider(ctx, node, CLOUD, lambda ctx, b, node: _place(ctx, b, node.module),
                      token_auth)


def _place(ctx: Ctx, b: TfBlock, module: str) -> TfBlock:
    """An azurerm provider: `features {}` (required), the subscription from a variable; it
    has no region (every resource says its location), so a region set for it is removed."""
    b.items = [i for i in b.items if not (isinstance(i, TfAttr) and i.name == "region")]
    var = free_variable_name(ctx, module, _subscription_var())
    b.set("subscription_id", E.ref(f"var.{var}"))
    if b.find("features") is None:
        b.items.append(TfBlock("features"))
    # the alias first, as provider blocks are usually written
    b.items.sort(key=lambda i: not (isinstance(i, TfAttr) and i.name == "alias"))
    scaffold_variable(ctx, module, _subscription_var(), _subscription_variable)
    return b


def _subscription_variable(var: str) -> TfBlock:
    return PF.scaffold_variable(
        var, "the Azure subscription of every resource (azurerm 4.x requires one)",
        "Azure subscription ID (null: ARM_SUBSCRIPTION_ID or the az login default "
        "subscription)")


def token_auth(ctx: Ctx, node: N.Provider, auth: PL.KubeAuth) -> E.Expr:
    """The provider read the OVH cluster's client certificate and key: the AKS cluster's
    kube_config carries a local-account token (`kube_config[0].password`) beside host and
    CA certificate, which the cluster's references give."""
    return cluster_token(ctx, node, auth, "azurerm_kubernetes_cluster", "kube_config", "password",
                         "the AKS cluster", C.note)


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call becomes `azurerm = azurerm.x` (IT330);
    aws on OVH Object Storage is removed, so its entries are dropped (IT331)."""
    return TP.module_providers(ctx, node, CLOUD, _DROPPED)


def _pass_groups(ctx: Ctx) -> None:
    """A call of a local module whose resources read the resource group from variables
    (common.resource_group) passes the caller's group; until no call changes, as a module
    between the root and such a module then needs the variables too."""
    def fill(call: N.ModuleCall, block: TfBlock) -> bool:
        name, location = C.resource_group(ctx, call.module)
        # (the callee's own names: its source may declare a variable of the wanted name)
        name_var, location_var = C.group_variables(ctx, call.local_path or "")
        block.set(name_var, name)
        block.set(location_var, location)
        return True
    PF.pass_down(ctx, C.RG_VAR, fill)


def _group_location(ctx: Ctx) -> None:
    """A root whose resources name no literal region: its resource group is where its first
    located resource is (e.g. var.region, whose default was mapped), else in the region its
    module calls pass (a landing zone's resources are all in child modules), else in the first
    literal region of another module; else the variable has no default (IT308)."""
    regions = [t for _, r in sorted(ctx.default_region.items()) if (t := E.str_value(r))]
    for key, var in sorted(ctx.scaffolds.items()):
        path = key.partition("|")[0]
        if not key.endswith(f"|variable.{C.RG_LOC_VAR}") or var.get("default") is not None \
                or not C.module_is_root(ctx, path):
            continue
        own = ctx.default_region.get(path)
        group = ctx.scaffolds.get(f"{path}|azurerm_resource_group.{C.RG}")
        if own is not None and E.traversal(own) and group is not None:
            group.set("location", own)
            for blocks in ctx.files.values():
                if var in blocks:
                    blocks.remove(var)
            del ctx.scaffolds[key]
        elif (passed := call_region(ctx, path)) is not None:
            var.set("default", E.Literal(passed))
        elif regions:
            var.set("default", E.Literal(regions[0]))
        else:
            C.note(ctx, "group.no_location", None, module=path or "the root module",
                   var=var.labels[0])


def finish(ctx: Ctx) -> None:
    """Module calls pass the resource group; every root gets a `terraform` block requiring
    azurerm and a default azurerm provider; translation-added providers are required."""
    for path in TP.root_paths(ctx):
        inherit_region(ctx, path)
        openstack_region(ctx, path, "azurerm")
    database_handed.pass_up(ctx)  # (the delegated subnets' required variables)
    _pass_groups(ctx)
    _group_location(ctx)
    configure_roots(ctx, CLOUD, lambda b, path: _place(ctx, b, path))
    TP.add_extra_providers(ctx, CLOUD)
