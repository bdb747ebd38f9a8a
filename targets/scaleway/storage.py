"""Scaleway lowering of OVH buckets: Object Storage buckets, versioning, encryption, object lock."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import bucket_lock, companions, reftables
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import common as C
from . import iam, lifecycle, s3compat, s3users, unique_names
from .bucket_parts import part, sse

BUCKET = "scaleway_object_bucket"


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    spec = S.read_bucket(ctx, node)
    u, b = ST.begin(ctx, node, ST.BUCKET_READ, BUCKET, node.mode if node.mode == "data"
                    else "resource")
    b.set("name", ST.written_or(ctx, node, spec.name, E.Literal(C.scw_name(node.name))))
    b.set("region", C.map_region(ctx, node, spec.location.source))
    if spec.data:
        for k, _ in spec.listing:
            u.drop(k, S.ovh_only(node, k))
        P.place(ctx, node, b)
        return u.done()
    locked = spec.object_lock is not None and spec.object_lock.enabled is not False
    if locked:
        b.set("object_lock_enabled", E.Literal(True))
    if spec.tags is not None:
        b.set("tags", ctx.rewrite(spec.tags, node.module))
    _versioning(ctx, node, spec, b, locked)
    P.place(ctx, node, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    for k, v in S.unread(node, spec):
        ctx.sink.add("IT309", v.span, f"`{k}` of {node.address} is one expression; write the "
                     f"{k} of the Scaleway bucket by hand")
    ref = companions.same(node, BUCKET, "name")  # the same instance when repeated
    _encryption(ctx, node, spec, ref)
    _object_lock(ctx, node, spec, ref)
    u.drop("replication", "Scaleway Object Storage has no bucket replication; copy objects "
           "between buckets with rclone or a scheduled job")
    for k, _ in spec.listing:
        u.drop(k, S.ovh_only(node, k))
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, b: TfBlock,
                locked: bool) -> None:
    flag = spec.versioning
    states = iam.table()["versioning"]
    if locked:
        # Object lock keeps versions: the provider refuses a locked bucket without them.
        if flag is not None and flag.value is not S.Versioning.ENABLED:
            ctx.sink.add("IT301", flag.source.span or node.span, f"versioning of "
                         f"{node.address} is enabled: its object lock needs it on Scaleway")
        b.block("versioning").set("enabled", E.Literal(True))
        return
    if flag is None or flag.value is S.Versioning.DISABLED:
        return
    value: E.Expr = E.Literal(states[flag.value.value]) if flag.value is not None else \
        E.Binary("==", E.Call("lower", (ctx.rewrite(flag.source, node.module),)),
                 E.Literal("enabled"))
    b.block("versioning").set("enabled", value)


def _encryption(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, ref: E.Expr) -> None:
    enc = spec.encryption
    if enc is not None:
        sse(ctx, node, E.obj_get(enc.source, "sse_algorithm") or E.Literal("AES256"),
            enc.source.span, ref)


def _object_lock(ctx: Ctx, node: N.Resource, spec: S.BucketSpec, ref: E.Expr) -> None:
    lock = "scaleway_object_bucket_lock_configuration"
    bucket_lock.default_retention(ctx, node, spec.object_lock, lock,
                                  lambda: part(ctx, node, lock, ref))


DECLARE: dict[str, Declaring] = {**reftables.declarings(iam.table()["references"], (
    "Bucket",)), **s3users.DECLARE, **s3compat.DECLARE}
LOWER: dict[str, Lowering] = {"Bucket": lower_bucket,
                              "BucketLifecycle": lifecycle.lower_bucket_lifecycle,
                              **s3users.LOWER, **s3compat.LOWER}
