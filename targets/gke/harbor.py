"""Harbor objects (OVH Managed Private Registry runs Harbor): reported, never re-pointed."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx

# What replaces each Harbor object on Artifact Registry (advice shown in the diagnostic).
_INSTEAD = {
    "harbor_project": "a google_artifact_registry_repository (format DOCKER)",
    "harbor_robot_account": "a google_service_account with "
                            "google_artifact_registry_repository_iam_member (reader/writer)",
    "harbor_user": "a Google identity with google_artifact_registry_repository_iam_member",
    "harbor_project_member_user": "google_artifact_registry_repository_iam_member",
    "harbor_project_member_group": "google_artifact_registry_repository_iam_member for a group",
    "harbor_retention_policy": "`cleanup_policies` of the google_artifact_registry_repository",
    "harbor_garbage_collection": "nothing: Artifact Registry reclaims storage itself",
    "harbor_immutable_tag_rule": "`docker_config.immutable_tags` of the repository",
    "harbor_registry": "a remote google_artifact_registry_repository (mode REMOTE_REPOSITORY)",
    "harbor_replication": "a remote or virtual google_artifact_registry_repository",
}


def lower_harbor(ctx: Ctx, node: N.Resource) -> None:
    instead = _INSTEAD.get(node.type, "Artifact Registry repositories and their IAM resources")
    ctx.sink.add("IT305", node.span, f"{node.address} is a Harbor object; Artifact Registry is "
                 "not Harbor, so it would fail at apply and is not kept",
                 f"use {instead}")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Harbor) was not translated; use {instead}.")
    ctx.emit(node.span, placeholder)
