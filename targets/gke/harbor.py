"""Harbor objects (OVH Managed Private Registry runs Harbor) on the Artifact Registry repository."""

from __future__ import annotations

import json

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from . import harbor_access as A
from .harbor_retention import cleanup, literal_bool

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
_NOTHING = RefTarget(None, {}, fallback=None, bare=None)


def registry_of(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The OVH registry a Harbor object lives in: the one its `harbor` provider's `url` reads
    (`url = ovh_cloud_project_containerregistry.x.url`), in the object's own module."""
    provider = node.meta.provider
    t = E.traversal(provider) if provider is not None else None
    alias = str(t[1][0][1]) if t is not None and t[1] else None
    for module in ctx.model.modules:
        if module.path != node.module:
            continue
        for p in module.nodes:
            if isinstance(p, N.Provider) and p.name == "harbor" and \
                    E.str_value(p.arg("alias")) == alias:
                reg = ctx.resolve(p.arg("url"), node.module)
                if reg is not None and reg.KIND == "Registry" and reg.mode == "managed":
                    return reg
    return None


def _counted(node: N.Resource) -> bool:
    # Instance keys would have to follow every cross-reference; reported instead.
    return node.meta.count is not None or node.meta.for_each is not None


def _project_name(ctx: Ctx, expr: E.Expr | None, module: str) -> str | None:
    """The literal name of the harbor_project an expression reads (or a literal name)."""
    project = ctx.resolve(expr, module)
    if project is not None and project.type == "harbor_project":
        return E.str_value(project.arg("name"))
    return E.str_value(expr)


def _member_plan(ctx: Ctx, node: N.Resource) -> tuple[N.Resource, str] | None:
    """The harbor_user a membership names (managed here, so it becomes a service account)
    and the Artifact Registry role of its Harbor role."""
    user = ctx.resolve(node.arg("user_name"), node.module)
    role = A.MEMBER_ROLES.get(E.str_value(node.arg("role")) or "")
    if user is None or user.type != "harbor_user" or role is None or _user_plan(ctx, user) \
            is None:
        return None
    return user, role


def _user_plan(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    if _counted(node) or literal_bool(node.arg("admin"), False) is not False:
        return None  # a Harbor administrator is a person's account: reported
    return registry_of(ctx, node)


def declare_harbor(ctx: Ctx, node: N.Resource) -> RefTarget:
    kind = R.harbor_object(node)
    if kind is R.HarborObject.ROBOT and not _counted(node) and A.robot_role(node) and \
            registry_of(ctx, node) is not None:
        return A.login_refs(node, ("full_name", "name"), "secret")
    if kind is R.HarborObject.USER and _user_plan(ctx, node) is not None:
        return A.login_refs(node, ("username",), "password")
    name = E.str_value(node.arg("name"))
    if kind is R.HarborObject.NAMESPACE and name is not None:
        return RefTarget(None, {"name": json.dumps(name)}, fallback=None, bare=None)
    return _NOTHING


def lower_harbor(ctx: Ctx, node: N.Resource) -> None:
    kind = R.harbor_object(node)
    repo = None if _counted(node) else registry_of(ctx, node)
    if kind is R.HarborObject.GARBAGE_COLLECTION:
        ctx.sink.add("IT310", node.span, f"{node.address} is omitted: Artifact Registry "
                     "reclaims the storage of deleted images itself")
        return
    if kind is R.HarborObject.NAMESPACE and repo is not None:
        name = E.str_value(node.arg("name")) or node.name
        ctx.sink.add("IT301", node.span, f"{node.address}: a Harbor project becomes an image "
                     f"path prefix in google_artifact_registry_repository.{repo.name}; images "
                     "are pushed as <location>-docker.pkg.dev/<project>/<repository>/"
                     f"{name}/<image>")
        block = ctx.primary.get(ctx.key_of(repo))
        if block is not None:  # (accounted for: it lives on in the repository)
            ctx.merged(node, block)
        return
    role = A.robot_role(node) if kind is R.HarborObject.ROBOT else None
    if repo is not None and role is not None:
        A.lower_robot(ctx, node, repo, role)
        return
    if kind is R.HarborObject.USER and _user_plan(ctx, node) is not None:
        A.lower_user(ctx, node)
        return
    plan = _member_plan(ctx, node) if kind is R.HarborObject.MEMBER and repo else None
    if plan is not None and repo is not None:
        A.lower_member(ctx, node, repo, *plan)
        return
    if kind is R.HarborObject.RETENTION:
        _lower_retention(ctx, node, repo)
        return
    _report(ctx, node)


def _lower_retention(ctx: Ctx, node: N.Resource, repo: N.Resource | None) -> None:
    block = ctx.primary.get(ctx.key_of(repo)) if repo is not None else None
    if block is None:  # no repository to hold cleanup policies
        _report(ctx, node)
        return
    project = _project_name(ctx, node.arg("scope"), node.module)
    why = "its project is not a literal harbor_project" if project is None else \
        cleanup(ctx, node, block, project)
    # Either way the policy now lives (or is missing) on the repository.
    ctx.merged(node, block)
    if why is None:
        ctx.sink.add("IT301", node.span, f"{node.address}: the retention rules become "
                     "cleanup policies of the repository, scoped to the project's path; "
                     "Artifact Registry applies them continuously, not on the Harbor schedule")
        return
    ctx.sink.add("IT308", node.span, f"{node.address} is not made cleanup policies: {why}; "
                 f"google_artifact_registry_repository.{block.labels[1]} keeps every image "
                 "(a partial policy would delete what this one retains)",
                 f"write {_INSTEAD[R.HarborObject.RETENTION]} by hand")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT308): {node.address} (Harbor retention) was not translated; "
                     f"write {_INSTEAD[R.HarborObject.RETENTION]}.")
    ctx.emit(node.span, placeholder)


def _report(ctx: Ctx, node: N.Resource) -> None:
    instead = _INSTEAD.get(R.harbor_object(node),
                          "Artifact Registry repositories and their IAM resources")
    ctx.sink.add("IT305", node.span, f"{node.address} is a Harbor object; Artifact Registry is "
                 "not Harbor, so it would fail at apply and is not kept",
                 f"use {instead}")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Harbor) was not translated; use {instead}.")
    ctx.emit(node.span, placeholder)
