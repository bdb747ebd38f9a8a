"""Read an S3 (IAM-style) policy written with jsonencode and derive GCS bucket roles."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx

_READ = {"s3:GetObject", "s3:ListBucket", "s3:GetBucketLocation", "s3:ListBucketMultipartUploads",
         "s3:GetObjectVersion", "s3:ListMultipartUploadParts", "s3:GetObjectTagging"}
_WRITE = {"s3:PutObject", "s3:AbortMultipartUpload", "s3:PutObjectTagging"}
_ARN = "arn:aws:s3:::"


def grants(policy: E.Expr | None, ctx: Ctx, node: N.Resource) -> list[tuple[E.Expr, str]] | None:
    """[(bucket name expression, GCS role)] or None when the policy is not a literal document."""
    if not (isinstance(policy, E.Call) and policy.name == "jsonencode" and policy.args):
        return None
    doc = policy.args[0]
    statements = _get(doc, "Statement")
    if not isinstance(statements, E.Tuple):
        return None
    by_bucket: dict[str, tuple[E.Expr, set[str]]] = {}
    for st in statements.items:
        if E.str_value(_get(st, "Effect")) != "Allow":
            continue
        actions = _strings(_get(st, "Action"))
        for res in _items(_get(st, "Resource")):
            bucket = _bucket(res, ctx, node)
            if bucket is None:
                continue
            from iac_translate.compiler.hcl.printer import to_hcl
            key = to_hcl(bucket)
            entry = by_bucket.setdefault(key, (bucket, set()))
            entry[1].update(actions)
    if not by_bucket:
        return None
    out = []
    for key in sorted(by_bucket):
        bucket, actions = by_bucket[key]
        out.append((bucket, _role(actions)))
    return out


def _role(actions: set[str]) -> str:
    if any(a in ("s3:*", "*") or a.startswith("s3:Delete") for a in actions):
        return "roles/storage.objectAdmin"
    if actions & _WRITE or any(a.startswith("s3:Put") for a in actions):
        return "roles/storage.objectUser"
    return "roles/storage.objectViewer"


def _get(obj: E.Expr | None, key: str) -> E.Expr | None:
    return E.obj_get(obj, key)


def _items(v: E.Expr | None) -> list[E.Expr]:
    if isinstance(v, E.Tuple):
        return list(v.items)
    return [v] if v is not None else []


def _strings(v: E.Expr | None) -> set[str]:
    return {s for s in (E.str_value(i) for i in _items(v)) if s}


def _bucket(res: E.Expr, ctx: Ctx, node: N.Resource) -> E.Expr | None:
    """The bucket name in `arn:aws:s3:::NAME` or `arn:aws:s3:::NAME/*` (literal or template)."""
    s = E.str_value(res)
    if s is not None:
        if not s.startswith(_ARN):
            return None
        name = s[len(_ARN):].split("/", 1)[0]
        return E.Literal(name) if name and name != "*" else None
    if isinstance(res, E.Template) and res.parts and isinstance(res.parts[0], str) \
            and res.parts[0].startswith(_ARN):
        parts = list(res.parts)
        parts[0] = parts[0][len(_ARN):]
        if isinstance(parts[-1], str) and "/" in parts[-1]:
            parts[-1] = parts[-1].split("/", 1)[0]
        parts = [p for p in parts if p != ""]
        if len(parts) == 1 and isinstance(parts[0], E.Interp):
            return ctx.rewrite(parts[0].expr, node.module)
        return ctx.rewrite(E.Template(tuple(parts)), node.module)
    return None
