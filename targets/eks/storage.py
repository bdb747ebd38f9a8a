"""EKS lowering of OVH buckets (S3: versioning, encryption, object lock, public access block)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import bucket_lock, reftables
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import common as C
from . import lifecycle, s3compat, s3iam, unique_names
from .s3parts import bucket_region, companion, part, region_arg, table

BUCKET = "aws_s3_bucket"


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_bucket(ctx, node)
    u = ST.use(ctx, node, ST.BUCKET_READ, BUCKET)
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None else \
        E.Literal(C.aws_name(node.name))
    b = TfBlock(node.mode if node.mode == "data" else "resource", (BUCKET, node.name))
    b.set("bucket", name)
    b.set("region", region_arg(ctx, node, spec.location.source))
    if spec.data:
        for k, _ in spec.listing:
            u.drop(k, S.ovh_only(node, k))
        P.place(ctx, node, b)
        return u.done()
    if spec.object_lock is not None and spec.object_lock.enabled is not False:
        b.set("object_lock_enabled", E.Literal(True))
    if spec.tags is not None:
        b.set("tags", ctx.rewrite(spec.tags, node.module))
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    ref = E.ref(f"{BUCKET}.{node.name}.id")
    _versioning(ctx, node, spec, ref)
    for k, v in S.unread(node, spec):
        ctx.sink.add("IT309", v.span, f"`{k}` of {node.address} is one expression; write the "
                     f"{k} resource of the bucket by hand")
    _encryption(ctx, node, spec, ref)
    lock = "aws_s3_bucket_object_lock_configuration"
    bucket_lock.default_retention(ctx, node, spec.object_lock, lock,
                                  lambda: part(ctx, node, lock, ref))
    companion(ctx, node, "private_access", {"bucket": ref, "region": bucket_region(ctx, node)})
    u.drop("replication", "S3 replication needs an IAM role S3 assumes and a versioned "
           "destination bucket: write an aws_s3_bucket_replication_configuration")
    for k, _ in spec.listing:
        u.drop(k, S.ovh_only(node, k))
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, ref: E.Expr) -> None:
    flag = spec.versioning
    if flag is None or flag.value is S.Versioning.DISABLED:
        return
    b = part(ctx, node, "aws_s3_bucket_versioning", ref)
    status: E.Expr = E.Literal(table()["versioning"][flag.value.value]) if flag.value is not \
        None else E.Call("title", (E.Call("lower", (ctx.rewrite(flag.source, node.module),)),))
    b.block("versioning_configuration").set("status", status)


def _encryption(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, ref: E.Expr) -> None:
    enc = spec.encryption
    if enc is None:
        return
    if enc.algorithm is not None and enc.algorithm.lower() == "plaintext":
        ctx.sink.add("IT301", enc.source.span, f"encryption `plaintext` of {node.address}: S3 "
                     "encrypts every new object (SSE-S3) and cannot store them unencrypted")
        return
    b = part(ctx, node, "aws_s3_bucket_server_side_encryption_configuration", ref)
    by_default = b.block("rule").block("apply_server_side_encryption_by_default")
    algo = E.obj_get(enc.source, "sse_algorithm")
    by_default.set("sse_algorithm", E.Literal(enc.algorithm) if enc.algorithm else
                   ctx.rewrite(algo or E.Literal("AES256"), node.module))


DECLARE: dict[str, Declaring] = {**reftables.declarings(table()["references"], ("Bucket",)),
                                 **s3iam.DECLARE,
                                 **s3compat.DECLARE}
LOWER: dict[str, Lowering] = {"Bucket": lower_bucket,
                              "BucketLifecycle": lifecycle.lower_bucket_lifecycle,
                              **s3iam.LOWER, **s3compat.LOWER}
