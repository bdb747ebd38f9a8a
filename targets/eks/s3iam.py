"""EKS lowering of OVH project users, S3 credentials and S3 policies: IAM users, keys, policies."""

from __future__ import annotations

from itertools import islice

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase import user_roles as UR
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import iam_names
from .s3parts import table

USER = "aws_iam_user"
KEY = "aws_iam_access_key"
POLICY = "aws_iam_user_policy"


def iam(ctx: Ctx, node: N.Resource, name: str, primary: int | None = None,
        **params: companions.Param) -> list[TfBlock]:
    """The IAM blocks of companion set `name` (eks/storage.json: a user, its key, a policy, an
    attachment), repeated like `node`; block `primary` stands for it (references, checks)."""
    blocks = companions.build(ctx, table()["companions"], name, node, params)
    once = _scaffold_ids(ctx)  # one per module (the partition): not repeated
    for b in blocks:
        if once.get(id(b)) is not b:
            P.emit_meta(ctx, b, node, {})
    if primary is not None:
        ctx.primary[ctx.key_of(node)] = blocks[primary]
    return blocks


def _scaffold_ids(ctx: Ctx) -> dict[int, TfBlock]:
    """The scaffolding blocks by id, grown with ctx.scaffolds (new keys come last) rather than
    rebuilt per call: a set of every scaffold per IAM set was quadratic (a NAT per subnet is
    scaffolding too). A key re-set in place (the providers' terraform and provider blocks)
    is not seen, and no companion set's `once` block is one of those."""
    key = ("eks.scaffold_ids", 0)
    hit = ctx.readings.get(key)
    if hit is None or hit[0] is not ctx.scaffolds or len(ctx.scaffolds) < hit[1][0]:
        hit = ctx.readings[key] = (ctx.scaffolds, [0, {}])
    seen: list = hit[1]
    ids: dict[int, TfBlock] = seen[1]
    for b in islice(reversed(ctx.scaffolds.values()), len(ctx.scaffolds) - seen[0]):
        ids[id(b)] = b  # (from the end: islice from the start would walk the old ones)
    seen[0] = len(ctx.scaffolds)
    return ids


def user_name(node: N.Resource) -> E.Expr:
    return E.ref(f"{USER}.{node.name}.name")


def unique_name(ctx: Ctx, node: N.Resource, base: str | E.Expr) -> E.Expr:
    """An IAM user name that two uses of one module do not share (iam_names.user_name)."""
    return iam_names.user_name(ctx, node, base)


def statement(sid: str, effect: str, action: E.Expr, resource: E.Expr | None = None,
              principal: E.Expr | None = None, condition: E.Expr | None = None) -> E.Object:
    keys = (("Sid", E.Literal(sid)), ("Effect", E.Literal(effect)), ("Principal", principal),
            ("Action", action), ("Resource", resource), ("Condition", condition))
    return E.Object(tuple((E.Var(k), v) for k, v in keys if v is not None))


def document(statements: tuple[E.Expr, ...]) -> E.Expr:
    """`jsonencode({Version, Statement})`: an IAM policy document."""
    return E.Call("jsonencode", (E.Object((
        (E.Var("Version"), E.Literal("2012-10-17")), (E.Var("Statement"), E.Tuple(statements)))),))


def declare_user(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{USER}.{node.name}", {
        "username": "{self}.name", "description": '{self}.tags["Description"]'},
        fallback="{self}.name")


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_user(ctx, node)
    u = ST.use(ctx, node, ST.USER_READ, USER)
    iam(ctx, node, "iam_user", 0,
        user_name=unique_name(ctx, node, C.aws_name(node.name.replace("_", "-"), 64)),
        tags=E.Object(((E.Var("Description"), ctx.rewrite(spec.description, node.module)),))
        if spec.description is not None else None)
    for g, managed in UR.granted(
            ctx, node, spec, lambda role: table()["managed_policies"].get(role.value),
            "AWS managed policy that keeps its meaning",
            "attach a customer-managed policy to the IAM user",
            "attach AWS policies to the IAM user by hand"):
        iam(ctx, node, "iam_managed_policy", role=(g.ovh or "").replace("-", "_"),
            policy=managed)
        ctx.sink.add("IT306", g.source.span, f"OVH role `{g.ovh}` mapped to the AWS managed "
                     f"policy `{managed}` (account-wide)")
    u.drop("password_reset", S.ovh_only(node, "password_reset"))
    u.drop("openstack_rc", S.ovh_only(node, "openstack_rc"))
    u.done()


def _user_ref(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr:
    """The IAM user name of the user `expr` names, read through the reference as written:
    `ovh_cloud_project_user.u[count.index].id` keeps its instance key (a counted user's bare
    `aws_iam_user.u.name` is refused by Terraform)."""
    user = ctx.resolve(expr, node.module)
    if expr is None or user is None or user.KIND != "ObjectStorageUser":
        return E.Literal("TODO(IT206): IAM user name")
    return ctx.rewrite(expr, node.module)


def declare_credential(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{KEY}.{node.name}", {
        "access_key_id": "{self}.id", "secret_access_key": "{self}.secret"})


