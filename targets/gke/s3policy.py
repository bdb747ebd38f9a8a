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
            bucket = ctx.rewrite(ref.name, node.module)
            entry = by_bucket.setdefault(to_hcl(bucket), (bucket, set()))
            entry[1].update(g.verbs)
    return [(bucket, role(verbs)) for bucket, verbs in
            (by_bucket[k] for k in sorted(by_bucket))] or None


def role(verbs: set[G.Verb]) -> str:
    if G.Verb.DELETE in verbs:
        return "roles/storage.objectAdmin"
    if verbs & {G.Verb.WRITE, G.Verb.ADMIN}:
        return "roles/storage.objectUser"
    return "roles/storage.objectViewer"
