"""Scaleway IAM blocks for registry and S3 users: applications, API keys, permission sets."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.shipped import shipped
from . import common as C

APP = "scaleway_iam_application"
KEY = "scaleway_iam_api_key"
POLICY = "scaleway_iam_policy"
PROJECT = "data.scaleway_account_project.current"
_TABLE = "scaleway/storage.json"


def table() -> Mapping[str, Any]:
    """scaleway/storage.json: the storage and registry decisions (permission sets, classes),
    the schema-checked shipped table."""
    return shipped(_TABLE)


def project_id(ctx: Ctx, node: N.Resource) -> E.Expr:
    """The project the provider works in (its default project_id), read once per module:
    an OVH project's roles become permission sets on the Scaleway project."""
    def make() -> TfBlock:
        b = TfBlock("data", ("scaleway_account_project", "current"), comments=[
            "the provider's default project: the one an OVH project's grants apply to"])
        return b
    ctx.scaffold("scaleway_account_project.current", node.module, make)
    return E.ref(f"{PROJECT}.id")


def application(ctx: Ctx, node: N.Resource, name: E.Expr, description: E.Expr | None,
                comment: str = "") -> TfBlock:
    """The IAM application standing for `node` (its references point here)."""
    b = TfBlock("resource", (APP, node.name), comments=[comment] if comment else [])
    b.set("name", name)
    b.set("description", description)
    return P.place(ctx, node, b)


def app_id(node: N.Resource) -> E.Expr:
    """The id of `node`'s own application (the same instance when it is repeated)."""
    return companions.same(node, APP, "id")


def api_key(ctx: Ctx, node: N.Resource, app: E.Expr, description: str,
            comment: str, s3: bool = False) -> TfBlock:
    """An API key of the application: access_key / secret_key (the secret is read through
    references only, never written). An S3 key names its preferred project: Object Storage
    requests signed with it go to that project's buckets."""
    b = TfBlock("resource", (KEY, node.name), comments=[comment])
    b.set("application_id", app)
    b.set("description", E.Literal(description))
    if s3:
        b.set("default_project_id", project_id(ctx, node))
    P.emit_meta(ctx, b, node, {})
    return ctx.emit(node.span, b)


def policy(ctx: Ctx, node: N.Resource, app: E.Expr, sets: list[str], label: str = "",
           description: str = "", name: E.Expr | None = None) -> TfBlock:
    """A policy granting `sets` on the provider's project to the application."""
    label = label or node.name
    b = TfBlock("resource", (POLICY, label))
    b.set("name", name or E.Literal(scw_iam_name(ctx, label.replace("_", "-"))))
    if description:
        b.set("description", E.Literal(description))
    b.set("application_id", app)
    rule = b.block("rule")
    rule.set("project_ids", E.Tuple((project_id(ctx, node),)))
    rule.set("permission_set_names", E.Tuple(tuple(E.Literal(s) for s in sorted(set(sets)))))
    P.emit_meta(ctx, b, node, {})
    return ctx.emit(node.span, b)


def scw_iam_name(ctx: Ctx, text: str) -> str:
    """A literal IAM name (the naming pass checks it against scaleway/naming.json)."""
    return C.scw_name(text, 64)


def app_name(ctx: Ctx, node: N.Resource, prefix: str, login: E.Expr | None,
             text: str | None) -> E.Expr:
    """`<prefix>-<login>`, literal when the login is, else a template of it."""
    if text is not None or login is None:
        return E.Literal(scw_iam_name(ctx, f"{prefix}-{text or node.name.replace('_', '-')}"))
    written = ctx.rewrite(login, node.module)
    if isinstance(written, E.Template) and written.heredoc is None:
        return E.Template((f"{prefix}-", *written.parts))  # "x${count.index}": one template
    return E.Template((f"{prefix}-", E.Interp(written)))
