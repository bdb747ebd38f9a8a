"""EKS lowering of AWS S3 resources written against OVH Object Storage: the same, on AWS."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import s3_grants as G

from ..hclwrite import TfBlock
from ..tfbase import db_parts as DP
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import unique_names
from .s3parts import companion


def _copy(ctx: Ctx, node: N.Resource) -> TfBlock:
    u = DP.read_all(ctx, node, node.type)
    b = TfBlock("resource", (node.type, node.name))
    P.emit_args(ctx, b, node.args, node.module)
    P.place(ctx, node, b)
    u.done()
    return b


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    unique_names.warn(ctx, node, _copy(ctx, node))  # (a fixed name in a repeated module)
    ctx.sink.add("IT301", node.span, f"{node.address} was a bucket of OVH Object Storage (the "
                 "AWS provider on an OVH endpoint); it is the same S3 resource on AWS, where "
                 "bucket names are unique across all accounts",
                 "copy the objects with `aws s3 sync` or rclone; a taken name fails at apply")


def lower_part(ctx: Ctx, node: N.Resource) -> None:
    if node.type == "aws_s3_bucket_policy":
        return _policy(ctx, node)
    b = _copy(ctx, node)
    if node.type == "aws_s3_bucket_acl":
        acl = E.str_value(node.get("acl"))
        if acl not in (None, "private"):
            ctx.sink.add("IT301", node.span, f"{node.address} sets ACL `{acl}`: new S3 buckets "
                         "disable ACLs (object ownership BucketOwnerEnforced), so it fails "
                         "until the bucket has aws_s3_bucket_ownership_controls with "
                         "BucketOwnerPreferred", "prefer a bucket policy to ACLs")
    del b


def _policy(ctx: Ctx, node: N.Resource) -> None:
    policy = G.read_policy(node.get("policy"))
    others = [g for g in policy.grants if not G.is_public(g.principal)]
    if not policy.readable or others:
        where = (node.get("policy") or node).span
        ctx.sink.add("IT338", where, f"the policy of {node.address} is not translated: "
                     + ("its principals are OVH identities" if policy.readable else
                        (policy.problems[0].message if policy.problems else "it is unreadable")),
                     "grant AWS principals (IAM roles or users of the account) in a bucket "
                     "policy")
        return DP.read_all(ctx, node, node.type).done()
    b = _copy(ctx, node)
    public = f"{node.name}_public"
    companion(ctx, node, "public_policy_access", {
        "bucket": ctx.rewrite(node.get("bucket") or E.Literal(""), node.module)})
    b.set("depends_on", E.Tuple((E.ref(f"aws_s3_bucket_public_access_block.{public}"),)))
    ctx.sink.add("IT301", node.span, f"{node.address} makes objects public (Principal `*`): "
                 "on AWS that needs the bucket's public access block to allow public "
                 "policies; one is added", "review that the bucket really must be public")


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    _copy(ctx, node)
    ctx.sink.add("IT306", node.span, f"{node.address} ({node.type}) was written against OVH "
                 "Object Storage; it is kept as is, on AWS")


DECLARE: dict[str, Declaring] = {}
LOWER: dict[str, Lowering] = {"S3Bucket": lower_bucket, "S3BucketPart": lower_part,
                              "S3Other": lower_other}
