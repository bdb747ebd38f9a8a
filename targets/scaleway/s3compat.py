"""Scaleway lowering of AWS S3 resources aimed at OVH Object Storage: Scaleway buckets, natively."""

# The aws provider could be aimed at Scaleway's S3 endpoint instead; the scaleway resources
# are chosen: one provider and one credential (the API key), and the Scaleway settings
# (lifecycle, CORS, versioning) are blocks of the bucket as on OVH's own bucket resource.

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import aws_bucket as AB
from ..tfbase import passthrough as P
from ..tfbase.aws_bucket import unbound
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import unique_names
from .bucket_parts import sse
from .lifecycle import lifecycle_rule
from .s3policy import public_policy

BUCKET = "scaleway_object_bucket"
# aws_s3_bucket_<part> -> the Scaleway resource with the same arguments (copied as written)
_SAME = {"object_lock_configuration": "scaleway_object_bucket_lock_configuration",
         "website_configuration": "scaleway_object_bucket_website_configuration"}


def declare_bucket(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{BUCKET}.{node.name}", {
        "bucket": "{self}.name", "id": "{self}.name", "region": "{self}.region",
        "bucket_domain_name": '"${{self}.name}.s3.${{self}.region}.scw.cloud"',
        "bucket_regional_domain_name": '"${{self}.name}.s3.${{self}.region}.scw.cloud"'},
        fallback="{self}.name")


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    p, spec, u = AB.start(ctx, node, BUCKET, ("bucket", "force_destroy", "tags",
                                              "object_lock_enabled"))
    b = TfBlock("resource", (BUCKET, node.name))
    if spec.name.source is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no `bucket` name; Scaleway needs "
                     "one, the Terraform label is used")
    b.set("name", ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None
          else E.Literal(C.scw_name(node.name)))
    b.set("region", _region(ctx, node, p, spec.location.source))
    if spec.force_destroy is not None:
        b.set("force_destroy", ctx.rewrite(spec.force_destroy, node.module))
    if spec.object_lock is not None:
        b.set("object_lock_enabled", ctx.rewrite(spec.object_lock.source, node.module))
    if spec.tags is not None:
        b.set("tags", ctx.rewrite(spec.tags, node.module))
    u.drop("bucket_prefix", "Scaleway buckets have no generated names; set `bucket`")
    ctx.sink.add("IT301", node.span, f"{node.address} was a bucket of OVH Object Storage (the "
                 "AWS provider on an OVH endpoint); it is a Scaleway Object Storage bucket, "
                 "whose name is unique across all of Scaleway", "copy the objects with rclone "
                 "or `aws s3 sync --endpoint-url https://s3.<region>.scw.cloud`")
    P.place(ctx, unbound(node), b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    u.done()


def _region(ctx: Ctx, node: N.Resource, p: N.Provider | None,
            region: E.Expr | None) -> E.Expr | None:
    """The aws provider's `region` (an OVH region in lower case: gra, sbg...), mapped."""
    mapped = AB.mapped_region(ctx, node, region)
    if mapped is not None:
        return mapped
    if region is not None and p is not None and p.module == node.module:
        out = C.map_region(ctx, node, region)
        if out is not None:
            return out
    default = ctx.default_region.get(node.module)
    if default is None:
        ctx.sink.add("IT309", node.span, f"the region of {node.address} comes from its aws "
                     "provider, which cannot be mapped here: the scaleway provider's region "
                     "is used", "set `region` (e.g. fr-par) if it must be another")
    return default


def lower_part(ctx: Ctx, node: N.Resource) -> None:
    """A bucket setting: a block of the bucket, or the Scaleway resource of the same name."""
    bucket = ctx.resolve(node.get("bucket"), node.module)
    block = ctx.primary.get(ctx.key_of(bucket)) if bucket is not None else None
    if bucket is None or block is None or block.labels[:1] != (BUCKET,):
        ctx.sink.add("IT338", node.span, f"{node.address} configures a bucket of OVH Object "
                     "Storage that is not declared here; set it on the scaleway_object_bucket "
                     "that replaces that bucket")
        u = Use(ctx, node, BUCKET)
        for k, _ in node.args:
            u.raw(k)
        return u.done()
    u = Use(ctx, node, f"{BUCKET}.{bucket.name}")
    u.raw("bucket")
    u.raw("expected_bucket_owner")
    kind = node.type.removeprefix("aws_s3_bucket_")
    # The bucket as written keeps its instance key (aws_s3_bucket.b[count.index].id).
    ref = ctx.rewrite(node.get("bucket") or E.ref(f"{BUCKET}.{bucket.name}.name"), node.module)
    if kind == "server_side_encryption_configuration":
        _sse(ctx, node, u, ref, block)
    elif kind in _SAME:
        _same(ctx, node, u, _SAME[kind], ref, block)
    elif kind in ("versioning", "lifecycle_configuration", "cors_configuration"):
        ctx.merged(node, block)
        {"versioning": _versioning, "lifecycle_configuration": _lifecycle,
         "cors_configuration": _cors}[kind](ctx, node, u, block)
    elif kind == "policy":
        policy = u.raw("policy")
        doc = G.read_policy(policy)
        if doc.readable and not doc.problems and all(G.is_public(g.principal)
                                                     for g in doc.grants):
            public_policy(ctx, unbound(node), doc, block, ref)
        else:
            ctx.sink.add("IT338", (policy or node).span, f"the policy of {node.address} is "
                         "not translated: its principals are OVH identities",
                         "grant Scaleway principals ({SCW = \"application_id:<id>\"}) in a "
                         "scaleway_object_bucket_policy")
    elif kind == "acl":
        _acl(ctx, node, u, ref, block)
    elif kind == "public_access_block":
        for k in ("block_public_acls", "block_public_policy", "ignore_public_acls",
                  "restrict_public_buckets"):
            u.raw(k)
        ctx.merged(node, block)
        ctx.sink.add("IT301", node.span, f"{node.address}: Scaleway has no public access "
                     "block; its buckets are private unless an ACL or a bucket policy opens "
                     "them, so it is not written")
    elif kind == "ownership_controls":
        u.raw("rule")
        ctx.merged(node, block)
        ctx.sink.add("IT301", node.span, f"{node.address}: Scaleway has no object ownership "
                     "setting; bucket ACLs always apply, so it is not written")
    else:
        for k, _ in node.args:
            u.raw(k)
        ctx.sink.add("IT305", node.span, f"{node.address} ({node.type}) has no Scaleway "
                     "Object Storage equivalent and is not kept")
    u.done()


def _sse(ctx: Ctx, node: N.Resource, u: Use, ref: E.Expr, bucket: TfBlock) -> None:
    rule = N.first_object(u.raw("rule"))
    by_default = N.first_object(E.obj_get(rule, "apply_server_side_encryption_by_default"))
    u.drop("rule.bucket_key_enabled", "Scaleway has no S3 bucket keys")
    u.drop("rule.apply_server_side_encryption_by_default.kms_master_key_id",
           "Scaleway Object Storage has no KMS keys")
    algo = E.obj_get(by_default, "sse_algorithm")
    sse(ctx, unbound(node), algo or E.Literal("AES256"), (algo or node).span, ref, bucket)


def _same(ctx: Ctx, node: N.Resource, u: Use, type_: str, ref: E.Expr,
          bucket: TfBlock) -> None:
    b = TfBlock("resource", (type_, node.name))
    b.set("bucket", ref)
    b.set("region", bucket.get("region"))
    args = tuple((k, v) for k, v in node.args if k not in ("bucket", "expected_bucket_owner",
                                                           "token", "object_lock_enabled"))
    for k, _ in args:
        u.raw(k)
    u.drop("token", "Scaleway needs no object lock token")
    P.emit_args(ctx, b, args, node.module)
    P.emit_meta(ctx, b, unbound(node), {})
    ctx.emit(node.span, b)


def _versioning(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    flag = S.read_s3_versioning(node)
    u.raw("versioning_configuration")
    u.raw("versioning_configuration.status")
    u.drop("versioning_configuration.mfa_delete", "Scaleway has no MFA delete")
    status = flag.source if flag is not None else None
    s = E.str_value(status)
    b.block("versioning").set("enabled", E.Literal(s == "Enabled") if s is not None else
                              E.Binary("==", ctx.rewrite(status or E.Literal(""), node.module),
                                       E.Literal("Enabled")))


def _lifecycle(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    rules = u.raw("rule")
    for i, item in enumerate(rules.items if isinstance(rules, E.BlockSeq) else ()):
        if not isinstance(item, E.Object):
            ctx.sink.add("IT302", item.span or node.span, f"a dynamic `rule` of {node.address} "
                         "is not translated: write the lifecycle_rule blocks of the bucket")
            continue
        lifecycle_rule(ctx, node, b.block("lifecycle_rule"), L.read_s3_rule(item), i)
    u.drop("transition_default_minimum_object_size", "Scaleway applies its own minimum")


def _cors(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    rules = u.raw("cors_rule")
    for rule in rules.items if isinstance(rules, E.BlockSeq) else ():
        if not isinstance(rule, E.Object):
            continue
        c = b.block("cors_rule")
        for k in ("allowed_headers", "allowed_methods", "allowed_origins", "expose_headers",
                  "max_age_seconds"):
            value = E.obj_get(rule, k)
            if value is not None:
                c.set(k, ctx.rewrite(value, node.module))
        if E.obj_get(rule, "id") is not None:
            ctx.sink.add("IT302", node.span, f"the `id` of a cors_rule of {node.address} is "
                         "not translated: Scaleway CORS rules have none")


def _acl(ctx: Ctx, node: N.Resource, u: Use, ref: E.Expr, bucket: TfBlock) -> None:
    acl = u.raw("acl")
    u.drop("access_control_policy", "its grants name OVH canonical user ids; grant Scaleway "
           "principals in a bucket policy")
    if acl is None:
        return
    b = TfBlock("resource", ("scaleway_object_bucket_acl", node.name))
    b.set("bucket", ref)
    b.set("region", bucket.get("region"))
    b.set("acl", ctx.rewrite(acl, node.module))
    P.emit_meta(ctx, b, unbound(node), {})
    ctx.emit(node.span, b)


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    if node.type.removeprefix("aws_s3_bucket_") in (*_SAME, "server_side_encryption_configuration"):
        return lower_part(ctx, node)  # a setting Scaleway keeps in a resource of its own
    if node.type != "aws_s3_object":
        ctx.sink.add("IT305", node.span, f"{node.address} uses the AWS provider on OVH Object "
                     "Storage and has no Scaleway translation; it is not kept")
        placeholder = TfBlock("")
        placeholder.note(f"TODO(IT305): {node.address} ({node.type} on OVH Object Storage) "
                         "was not translated.")
        ctx.emit(node.span, placeholder)
        return
    u = Use(ctx, node, "scaleway_object")
    b = TfBlock("resource", ("scaleway_object", node.name))
    bucket = ctx.resolve(node.get("bucket"), node.module)
    for k, dst in (("bucket", "bucket"), ("key", "key"), ("source", "file"),
                   ("content", "content"), ("content_base64", "content_base64"),
                   ("content_type", "content_type"), ("metadata", "metadata"),
                   ("tags", "tags"), ("storage_class", "storage_class")):
        value = u.expr(k)
        if value is not None:
            b.set(dst, value)
    owner = ctx.primary.get(ctx.key_of(bucket)) if bucket is not None else None
    b.set("region", owner.get("region") if owner is not None else None)
    if u.raw("acl") is not None and E.str_value(node.get("acl")) in ("public-read",):
        b.set("visibility", E.Literal("public-read"))
    for k in ("etag", "source_hash"):
        u.drop(k, "Scaleway compares the object's `hash` (set it to filemd5(file))")
    P.place(ctx, unbound(node), b)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a scaleway_object, uploaded "
                 "with the Scaleway credentials")
    u.done()


DECLARE: dict[str, Declaring] = {"S3Bucket": declare_bucket}
LOWER: dict[str, Lowering] = {"S3Bucket": lower_bucket, "S3BucketPart": lower_part,
                              "S3Other": lower_other}
