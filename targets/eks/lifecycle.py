"""EKS lowering of OVH bucket lifecycle rules: the same S3 rules, in their own resource."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L
from iac_translate.compiler.passes import storage as S

from ..hclwrite import TfBlock
from ..tfbase import s3_rules as SR
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from .s3parts import part, table

LIFECYCLE = "aws_s3_bucket_lifecycle_configuration"


def lower_bucket_lifecycle(ctx: Ctx, node: N.Resource) -> None:
    spec = L.read_lifecycle(ctx, node)
    u = ST.use(ctx, node, ("container_name", "region_name", "rules"), LIFECYCLE)
    if spec.rules is None:
        ctx.sink.add("IT338", (spec.rules_source or node).span, f"{node.address} is not "
                     "translated: its rules come from an expression; write the rule blocks of "
                     f"an {LIFECYCLE} by hand")
        return u.done()
    if not spec.rules:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: none of its "
                     "rules is literal")
        return u.done()
    bucket = _bucket_node(ctx, node, spec.bucket)
    b = part(ctx, node, LIFECYCLE, E.ref(f"aws_s3_bucket.{bucket.name}.id")
             if bucket is not None else ctx.rewrite(spec.bucket, node.module)
             if spec.bucket is not None else E.Literal("TODO(IT206): bucket"), bucket=bucket)
    for i, rule in enumerate(spec.rules):
        _rule(ctx, node, b.block("rule"), rule, i)
    for item in spec.computed_rules:
        ctx.sink.add("IT302", item.span or node.span, f"a rule of {node.address} is an "
                     "expression; write it as a rule block by hand")
    ctx.primary[ctx.key_of(node)] = b
    versioning = S.read_bucket(ctx, bucket).versioning if bucket is not None else None
    if bucket is not None and versioning is not None and \
            versioning.value is not S.Versioning.DISABLED:
        # The provider's advice: rules on a versioned bucket wait for its versioning.
        b.set("depends_on", E.Tuple((E.ref(f"aws_s3_bucket_versioning.{bucket.name}"),)))
    u.done()


def _bucket_node(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> N.Resource | None:
    """The managed bucket of this module the rules belong to: by reference, or by its literal
    name (then Terraform still creates the bucket first)."""
    found = ctx.resolve(expr, node.module)
    if found is None and E.str_value(expr) is not None:
        name = E.str_value(expr)
        found = next((n for n in ctx.by_module.resources(node.module, "Bucket")
                      if ctx.literal(n.get("name"), n) == name), None)
    return found if found is not None and found.KIND == "Bucket" and \
        found.mode == "managed" else None


def _rule(ctx: Ctx, node: N.Resource, b: TfBlock, rule: L.LifecycleRule, i: int) -> None:
    b.set("id", ctx.rewrite(rule.id, node.module) if rule.id is not None else
          E.Literal(f"rule-{i + 1}"))
    status: E.Expr = E.Literal("Enabled" if rule.enabled else "Disabled")
    if rule.enabled is None:
        src = rule.status or E.Literal("enabled")
        status = E.Call("title", (E.Call("lower", (ctx.rewrite(src, node.module),)),))
    b.set("status", status)
    _filter(ctx, node, b.block("filter"), rule.filter)
    if rule.expiration is not None:
        exp = rule.expiration
        e = b.block("expiration")
        SR.put(ctx, node, e, "date", exp.date)
        SR.put(ctx, node, e, "days", exp.days)
        SR.put(ctx, node, e, "expired_object_delete_marker", exp.delete_markers)
    SR.transitions(ctx, node, b, rule, _transition)
    if rule.abort_multipart_days is not None:
        SR.put(ctx, node, b.block("abort_incomplete_multipart_upload"), "days_after_initiation",
             rule.abort_multipart_days)


def _filter(ctx: Ctx, node: N.Resource, b: TfBlock, f: L.Filter) -> None:
    """S3 wants one predicate directly in `filter`, several inside `and`, a single tag as a
    `tag` block; an empty filter is every object."""
    prefix = f.prefix if f.prefix is not None and E.str_value(f.prefix) != "" else None
    sizes = [(k, v) for k, v in (("object_size_greater_than", f.size_greater_than),
                                 ("object_size_less_than", f.size_less_than)) if v is not None]
    tags = f.tags
    one_tag = isinstance(tags, E.Object) and len(tags.items) == 1
    count = (prefix is not None) + len(sizes) + (0 if tags is None else 1 if one_tag else 2)
    if count == 0:
        return
    if tags is not None and count == 1 and isinstance(tags, E.Object):
        key, val = tags.items[0]
        t = b.block("tag")
        t.set("key", E.Literal(E.key_name(key) or "") if E.key_name(key) is not None else
              ctx.rewrite(key, node.module))
        t.set("value", ctx.rewrite(val, node.module))
        return
    into = b.block("and") if count > 1 else b
    SR.put(ctx, node, into, "prefix", prefix)
    for k, v in sizes:
        SR.put(ctx, node, into, k, v)
    SR.put(ctx, node, into, "tags", tags)


def _transition(ctx: Ctx, node: N.Resource, rule: TfBlock, name: str, days_key: str,
                t: L.Transition) -> None:
    cls = (t.storage_class or "").upper()
    if cls not in table()["transition_classes"]["classes"]:
        why = "objects start in STANDARD and S3 cannot move them back to it" if cls in (
            "STANDARD", "HIGH_PERF") else "S3 has no such storage class"
        ctx.sink.add("IT302", t.source.span or node.span, f"a transition of {node.address} to "
                     f"storage class `{t.storage_class or 'an expression'}` is not translated: "
                     f"{why}")
        return
    b = rule.block(name)
    SR.put(ctx, node, b, "date", t.date)
    SR.put(ctx, node, b, days_key, t.days)
    if name == "noncurrent_version_transition":
        SR.put(ctx, node, b, "newer_noncurrent_versions", t.newer_versions)
    b.set("storage_class", E.Literal(cls))