def lower_credential(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_credential(ctx, node)
    u = Use(ctx, node, KEY)
    u.field("user")
    iam(ctx, node, "s3_credential", 0, user=_user_ref(ctx, node, spec.user))
    u.done()


def declare_policy(ctx: Ctx, node: N.Resource) -> RefTarget:
    spec = S.read_policy(ctx, node)
    doc = spec.policy
    has_user = ctx.resolve(spec.user, node.module) is not None or \
        _handed_user(ctx, node, spec.user) is not None
    if not has_user or not (_computed(doc) or doc.readable):
        return RefTarget(None)  # not translated (IT338): nothing to read
    return RefTarget(f"{POLICY}.{node.name}", {})


def _handed_user(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    """A user the module is handed (a variable, a data source): the caller now passes an IAM
    user name. A literal is an OVH user id, and a declared resource is resolved instead."""
    if expr is None or isinstance(expr, (E.Literal, E.Template)) or \
            ctx.resolve(expr, node.module) is not None:
        return None
    return ctx.rewrite(expr, node.module)


def _computed(doc: G.S3Policy) -> bool:
    """A document the module is handed or computes (a call, a reference): its value is known
    at apply only. Policy text written here that cannot be read is not computed: it is an
    error where it is written, as IAM would refuse it."""
    src = doc.source
    text = isinstance(src, E.Literal) or (isinstance(src, E.Template) and any(
        isinstance(p, str) and p.strip() for p in src.parts))
    return doc.document is None and src is not None and not text


def _computed_policy(ctx: Ctx, node: N.Resource, spec: S.PolicySpec, u: Use,
                     user: E.Expr) -> None:
    """A policy document the module is handed or computes: OVH S3 policies are written in
    IAM's policy language, so the value is passed as it is."""
    doc = spec.policy
    assert doc.source is not None
    _policy(ctx, node, user, ctx.rewrite(doc.source, node.module))
    ctx.sink.add("IT301", doc.source.span or node.span, f"the policy of {node.address} is "
                 "computed: it is passed to IAM as it is (OVH S3 policies use IAM's policy "
                 "language)", "an identity policy names no Principal, and its Resource ARNs "
                 "must name the buckets the AWS side creates")
    u.done()


def lower_policy(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_policy(ctx, node)
    u = Use(ctx, node, POLICY)
    u.field("user")
    u.raw("policy")
    doc = spec.policy
    where = (doc.source or node).span
    user = ctx.resolve(spec.user, node.module)
    handed = _handed_user(ctx, node, spec.user)
    if handed is not None:
        ctx.sink.add("IT309", spec.user.span if spec.user is not None else node.span,
                     f"the user of {node.address} is handed to the module: it must now be "
                     "given the name of an IAM user, not an OVH user id")
    user_ref = _user_ref(ctx, node, spec.user) if user is not None else handed
    if user_ref is not None and _computed(doc):
        return _computed_policy(ctx, node, spec, u, user_ref)
    if user_ref is None or not doc.readable:
        why = doc.problems[0].message if doc.problems else "its user is not declared here"
        if doc.document is None and doc.source is not None:
            why = "its policy text is not JSON IAM can read"
        ctx.sink.add("IT338", where, f"{node.address} is not translated: {why}",
                     "write the statements as an aws_iam_user_policy by hand")
        return u.done()
    for p in doc.problems:
        ctx.sink.add("IT301", p.span or where, f"{node.address}: {p.message}; the statement "
                     "is kept as written, check it against IAM")
    statements = []
    for g in doc.grants:
        for a in g.unknown_actions:
            ctx.sink.add("IT301", g.source.span or where, f"`{a}` in the S3 policy of "
                         f"{node.address} is not an S3 action: IAM accepts it and it grants "
                         "nothing")
        statements.append(_statement(ctx, node, g))
    written = _replace(doc.document, "Statement", E.Tuple(tuple(statements)))
    _policy(ctx, node, user_ref, E.Call("jsonencode", (ctx.rewrite(written, node.module),)))
    u.done()


def _policy(ctx: Ctx, node: N.Resource, user: E.Expr, policy: E.Expr) -> None:
    iam(ctx, node, "iam_user_policy", 0, user=user, policy=policy,
        policy_name=E.Literal(C.aws_name(node.name.replace("_", "-"), 128)))


def _statement(ctx: Ctx, node: N.Resource, g: G.Grant) -> E.Expr:
    """The statement as written; a Principal goes (an identity policy applies to its user)."""
    if g.principal is None or not isinstance(g.source, E.Object):
        return g.source
    ctx.sink.add("IT301", g.principal.span or g.source.span, f"a statement of {node.address} "
                 "names a Principal: an IAM user policy applies to its user and names none, so "
                 "it is left out")
    return E.Object(tuple((k, v) for k, v in g.source.items
                          if E.key_name(k) not in ("Principal", "NotPrincipal")),
                    span=g.source.span)


def _replace(doc: E.Object | None, key: str, value: E.Expr) -> E.Object:
    items = tuple((k, value if E.key_name(k) == key else v) for k, v in (doc.items if doc
                                                                          else ()))
    return E.Object(items, span=doc.span if doc else None)


DECLARE: dict[str, Declaring] = {"ObjectStorageUser": declare_user,
                                 "ObjectStorageCredential": declare_credential,
                                 "ObjectStoragePolicy": declare_policy}
LOWER: dict[str, Lowering] = {"ObjectStorageUser": lower_user,
                              "ObjectStorageCredential": lower_credential,
                              "ObjectStoragePolicy": lower_policy}
