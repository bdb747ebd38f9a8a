"""Scaleway lowering of the `terraform` block, provider blocks, the state backend and kube auth."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfAttr, TfBlock, todo
from ..tfbase import backend_swift
from ..tfbase import provider_family as PF
from ..tfbase import providers as TP
from ..tfbase.context import Ctx
from ..tfbase.fitmap import UNAVAILABLE, unavailable_region
from ..tfbase.kube_token import cluster_token
from ..tfbase.scaffold_names import free_variable_name, scaffold_variable
from . import common as C

CREDENTIALS = ("Scaleway credentials come from the environment (SCW_ACCESS_KEY, "
               "SCW_SECRET_KEY) or the scw CLI profile")
CLOUD = TP.Cloud(
    "scaleway", C.SCALEWAY, CREDENTIALS, "scaleway_object_bucket",
    "Scaleway Container Registry is not Harbor, so it is not re-pointed and is removed",
    "manage the registry with scaleway_registry_namespace and IAM applications",
    source_requirement_wins=False)
_DROPPED = PF.dropped_providers(CLOUD)
# The project every resource goes to: the provider's, from a variable (null: the
# SCW_DEFAULT_PROJECT_ID of the environment or the profile's default project).
PROJECT_VAR = "scaleway_project_id"


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    TP.lower_settings(ctx, node, CLOUD, _backend)


def _backend(ctx: Ctx, b: TfBlock, spec: PL.StateBackend, module: str) -> None:
    """The OVH backend already is S3: the same bucket and key on Scaleway Object Storage, its
    endpoint (the region table's `s3_endpoint`, as for every other S3 endpoint) and the
    AWS-check skips Scaleway documents; OVH endpoints and keys dropped."""
    table = C.platform()["backend"]
    pattern = str(ctx.tables.regions["s3_endpoint"])
    s3 = b.block("backend", "s3")
    s3.set("bucket", spec.bucket or E.Literal("TODO(IT308): state bucket"))
    s3.set("key", E.Literal(spec.key or "terraform.tfstate"))
    code = spec.location.text
    refused = unavailable_region(ctx, code) if code else None
    if refused is not None:
        # (Scaleway has no region there: the state moves only where its owner decides)
        ctx.sink.add(UNAVAILABLE, spec.location.source.span if spec.location.source
                     else spec.source.span, f"OVH region `{code}` of the state backend: "
                     f"{refused[0]}", refused[1])
        region = None
        where = str(todo(UNAVAILABLE, f"a Scaleway region for `{code}`").value)
    else:
        # (a root whose resources name no region: its provider works where its state lives)
        region = PF.backend_region(ctx, spec, module, C.region_of, C.note)
        # (without an endpoint the s3 backend is Amazon S3's: an unmapped region is a TODO)
        where = region or f"TODO(IT304): a Scaleway region for `{code or '?'}`"
    endpoint = pattern.format(region=region or "<region>")
    s3.set("region", E.Literal(where))
    s3.set("endpoints", E.Object(((E.Var("s3"), E.Literal(
        endpoint if region else pattern.format(region="TODO-region"))),)))
    for name, value in table["args"].items():
        s3.set(name, E.Literal(value))
    for name, value in spec.kept:
        s3.set(name, value)
    dropped = ", ".join(f"`{d.name}`" for d in spec.dropped)
    origin, stays, move = backend_swift.note_words(spec)
    C.note(ctx, "backend.migrate", spec.source.span, origin=origin, stays=stays, move=move,
           endpoint=endpoint,
           where=f" in {region}" if region else "",
           dropped=f"dropped (OVH Object Storage only): {dropped}; " if dropped else "")


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    # aws on OVH Object Storage is removed (its buckets become scaleway_object_bucket);
    # kube providers reading an OVH cluster's certificate get the Kapsule token
    PF.lower_provider(ctx, node, CLOUD, _place_ovh, token_auth)


def _place_ovh(ctx: Ctx, b: TfBlock, node: N.Provider) -> None:
    _place(ctx, b, node.module, node)
    # the alias first, as provider blocks are usually written
    b.items.sort(key=lambda i: not (isinstance(i, TfAttr) and i.name == "alias"))


def _place(ctx: Ctx, b: TfBlock, module: str, source: N.Provider | None = None) -> TfBlock:
    """Region, zone and project of a scaleway provider: the region the module's resources
    moved to, its first zone (the default zone of zonal resources: pools, instances,
    gateways), the project from a variable."""
    region = ctx.default_region.get(module)
    if region is not None:
        b.set("region", region)
        text = E.str_value(region)
        zones = C.zones_in(ctx, text) if text else ()
        # a computed region (a variable's mapped default): Scaleway zones are <region>-<n>
        b.set("zone", E.Literal(zones[0]) if zones else
              E.Template((E.Interp(region), "-1")) if text is None else None)
    else:
        if source is not None and source.arg("alias") is None:
            C.note(ctx, "provider.no_region", source.span)
        b.note("the OVH source names no region: the provider takes SCW_DEFAULT_REGION and "
               "SCW_DEFAULT_ZONE, or the profile's")
    # (another name where the source declares one of it: scaffold_names)
    b.set("project_id", E.ref(f"var.{free_variable_name(ctx, module, PROJECT_VAR)}"))
    scaffold_variable(ctx, module, PROJECT_VAR, _project_variable)
    return b


def _project_variable(name: str) -> TfBlock:
    return PF.scaffold_variable(
        name, "the Scaleway project of every resource (the provider's project_id)",
        "Scaleway project ID of the translated resources (null: SCW_DEFAULT_PROJECT_ID or the "
        "scw profile's project)")


def token_auth(ctx: Ctx, node: N.Provider, auth: PL.KubeAuth) -> E.Expr:
    """The provider read the OVH cluster's client certificate and key: Kapsule's kubeconfig
    has none, it carries a token (`kubeconfig[0].token`) beside host and CA certificate."""
    return cluster_token(ctx, node, auth, "scaleway_k8s_cluster", "kubeconfig", "token",
                         "the Kapsule cluster", C.note)


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call becomes `scaleway = scaleway.x`
    (IT330); aws on OVH Object Storage is removed, so its entries are dropped (IT331)."""
    return TP.module_providers(ctx, node, CLOUD, _DROPPED)


def finish(ctx: Ctx) -> None:
    """Every root gets a `terraform` block requiring scaleway and a default scaleway provider
    in the region its resources (or its state) moved to; translation-added providers are
    required."""
    PF.finish_roots(ctx, CLOUD, lambda b, p: _place(ctx, b, p))
    TP.add_extra_providers(ctx, CLOUD)
