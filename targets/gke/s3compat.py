"""GKE lowering of buckets created with the AWS provider on OVH Object Storage endpoints."""

from __future__ import annotations

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S
from iac_translate.compiler.passes.geo import Location

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from .instance_names import warn_repeated
from .openstack import unbound

BUCKET = "google_storage_bucket"
_READ = {"s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:GetBucketLocation"}


def declare_bucket(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(BUCKET, node), {
        "bucket": "{self}.name", "id": "{self}.name", "arn": "{self}.self_link",
        "bucket_domain_name": '"${{self}.name}.storage.googleapis.com"',
        "bucket_regional_domain_name": '"${{self}.name}.storage.googleapis.com"',
        "region": "{self}.location"})


def lower_bucket(ctx: Ctx, node: N.Resource) -> None:
    p = foreign.aws_provider_of(ctx.model, node)
    spec = S.read_s3_bucket(ctx, node, p.arg("region") if p is not None else None)
    u = Use(ctx, node, BUCKET)
    for k in ("bucket", "force_destroy", "tags"):
        u.raw(k)
    b = TfBlock("resource", (BUCKET, node.name))
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source is not None else None
    if name is None:
        ctx.sink.add("IT308", node.span, f"{node.address} has no `bucket` name; GCS needs one, "
                     "the Terraform label is used")
        name = E.Literal(C.gcp_name(node.name))
    b.set("name", name)
    warn_repeated(ctx, node, BUCKET, name, "worldwide")
    b.set("location", _location(ctx, node, p, spec.location))
    b.set("uniform_bucket_level_access", E.Literal(True))
    b.set("force_destroy", ctx.rewrite(spec.force_destroy, node.module)
          if spec.force_destroy is not None else E.Literal(False))
    if spec.tags is not None:
        b.set("labels", ctx.rewrite(spec.tags, node.module),
              "GCS label keys and values must be lowercase")
    u.drop("bucket_prefix", "GCS has no generated names; set `name`")
    u.drop("object_lock_enabled", "use `retention_policy` (bucket lock) on GCS")
    ctx.sink.add("IT301", node.span, f"{node.address} is a bucket of OVH Object Storage (AWS "
                 "provider on an OVH endpoint); it becomes a Cloud Storage bucket",
                 "copy the objects with rclone; S3 clients use HMAC keys on "
                 "https://storage.googleapis.com")
    P.place(ctx, unbound(node), b)
    u.done()


def _location(ctx: Ctx, node: N.Resource, p: N.Provider | None, loc: Location) -> E.Expr:
    """The bucket's region is the aws provider's `region` (an OVH region: gra, sbg, ...)."""
    region = loc.source
    text = E.str_value(region) if isinstance(region, E.Literal) else None
    if text is not None:
        mapped = C.region_of(ctx, text.upper())
        if mapped is not None:
            ctx.sink.add("IT306", region.span if region else node.span,
                         f"OVH region `{text}` mapped to `{mapped}`")
            return E.Literal(mapped.upper())
    if region is not None and p is not None and p.module == node.module:
        # The variable (or local) it reads takes the region role: its default is mapped.
        mapped_expr = C.map_region(ctx, node, region)
        if mapped_expr is not None:
            return C.bucket_location(mapped_expr)
    default = ctx.default_region.get(node.module)
    if default is not None:
        return C.bucket_location(default)
    ctx.sink.add("IT309", node.span, f"the location of {node.address} comes from the region "
                 "of its aws provider, which cannot be mapped here", "set a GCS location "
                 "(e.g. EUROPE-WEST1) by hand")
    return E.Literal("TODO(IT309): bucket location")


