"""GKE lowering of Harbor logins (robots, local users, project members) as service accounts."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from . import common as C
from .instance_names import warn_repeated

SA = "google_service_account"
KEY = "google_service_account_key"
MEMBER = "google_artifact_registry_repository_iam_member"
READER, WRITER = "roles/artifactregistry.reader", "roles/artifactregistry.writer"
# Harbor project roles -> Artifact Registry roles: maintainers and admins delete images
# (mybinder's culler is a maintainer for that), developers push, guests pull.
MEMBER_ROLES = {"projectadmin": "roles/artifactregistry.repoAdmin",
                "maintainer": "roles/artifactregistry.repoAdmin",
                "developer": WRITER, "guest": READER, "limitedguest": READER}


def login_refs(node: N.Resource, login_attrs: tuple[str, ...], secret: str) -> RefTarget:
    """References of a Harbor login once it is a service account with a JSON key: docker logs
    in as `_json_key` with the decoded key as its password."""
    rules: dict[str, str] = {a: '"_json_key"' for a in login_attrs}
    rules[secret] = f"base64decode({KEY}.{node.name}.private_key)"
    rules["email"] = "{self}.email"
    return RefTarget(C.self_ref(SA, node), dict(rules), fallback="{self}.id")


def robot_role(node: N.Resource) -> str | None:
    """writer when a permission pushes, reader when all only pull; None for anything else
    (Harbor's other actions, such as delete or helm charts, have no reader/writer match)."""
    disable = node.arg("disable")
    if disable is not None and getattr(E.unwrap(disable), "value", None) is not False:
        return None  # a disabled (or maybe disabled) robot must not gain access
    actions: set[str] = set()
    perms = node.arg("permissions")
    for perm in perms.items if isinstance(perms, E.BlockSeq) else ():
        access = E.obj_get(perm, "access")
        for acc in access.items if isinstance(access, E.BlockSeq) else ():
            action = E.str_value(E.obj_get(acc, "action"))
            resource = E.str_value(E.obj_get(acc, "resource"))
            if action is None or resource not in ("repository", None):
                return None
            actions.add(action)
    if not actions or not actions <= {"push", "pull"}:
        return None
    return WRITER if "push" in actions else READER


def emit_login(ctx: Ctx, node: N.Resource, prefix: str, login: str, what: str) -> None:
    """The service account and JSON key that replace one Harbor login."""
    sa = TfBlock("resource", (SA, node.name))
    sa.set("account_id", E.Literal(C.gcp_name(f"{prefix}-{login}", 30)))
    warn_repeated(ctx, node, SA, sa.get("account_id"), "per project")
    sa.set("display_name", E.Literal(f"{what} {login} (from {node.address})"))
    ctx.emit(node.span, sa)
    key = TfBlock("resource", (KEY, node.name),
                  comments=[f"docker login -u _json_key with this key replaces the {what}'s "
                            "secret; prefer Workload Identity inside GKE"])
    key.set("service_account_id", E.ref(f"{SA}.{node.name}.name"))
    ctx.emit(node.span, key)


def emit_member(ctx: Ctx, node: N.Resource, repo: N.Resource, account: str, role: str) -> None:
    """Repository-level IAM: Artifact Registry has no per-path (Harbor project) grants."""
    m = TfBlock("resource", (MEMBER, node.name))
    m.set("repository", E.ref(f"google_artifact_registry_repository.{repo.name}.name"))
    m.set("location", E.ref(f"google_artifact_registry_repository.{repo.name}.location"))
    m.set("role", E.Literal(role))
    m.set("member", C.tpl("serviceAccount:", E.ref(f"{SA}.{account}.email")))
    ctx.emit(node.span, m)


def lower_robot(ctx: Ctx, node: N.Resource, repo: N.Resource, role: str) -> None:
    name = E.str_value(node.arg("name")) or node.name
    emit_login(ctx, node, "robot", name, "Harbor robot")
    emit_member(ctx, node, repo, node.name, role)
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor robot becomes a service "
                 f"account with {role} on the whole repository (Artifact Registry grants per "
                 "repository, not per Harbor project) and a JSON key; docker logs in with "
                 "user `_json_key` and the decoded key as password, to "
                 "<location>-docker.pkg.dev", "the robot's `full_name`/`name` read as "
                 "\"_json_key\" and its `secret` as the decoded key" +
                 ("; the `secret` it sets is not used (Google generates the key)"
                  if node.arg("secret") is not None else ""))


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    name = E.str_value(node.arg("username")) or node.name
    emit_login(ctx, node, "user", name, "Harbor user")
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor local user becomes a service "
                 "account with a JSON key (Harbor local users here are machine logins with a "
                 "generated password; a person would sign in with a Google identity instead); "
                 "its access comes from its project memberships", "its `username` reads as "
                 "\"_json_key\" and its `password` as the decoded key")


def lower_member(ctx: Ctx, node: N.Resource, repo: N.Resource, user: N.Resource,
                 role: str) -> None:
    emit_member(ctx, node, repo, user.name, role)
    ctx.sink.add("IT301", node.span, f"{node.address}: the Harbor project role becomes {role} "
                 f"for {user.address}'s service account on the whole repository (Artifact "
                 "Registry grants per repository, not per Harbor project)")
