"""GKE lowering of the `terraform` block, provider blocks and Kubernetes/Helm provider auth."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as PL

from ..hclwrite import TfBlock
from ..tfbase import backend_swift
from ..tfbase import providers as TP
from ..tfbase.context import Ctx
from ..tfbase.scaffold_names import free_variable_name
from . import common as C

GOOGLE = {"source": "hashicorp/google", "version": "~> 6.50"}
CLOUD = TP.Cloud(
    "google", GOOGLE, "Google credentials come from Application Default Credentials",
    "google_storage_bucket",
    "Artifact Registry is not Harbor, so it is not re-pointed and is removed",
    "manage the registry with google_artifact_registry_repository and its IAM resources")
_DROPPED = {"harbor": "Harbor objects are reported where they are declared",
            "openstack": "the module's OpenStack resources of OVH are translated",
            "aws": "the module's buckets on OVH Object Storage become google_storage_bucket"}

# the neutral helpers, under the names the rest of the GKE target uses
removed = TP.removed
_provider_req = TP.provider_req


def lower_settings(ctx: Ctx, node: N.TerraformSettings) -> None:
    TP.lower_settings(ctx, node, CLOUD, _backend)


def _backend(ctx: Ctx, b: TfBlock, spec: PL.StateBackend, module: str) -> None:
    """The state moves to a GCS bucket: same bucket name, the key without `.tfstate` as the
    prefix."""
    gcs = b.block("backend", "gcs")
    gcs.set("bucket", spec.bucket or E.Literal("TODO(IT308): state bucket"))
    gcs.set("prefix", E.Literal(spec.key_prefix or "terraform/state"))
    origin, _, move = backend_swift.note_words(spec)
    ctx.sink.add("IT301", spec.source.span, f"{origin} becomes a GCS backend; create the "
                 f"bucket, then {move}", "credentials come from Application Default Credentials")


def add_extra_providers(ctx: Ctx) -> None:
    TP.add_extra_providers(ctx, CLOUD)


def lower_provider(ctx: Ctx, node: N.Provider) -> None:
    if node.name == "ovh":
        project = free_variable_name(ctx, node.module, C.PROJECT_VAR)
        TP.lower_ovh_provider(ctx, node, CLOUD, (("project", E.ref(f"var.{project}")),))
        return
    if node.name == "harbor" and (reg := _harbor_registry(ctx, node)) is not None:
        ctx.sink.add("IT302", node.span, f"provider harbor (the Harbor API of {reg.address}) is "
                     "removed: its Harbor objects are translated onto that registry's Artifact "
                     "Registry repository, each reported where it is declared")
        return
    TP.lower_other_provider(ctx, node, CLOUD, _token)


def _harbor_registry(ctx: Ctx, node: N.Provider) -> N.Resource | None:
    """The OVH registry whose Harbor API the provider's `url` reads, in its module (the one
    gke/harbor translates that provider's objects onto); None for any other Harbor."""
    reg = ctx.resolve(node.arg("url"), node.module)
    return reg if reg is not None and reg.KIND == "Registry" and reg.mode == "managed" else None


def _token(ctx: Ctx, node: N.Provider, auth: PL.KubeAuth) -> E.Expr:
    """Client certificates of OVH kubeconfigs become a Google access token."""
    ctx.scaffold("google_client_config.default", node.module, _client_config)
    ctx.sink.add("IT301", node.span, f"provider {node.name}: OVH client certificates "
                 "become a Google OAuth access token (data.google_client_config)")
    return E.ref("data.google_client_config.default.access_token")


def _client_config() -> TfBlock:
    return TfBlock("data", ("google_client_config", "default"),
                   comments=["scaffolding: OAuth token of the caller, for the Kubernetes and "
                             "Helm providers"])


def module_providers(ctx: Ctx, node: N.ModuleCall) -> N.ModuleCall:
    """`providers = { ovh = ovh.x }` of a module call: provider ovh became provider google, so
    the entry becomes `google = google.x`; entries of removed providers are dropped."""
    return TP.module_providers(ctx, node, CLOUD, _DROPPED)