def lower_part(ctx: Ctx, node: N.Resource) -> None:
    """A bucket setting merges into the google_storage_bucket it configures."""
    bucket = ctx.resolve(node.get("bucket"), node.module)
    block = ctx.primary.get(ctx.key_of(bucket)) if bucket is not None else None
    if block is None:
        ctx.sink.add("IT305", node.span, f"{node.address} configures a bucket of OVH Object "
                     "Storage that is not declared here; set it on the google_storage_bucket "
                     "that replaces that bucket")
        return
    u = Use(ctx, node, f"{BUCKET}.{bucket.name}" if bucket else BUCKET)
    ctx.merged(node, block)
    u.raw("bucket")
    u.raw("expected_bucket_owner")
    kind = node.type.removeprefix("aws_s3_bucket_")
    {"versioning": _versioning, "lifecycle_configuration": _lifecycle,
     "cors_configuration": _cors, "policy": _policy, "acl": _acl,
     "public_access_block": _public_access}.get(kind, _other)(ctx, node, u, block)
    u.done()


def _versioning(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    flag = S.read_s3_versioning(node)
    u.raw("versioning_configuration")
    u.raw("versioning_configuration.status")
    u.drop("versioning_configuration.mfa_delete", "GCS has no MFA delete")
    status = flag.source if flag is not None else None
    s = E.str_value(status)
    enabled: E.Expr = E.Literal(s == "Enabled") if s is not None else E.Binary(
        "==", ctx.rewrite(status or E.Literal(""), node.module), E.Literal("Enabled"))
    if flag is not None and flag.value is S.Versioning.SUSPENDED:
        ctx.sink.add("IT301", flag.source.span or node.span, "versioning `Suspended`: "
                     "GCS keeps the existing versions when versioning is disabled")
    b.block("versioning").set("enabled", enabled)


_ACTIONS = (("expiration", "days", "age", "Delete"),
            ("noncurrent_version_expiration", "noncurrent_days", "days_since_noncurrent_time",
             "Delete"),
            ("abort_incomplete_multipart_upload", "days_after_initiation", "age",
             "AbortIncompleteMultipartUpload"))


def _lifecycle(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    rules = u.raw("rule")
    for item in rules.items if isinstance(rules, E.BlockSeq) else ():
        if not isinstance(item, E.Object):
            ctx.sink.add("IT302", item.span or node.span, f"a dynamic `rule` of {node.address} "
                         "is not translated: write the lifecycle_rule blocks of the bucket")
            continue
        rule = L.read_s3_rule(item)
        if rule.enabled is False:
            ctx.sink.add("IT302", item.span or node.span, f"a disabled rule of {node.address} is "
                         "not translated: GCS lifecycle rules have no disabled state")
            continue
        cond: list[tuple[str, E.Expr]] = []
        f = rule.filter
        if f.prefix is not None and E.str_value(f.prefix) != "":
            cond.append(("matches_prefix", E.Tuple((ctx.rewrite(f.prefix, node.module),))))
        narrow = [k for k, _ in (f.source.items if isinstance(f.source, E.Object) else ())
                  if E.key_name(k) != "prefix"]
        if narrow:
            # Without its filter the rule would act on every object (and delete more).
            k = narrow[0]
            ctx.sink.add("IT302", k.span or node.span, f"a rule of {node.address} filtered by "
                         f"`{E.key_name(k)}` is not translated: GCS conditions match prefixes, "
                         "suffixes, age and storage class, and without the filter it would "
                         "apply to every object")
            continue
        parts = {"expiration": (rule.expiration.source if rule.expiration else None,
                                rule.expiration.days if rule.expiration else None),
                 "noncurrent_version_expiration": (
                     rule.noncurrent_expiration.source if rule.noncurrent_expiration else None,
                     rule.noncurrent_expiration.days if rule.noncurrent_expiration else None),
                 "abort_incomplete_multipart_upload": (rule.abort_source,
                                                       rule.abort_multipart_days)}
        for block_name, field, condition, action in _ACTIONS:
            inner, days = parts[block_name]
            if days is None:
                if inner is not None:
                    ctx.sink.add("IT302", inner.span or node.span, f"`{block_name}` of "
                                 f"{node.address} without `{field}` is not translated")
                continue
            r = b.block("lifecycle_rule")
            c = r.block("condition")
            c.set(condition, ctx.rewrite(days, node.module))
            for name, value in cond:
                c.set(name, value)
            if block_name == "noncurrent_version_expiration":
                c.set("with_state", E.Literal("ARCHIVED"))
                newer = rule.noncurrent_expiration.newer_versions \
                    if rule.noncurrent_expiration else None
                if newer is not None:
                    c.set("num_newer_versions", ctx.rewrite(newer, node.module))
            r.block("action").set("type", E.Literal(action))
        for name, ts in (("transition", rule.transitions),
                         ("noncurrent_version_transition", rule.noncurrent_transitions)):
            for t in ts:
                ctx.sink.add("IT302", t.source.span or node.span, f"`{name}` of {node.address} "
                             "is not translated: add a SetStorageClass lifecycle rule to the "
                             "bucket if needed")


def _cors(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    rules = u.raw("cors_rule")
    for rule in rules.items if isinstance(rules, E.BlockSeq) else ():
        if not isinstance(rule, E.Object):
            continue
        c = b.block("cors")
        for src, dst in (("allowed_origins", "origin"), ("allowed_methods", "method"),
                         ("expose_headers", "response_header"),
                         ("max_age_seconds", "max_age_seconds")):
            value = E.obj_get(rule, src)
            if value is not None:
                c.set(dst, ctx.rewrite(value, node.module))
        headers = E.obj_get(rule, "allowed_headers")
        if headers is not None:
            ctx.sink.add("IT301", headers.span or node.span, f"`allowed_headers` of "
                         f"{node.address}: GCS accepts any request header in CORS preflight")


def _policy(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    """A public-read policy maps to allUsers as object viewer; other principals are AWS/OVH
    identities that have no Google counterpart."""
    policy = u.raw("policy")
    if _public_read(policy):
        _public_member(ctx, node, b)
        return
    ctx.sink.add("IT338", policy.span if policy else node.span, f"the policy of "
                 f"{node.address} is not translated: its principals are OVH identities",
                 "grant Google identities roles with google_storage_bucket_iam_member")


def _public_read(policy: E.Expr | None) -> bool:
    doc = G.read_policy(policy)
    return doc.readable and not doc.problems and all(
        g.effect == "allow" and G.is_public(g.principal) and set(g.actions) <= _READ
        for g in doc.grants)


def _public_member(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    m = TfBlock("resource", ("google_storage_bucket_iam_member", node.name))
    m.set("bucket", E.ref(f"{BUCKET}.{b.labels[1]}.name"))
    m.set("role", E.Literal("roles/storage.objectViewer"))
    m.set("member", E.Literal("allUsers"))
    P.emit_meta(ctx, m, unbound(node), {})
    ctx.emit(node.span, m)
    ctx.sink.add("IT301", node.span, f"{node.address} makes the objects public: allUsers can "
                 "read them (roles/storage.objectViewer)")


def _acl(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    acl = u.raw("acl")
    s = E.str_value(acl)
    u.drop("access_control_policy", "GCS buckets use uniform IAM, not object ACL grants")
    if s == "private" or acl is None:
        return
    if s == "public-read":
        _public_member(ctx, node, b)
        return
    ctx.sink.add("IT302", acl.span or node.span, f"ACL `{to_hcl(acl)}` of {node.address} is not "
                 "translated: grant roles with google_storage_bucket_iam_member")


def _public_access(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    flags = [u.raw(k) for k in ("block_public_acls", "block_public_policy", "ignore_public_acls",
                                "restrict_public_buckets")]
    if all(isinstance(f, E.Literal) and f.value is True for f in flags if f is not None) and \
            any(f is not None for f in flags):
        b.set("public_access_prevention", E.Literal("enforced"))
    else:
        ctx.sink.add("IT301", node.span, f"{node.address}: GCS has one switch, "
                     "public_access_prevention; it is left `inherited`")


def _other(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    for k, _ in node.args:
        u.raw(k)
    ctx.sink.add("IT301", node.span, f"{node.address} is not translated: Cloud Storage "
                 "encrypts every object and owns objects by the bucket's IAM")


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    ctx.sink.add("IT305", node.span, f"{node.address} uses the AWS provider on OVH Object "
                 "Storage and has no GKE translation; it is not kept (it would be signed with "
                 "the new cloud's keys)", "google_storage_bucket_object replaces aws_s3_object")
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} ({node.type} on OVH Object Storage) was not "
                     "translated.")
    ctx.emit(node.span, placeholder)
