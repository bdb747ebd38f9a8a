"""Scaleway lowering of OVH project users, S3 credentials and S3 policies: IAM, bucket policies."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from ..tfbase import reftables
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.keyed import keyed
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import iam
from .s3policy import bucket_policies


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_user(ctx, node)
    u = ST.use(ctx, node, ST.USER_READ, iam.APP)
    # (a counted or for_each user: one application per instance, each named apart)
    iam.application(ctx, node, _name(node, node.name),
                    ctx.rewrite(spec.description, node.module)
                    if spec.description is not None else None)
    if spec.roles_computed is not None:
        ctx.sink.add("IT309", spec.roles_computed.span, f"role_names of {node.address} come "
                     "from an expression; grant the IAM application permission sets by hand")
    has_policy = ctx.by_module.has_policy(node)
    granted: list[str] = []
    for g in spec.roles:
        if g.role is S.Role.OBJECT_STORAGE and has_policy:
            continue  # the S3 policy narrows access to its buckets: it grants the sets
        sets = iam.table()["role_permission_sets"].get(g.role.value) if g.role else None
        if not sets:
            ctx.sink.add("IT302", g.source.span, f"OVH role `{g.ovh or 'an expression'}` of "
                         f"{node.address} has no Scaleway permission set that keeps its "
                         "meaning", "grant the IAM application the permission sets it needs "
                         "(scaleway_iam_policy)")
            continue
        granted.extend(sets)
        ctx.sink.add("IT306", g.source.span, f"OVH role `{g.ovh}` mapped to the Scaleway "
                     f"permission sets {', '.join(sets)} on the project")
    if granted:
        iam.policy(ctx, node, iam.app_id(node), granted,
                   description=f"the OVH roles of {node.address}",
                   name=_name(node, node.name))
    u.drop("password_reset", S.ovh_only(node, "password_reset"))
    u.drop("openstack_rc", S.ovh_only(node, "openstack_rc"))
    u.done()


def _name(node: N.Resource, label: str) -> E.Expr:
    """An IAM name from `label`; a counted or for_each node's instances each get their own
    (`-${count.index}` / `-${each.key}` after it, room kept for it in the 64 characters)."""
    repeats = node.meta.count is not None or node.meta.for_each is not None
    return keyed(node, C.scw_name(label.replace("_", "-"), 58 if repeats else 64))


def _app_of(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    """The IAM application id of the user `expr` names: a declared user, or a user the
    module is handed (the caller now passes an application id, IT309)."""
    user = ctx.resolve(expr, node.module)
    if user is not None and user.KIND == "ObjectStorageUser":
        # The reference as written (`ovh_cloud_project_user.u[count.index].id`) keeps its
        # instance key: it becomes the application's id.
        return ctx.rewrite(expr, node.module) if expr is not None else iam.app_id(user)
    if expr is None or user is not None or isinstance(expr, (E.Literal, E.Template)):
        return None
    # a variable the caller sets, or a local reading an OVH lookup (teamacco's users list)
    ctx.sink.add("IT309", expr.span or node.span, f"the user of {node.address} comes from "
                 f"`{to_hcl(expr)}`: it must now be the id of a Scaleway IAM application, not "
                 "an OVH user id")
    return ctx.rewrite(expr, node.module)


def lower_credential(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_credential(ctx, node)
    u = Use(ctx, node, iam.KEY)
    u.field("user")
    app = _app_of(ctx, node, spec.user) or E.Literal("TODO(IT206): IAM application id")
    key = iam.api_key(ctx, node, app, f"S3 credential of {node.address}",
                      "the S3 key pair of the application (access_key, secret_key); S3 "
                      "clients use https://s3.<region>.scw.cloud", s3=True)
    ctx.primary[ctx.key_of(node)] = key
    u.done()


def declare_policy(ctx: Ctx, node: N.Resource) -> RefTarget:
    spec = S.read_policy(ctx, node)
    user = ctx.resolve(spec.user, node.module)
    if not spec.policy.readable or (user is None and isinstance(
            spec.user, (E.Literal, E.Template))):
        return RefTarget(None)  # not translated (IT338): nothing to read
    return RefTarget(f"{iam.POLICY}.{node.name}_s3", {})


def lower_policy(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_policy(ctx, node)
    u = Use(ctx, node, iam.POLICY)
    u.field("user")
    u.raw("policy")
    doc = spec.policy
    where = (doc.source or node).span
    app = _app_of(ctx, node, spec.user) if doc.readable else None
    if app is None or not doc.readable:
        why = doc.problems[0].message if doc.problems else "its user is not declared here"
        if doc.document is None and doc.source is not None:
            why = "its policy is computed or is not JSON an S3 policy reads (Scaleway needs " \
                "the statements to write bucket policies naming the application)"
        ctx.sink.add("IT338", where, f"{node.address} is not translated: {why}",
                     "grant the IAM application Object Storage permission sets "
                     "(scaleway_iam_policy) and write scaleway_object_bucket_policy "
                     "statements by hand")
        return u.done()
    for p in doc.problems:
        ctx.sink.add("IT301", p.span or where, f"{node.address}: {p.message}; it is left out "
                     "of the Scaleway policies, check them")
    verbs = {v for g in doc.grants if g.effect == "allow" for v in g.verbs}
    sets = sorted({s for v in verbs for s in iam.table()["s3_permission_sets"][v.value]})
    if sets:
        iam.policy(ctx, node, app, sets, label=f"{node.name}_s3",
                   description=f"the S3 policy of {node.address}",
                   name=_name(node, f"{node.name}_s3"))
    scoped = bucket_policies(ctx, node, doc, app)
    wide = [g for g in doc.grants if any(b.name is None for b in g.buckets)]
    ctx.sink.add("IT301", where, f"{node.address}: Scaleway grants S3 access in two parts: "
                 f"the permission sets {', '.join(sets) or '(none)'} on the project, "
                 + ("and bucket policies naming the application for "
                    f"{', '.join(scoped)}" if scoped else "with no bucket policy")
                 + (" (statements on every bucket stay project-wide)" if wide else ""),
                 "the sets reach every bucket of the project without a bucket policy; put "
                 "other buckets in another project, or give them bucket policies")
    u.done()


DECLARE: dict[str, Declaring] = {**reftables.declarings(iam.table()["references"], (
    "ObjectStorageUser", "ObjectStorageCredential")), "ObjectStoragePolicy": declare_policy}
LOWER: dict[str, Lowering] = {"ObjectStorageUser": lower_user,
                              "ObjectStorageCredential": lower_credential,
                              "ObjectStoragePolicy": lower_policy}
