"""Harbor objects (OVH Managed Private Registry runs Harbor): reported, never re-pointed."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx

# What replaces each Harbor object on Artifact Registry (advice shown in the diagnostic).
_INSTEAD = {
    R.HarborObject.NAMESPACE: "a google_artifact_registry_repository (format DOCKER)",
    R.HarborObject.ROBOT: "a google_service_account with "
                          "google_artifact_registry_repository_iam_member (reader/writer)",
    R.HarborObject.USER: "a Google identity with google_artifact_registry_repository_iam_member",
    R.HarborObject.MEMBER: "google_artifact_registry_repository_iam_member",
    R.HarborObject.GROUP_MEMBER: "google_artifact_registry_repository_iam_member for a group",
    R.HarborObject.RETENTION: "`cleanup_policies` of the google_artifact_registry_repository",
    R.HarborObject.GARBAGE_COLLECTION: "nothing: Artifact Registry reclaims storage itself",
    R.HarborObject.IMMUTABLE_TAGS: "`docker_config.immutable_tags` of the repository",
    R.HarborObject.UPSTREAM: "a remote google_artifact_registry_repository "
                             "(mode REMOTE_REPOSITORY)",
    R.HarborObject.REPLICATION: "a remote or virtual google_artifact_registry_repository",
}


def lower_harbor(ctx: Ctx, node: N.Resource) -> None:
    instead = _INSTEAD.get(R.harbor_object(node),
                          "Artifact Registry repositories and their IAM resources")
    ctx.sink.add("IT305", node.span, f"{node.address} is a Harbor object; Artifact Registry is "
                 "not Harbor, so it would fail at apply and is not kept",
                 f"use {instead}")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Harbor) was not translated; use {instead}.")
    ctx.emit(node.span, placeholder)
