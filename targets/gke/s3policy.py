"""GCS bucket roles from the neutral grants of an OVH S3 policy (compiler/passes/s3_grants)."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import s3_grants as G

from ..tfbase.context import Ctx


def grants(policy: G.S3Policy, ctx: Ctx, node: N.Resource) -> list[tuple[E.Expr, str]] | None:
    """[(bucket name expression, GCS role)] of the Allow statements, or None when the policy
    is not a literal document or names no bucket. GCS roles are per bucket: the verbs of
    every statement on a bucket add up."""
    if policy.document is None:
        return None
    by_bucket: dict[str, tuple[E.Expr, set[G.Verb]]] = {}
    for g in policy.grants:
        if g.effect != "allow":
            continue
        for ref in g.buckets:
            if ref.name is None:
                continue
            bucket = _declared(ctx, node, ref.name) or ctx.rewrite(ref.name, node.module)
            entry = by_bucket.setdefault(to_hcl(bucket), (bucket, set()))
            entry[1].update(g.verbs)
    return [(bucket, role(verbs)) for bucket, verbs in
            (by_bucket[k] for k in sorted(by_bucket))] or None


def _declared(ctx: Ctx, node: N.Resource, name: E.Expr) -> E.Expr | None:
    """`google_storage_bucket.<label>.name` when the policy names by its literal name a bucket
    this module declares (once): the IAM member then waits for the bucket, where the literal
    name let both be created at once and the member fail on a bucket not yet there."""
    text = E.str_value(name)
    if text is None or ctx.resolve(name, node.module) is not None:
        return None
    found = [n for n in ctx.by_module.resources(node.module, "Bucket")
             if n.mode == "managed" and E.str_value(n.get("name")) == text and
             n.meta.count is None and n.meta.for_each is None]
    target = ctx.refmap.get(ctx.key_of(found[0])) if len(found) == 1 else None
    if target is None or target.self_ref is None:
        return None
    return E.ref(f"{target.self_ref}.name")


def role(verbs: set[G.Verb]) -> str:
    if G.Verb.DELETE in verbs:
        return "roles/storage.objectAdmin"
    if verbs & {G.Verb.WRITE, G.Verb.ADMIN}:
        return "roles/storage.objectUser"
    return "roles/storage.objectViewer"
