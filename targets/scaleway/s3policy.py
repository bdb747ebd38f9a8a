"""Scaleway bucket policies from an OVH user's S3 policy: its statements, naming the application."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.scaffold_names import scaffold_variable
from .lifecycle import bucket_block

BUCKET_POLICY = "scaleway_object_bucket_policy"
ADMIN_VAR = "scaleway_bucket_policy_admin"
VERSION = "2023-04-17"  # the current bucket policy version (2012-10-17 is deprecated)


def bucket_policies(ctx: Ctx, node: N.Resource, doc: G.S3Policy, app: E.Expr) -> list[str]:
    """Write each statement naming declared buckets into those buckets' policies (one per
    bucket, shared by every OVH user policy naming it); the addresses written."""
    written: list[str] = []
    for g in doc.grants:
        by_bucket: dict[str, tuple[TfBlock, list[G.BucketRef]]] = {}
        for ref in g.buckets:
            if ref.name is None:
                continue  # every bucket: the project-wide permission sets say it
            bucket = bucket_block(ctx, node, ref.name)
            if bucket is None:
                ctx.sink.add("IT338", ref.resource.span or g.source.span, f"a statement of "
                             f"{node.address} names bucket `{ref.text or 'an expression'}`, "
                             "not declared in this module: its Scaleway bucket policy is not "
                             "written", "add the statement, with Principal {SCW = "
                             "\"application_id:<id>\"}, to that bucket's policy")
                continue
            if repeated(bucket, node, ref.resource.span or g.source.span, ctx):
                continue
            by_bucket.setdefault(bucket.labels[1], (bucket, []))[1].append(ref)
        for label, (bucket, refs) in by_bucket.items():
            policy = _policy_block(ctx, node, label, bucket)
            _append(policy, per_instance(ctx, node, _statement(ctx, node, g, refs, app,
                                                               label)))
            if f"{BUCKET_POLICY}.{label}" not in written:
                written.append(f"{BUCKET_POLICY}.{label}")
    return written


def repeated(bucket: TfBlock, node: N.Resource, at: Span | None, ctx: Ctx) -> bool:
    """A bucket with count/for_each: one policy per instance is not written here."""
    if bucket.get("count") is None and bucket.get("for_each") is None:
        return False
    ctx.sink.add("IT338", at or node.span, f"a statement of {node.address} names the "
                 f"repeated bucket {'.'.join(bucket.labels)}: its Scaleway bucket policies "
                 "are not written", f"write one {BUCKET_POLICY} per bucket instance (the same "
                 "count/for_each), naming the application with Principal {SCW = "
                 "\"application_id:<id>\"}")
    return True


def _policy_block(ctx: Ctx, node: N.Resource, label: str, bucket: TfBlock) -> TfBlock:
    key = (node.module, "bucket_policy", BUCKET_POLICY, label)
    found = ctx.primary.get(key)
    if found is not None:
        return found
    # (a free name: the source module may declare a variable of the wanted one)
    admin_var = scaffold_variable(ctx, node.module, ADMIN_VAR, _admin_variable)
    name = E.ref(f"scaleway_object_bucket.{label}.name")
    b = TfBlock("resource", (BUCKET_POLICY, label), comments=[
        "a Scaleway bucket policy allows only whom it names: the admin statement keeps "
        f"Terraform's own identity (var.{admin_var}) able to manage the bucket"])
    b.set("bucket", name)
    b.set("region", bucket.get("region"))
    admin = _object((("Sid", E.Literal("KeepAdminAccess")), ("Effect", E.Literal("Allow")),
                     ("Principal", _object((("SCW", E.ref(f"var.{admin_var}")),))),
                     ("Action", E.Tuple((E.Literal("*"),))),
                     ("Resource", E.Tuple((name,
                                           E.Template((E.Interp(name), "/*")))))))
    b.set("policy", _document([admin]))
    ctx.primary[key] = b
    ctx.emit(node.span, b)
    ctx.sink.add("IT307", node.span, f"{BUCKET_POLICY}.{label} keeps a statement for "
                 f"var.{admin_var}: once a bucket has a policy, Scaleway denies every "
                 "principal it does not name, the project's owners and Terraform included",
                 f"set {admin_var} to the principal Terraform runs as (user_id:<id> or "
                 "application_id:<id>)")
    return b


def _admin_variable(name: str) -> TfBlock:
    v = TfBlock("variable", (name,), comments=[
        "scaffolding: the principal kept in every bucket policy (Scaleway bucket policies "
        "deny whoever they do not name)"])
    v.set("description", E.Literal("Scaleway principal Terraform runs as, kept with full "
                                   "access in bucket policies: user_id:<id> or "
                                   "application_id:<id>"))
    v.set("type", E.Var("string"))
    return v


def _object(items: tuple[tuple[str, E.Expr | None], ...]) -> E.Object:
    return E.Object(tuple((E.Var(k), v) for k, v in items if v is not None))


def _document(statements: list[E.Expr]) -> E.Expr:
    return E.Call("jsonencode", (_object((("Version", E.Literal(VERSION)),
                                          ("Statement", E.Tuple(tuple(statements))))),))


def _append(policy: TfBlock, statement: E.Expr) -> None:
    """Add a statement (an object) or the statements of every instance (a for expression)
    to the policy: `Statement = [...]`, or `concat([...], [for ...], ...)` once a for
    expression is among them."""
    doc = policy.get("policy")
    assert isinstance(doc, E.Call) and isinstance(doc.args[0], E.Object)
    current = E.obj_get(doc.args[0], "Statement")
    parts = list(current.args) if isinstance(current, E.Call) else [current]
    if isinstance(statement, E.ForExpr):
        parts.append(statement)
    elif isinstance(parts[-1], E.Tuple):
        parts[-1] = E.Tuple((*parts[-1].items, statement))
    else:
        parts.append(E.Tuple((statement,)))
    doc_items = tuple((k, (parts[0] if len(parts) == 1 else E.Call("concat", tuple(parts)))
                       if E.key_name(k) == "Statement" else v) for k, v in doc.args[0].items)
    policy.set("policy", E.Call("jsonencode", (E.Object(doc_items),)))


def per_instance(ctx: Ctx, node: N.Resource, statement: E.Expr) -> E.Expr:
    """A statement of a counted or for_each OVH policy that reads its instance (the
    application of `user[count.index]`) stands for one statement per instance, and the
    bucket policy is one per bucket (a bare count.index there is refused). When only the
    principal differs it names every instance's (`SCW = [for instance in range(count) :
    ...]`); otherwise each instance has its statement, its Sid suffixed by the key (Sids are
    unique in a policy)."""
    m = node.meta
    names = {("count", "index"): "instance"} if m.count is not None else \
        {("each", "key"): "key", ("each", "value"): "value"} if m.for_each is not None else {}

    def swap(e: E.Expr) -> E.Expr | None:
        t = E.traversal(e)
        if t is None or not t[1] or t[1][0][0] != "attr":
            return None
        name = names.get((t[0], str(t[1][0][1])))
        return E.build_traversal(name, t[1][1:], e.span) if name is not None else None

    def over(value: E.Expr) -> E.ForExpr:
        if m.count is not None:
            return E.ForExpr(None, "instance", E.Call("range", (ctx.rewrite(
                m.count, node.module),)), value)
        assert m.for_each is not None
        return E.ForExpr("key", "value", ctx.rewrite(m.for_each, node.module), value)

    if not isinstance(statement, E.Object) or not names:
        return statement
    items = [(k, v, E.transform(v, swap)) for k, v in statement.items]
    varies = {E.key_name(k) for k, v, w in items if w != v}
    if not varies:
        return statement  # (the same for every instance: written once)
    if varies == {"Principal"}:
        return E.Object(tuple((k, _each_principal(w, over) if w != v else v)
                              for k, v, w in items), span=statement.span)
    suffix = E.ref("instance") if m.count is not None else \
        E.Call("replace", (E.ref("key"), E.Literal("/[^0-9A-Za-z]/"), E.Literal("")))
    return over(E.Object(tuple(
        (k, E.Template((sid, E.Interp(suffix))) if E.key_name(k) == "Sid" and
         (sid := E.str_value(w)) is not None else w) for k, v, w in items),
        span=statement.span))


def _each_principal(principal: E.Expr, over: Callable[[E.Expr], E.ForExpr]) -> E.Expr:
    """{SCW = "application_id:${app[instance].id}"} -> {SCW = [for ... : that]}."""
    if not isinstance(principal, E.Object):
        return over(principal)
    return E.Object(tuple((k, over(v)) for k, v in principal.items), span=principal.span)


def _statement(ctx: Ctx, node: N.Resource, g: G.Grant, refs: list[G.BucketRef],
               app: E.Expr, label: str) -> E.Expr:
    """The statement as written, on this bucket's resources (Scaleway names buckets without
    the `arn:aws:s3:::` prefix), its principal the application."""
    if g.principal is not None:
        ctx.sink.add("IT301", g.principal.span or g.source.span, f"a statement of "
                     f"{node.address} names a Principal: the user policy applied to its user, "
                     "so the Scaleway bucket policy names the user's application instead")
    for a in g.unknown_actions:
        ctx.sink.add("IT301", g.source.span, f"`{a}` in the S3 policy of {node.address} is "
                     "not an S3 action: it is kept and grants nothing (Scaleway may refuse "
                     "the policy)")
    resources = E.Tuple(tuple(ctx.rewrite(_named_bucket(_unprefixed(r.resource), r.name,
                                                        label), node.module) for r in refs))
    principal = _object((("SCW", E.Template(("application_id:", E.Interp(app)))),))
    items: list[tuple[E.Expr, E.Expr]] = []
    assert isinstance(g.source, E.Object)
    for k, v in g.source.items:
        name = E.key_name(k)
        if name in ("Principal", "NotPrincipal"):
            continue
        if name in ("Resource", "NotResource"):
            v = resources
        else:
            v = ctx.rewrite(v, node.module)
        items.append((k, v))
        if name == "Effect":
            items.append((E.Var("Principal"), principal))
    return E.Object(tuple(items), span=g.source.span)


def _named_bucket(res: E.Expr, name: E.Expr | None, label: str) -> E.Expr:
    """`${var.bucket_name}` naming the bucket by its name's variable reads the bucket's name
    instead: the Scaleway name is that value normalised (lowercase...), which may differ."""
    t = E.traversal(name) if name is not None else None
    if name is None or t is None or t[0] not in ("var", "local"):
        return res
    ref = E.ref(f"scaleway_object_bucket.{label}.name")
    if res == name:
        return ref
    if isinstance(res, E.Template):
        parts = tuple(E.Interp(ref) if isinstance(p, E.Interp) and p.expr == name else p
                      for p in res.parts)
        return E.Template(parts, res.heredoc, res.indent, span=res.span)
    return res


def _unprefixed(res: E.Expr) -> E.Expr:
    s = E.str_value(res)
    if s is not None:
        return E.Literal(s[len(G.ARN):] if s.startswith(G.ARN) else s, span=res.span)
    if isinstance(res, E.Template) and res.parts and isinstance(res.parts[0], str):
        first = res.parts[0][len(G.ARN):] if res.parts[0].startswith(G.ARN) else res.parts[0]
        parts = (first, *res.parts[1:]) if first else res.parts[1:]
        if len(parts) == 1 and isinstance(parts[0], E.Interp):
            return parts[0].expr  # "${x.name}" is x.name
        return E.Template(parts, span=res.span)
    return res


def public_policy(ctx: Ctx, node: N.Resource, doc: G.S3Policy, bucket: TfBlock,
                  ref: E.Expr) -> None:
    """A bucket policy granting Principal `*` (public objects): the same statements on
    Scaleway, whose resources name the bucket without the ARN prefix."""
    if repeated(bucket, node, node.span, ctx):
        return
    policy = _policy_block(ctx, node, bucket.labels[1], bucket)
    for g in doc.grants:
        assert isinstance(g.source, E.Object)
        items = tuple((k, E.Tuple(tuple(ctx.rewrite(_unprefixed(r.resource), node.module)
                                        for r in g.buckets))
                       if E.key_name(k) == "Resource" else ctx.rewrite(v, node.module))
                      for k, v in g.source.items)
        _append(policy, E.Object(items, span=g.source.span))
    ctx.sink.add("IT301", node.span, f"{node.address} makes objects public (Principal `*`), "
                 f"as on OVH: {BUCKET_POLICY}.{bucket.labels[1]} keeps it",
                 "review that the bucket really must be public")
    del ref
