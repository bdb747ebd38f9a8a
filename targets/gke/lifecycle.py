"""S3 lifecycle rules (OVH bucket lifecycle configuration) -> GCS bucket lifecycle_rule blocks."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L

from ..hclwrite import TfBlock
from ..mapping import data_table
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import common as C

BUCKET = "google_storage_bucket"
# Filter predicates GCS has no condition for (why, for the IT302 message).
_UNMAPPED = {
    "object_size_greater_than": "GCS lifecycle conditions have no object size",
    "object_size_less_than": "GCS lifecycle conditions have no object size",
    "tags": "GCS lifecycle conditions match names, not object tags",
    "and": "combine prefix conditions by hand",
}


def lower_bucket_lifecycle(ctx: Ctx, node: N.Resource) -> None:
    spec = L.read_lifecycle(ctx, node)
    u = Use(ctx, node, BUCKET)
    for k in ("region_name", "container_name", "rules"):
        u.raw(k)
    bucket = _bucket_block(ctx, node, spec.bucket)
    if bucket is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its bucket is not "
                     "declared in this module; write the rules as lifecycle_rule blocks on the "
                     "google_storage_bucket that replaces it")
        return u.done()
    if spec.rules is None:
        ctx.sink.add("IT338", (spec.rules_source or node).span, f"{node.address} is not "
                     "translated: its rules come from an expression; write them as "
                     "lifecycle_rule blocks on the bucket by hand")
        return u.done()
    ctx.merged(node, bucket)
    for rule in spec.rules:
        _rule(ctx, node, bucket, rule)
    for item in spec.computed_rules:
        ctx.sink.add("IT302", item.span, f"a rule of {node.address} is an expression; write "
                     "it as a lifecycle_rule block by hand")
    ctx.sink.add("IT306", node.span, f"{node.address} becomes lifecycle_rule blocks of "
                 f"{BUCKET}.{'.'.join(bucket.labels[1:])}")
    u.done()


def _bucket_block(ctx: Ctx, node: N.Resource, raw: E.Expr | None) -> TfBlock | None:
    target = ctx.resolve(raw, node.module)
    if target is None and E.str_value(raw) is not None:
        # A literal name: the bucket of this module declared with the same name.
        target = next((n for n in ctx.by_module.resources(node.module, "Bucket") if
                       n.mode == "managed" and
                       E.str_value(n.get("name")) == E.str_value(raw)), None)
    block = ctx.primary.get(ctx.key_of(target)) if target is not None else None
    return block if block is not None and block.labels[:1] == (BUCKET,) else None


def _absent(value: E.Expr | None) -> bool:
    return value is None or (isinstance(value, E.Literal) and value.value in (False, None))


def _rule(ctx: Ctx, node: N.Resource, bucket: TfBlock, rule: L.LifecycleRule) -> None:
    if rule.enabled is False:
        ctx.sink.add("IT302", rule.source.span, f"a disabled rule of {node.address} is not "
                     "translated: GCS lifecycle rules cannot be disabled")
        return
    where: dict[str, Any] = {}
    f = rule.filter
    if f.prefix is not None and E.str_value(f.prefix) != "":
        where["matches_prefix"] = E.Tuple((ctx.rewrite(f.prefix, node.module),))
    for key, value in (("object_size_greater_than", f.size_greater_than),
                       ("object_size_less_than", f.size_less_than), ("tags", f.tags),
                       ("and", f.conjunction)):
        if not _absent(value):
            # Without its filter the rule would act on every object (and delete more).
            assert value is not None
            ctx.sink.add("IT302", value.span or rule.source.span, f"a rule of {node.address} "
                         f"filtered by `{key}` is not translated: {_UNMAPPED[key]}, and "
                         "without the filter it would apply to every object")
            return
    exp = rule.expiration
    if exp is not None and not _absent(exp.delete_markers):
        assert exp.delete_markers is not None
        ctx.sink.add("IT302", exp.delete_markers.span or rule.source.span, "`expiration."
                     f"expired_object_delete_marker` of a rule of {node.address} is not "
                     "translated: GCS versioning has no delete markers")
    if exp is not None:
        cond = dict(where)
        if exp.days is not None:
            cond["age"] = ctx.rewrite(exp.days, node.module)
        if exp.date is not None:
            cond["created_before"] = _day(ctx, node, exp.date)
        if exp.days is not None or exp.date is not None:
            _emit(bucket, "Delete", None, cond)
    for t in rule.transitions:
        _transition(ctx, node, bucket, t, dict(where), False)
    nve = rule.noncurrent_expiration
    if nve is not None:
        cond = dict(where, with_state=E.Literal("ARCHIVED"))
        if nve.days is not None:
            cond["days_since_noncurrent_time"] = ctx.rewrite(nve.days, node.module)
        if nve.newer_versions is not None:
            cond["num_newer_versions"] = ctx.rewrite(nve.newer_versions, node.module)
        _emit(bucket, "Delete", None, cond)
    for t in rule.noncurrent_transitions:
        _transition(ctx, node, bucket, t, dict(where, with_state=E.Literal("ARCHIVED")), True)
    if rule.abort_multipart_days is not None:
        _emit(bucket, "AbortIncompleteMultipartUpload", None,
              dict(where, age=ctx.rewrite(rule.abort_multipart_days, node.module)))


def _day(ctx: Ctx, node: N.Resource, date: E.Expr) -> E.Expr:
    return E.Call("substr", (ctx.rewrite(date, node.module), C.num(0), C.num(10)))


def _transition(ctx: Ctx, node: N.Resource, bucket: TfBlock, t: L.Transition,
                cond: dict[str, Any], noncurrent: bool) -> None:
    table = (data_table("gke/platform.json") or {})["storage_classes"]["classes"]
    target = table.get((t.storage_class or "").upper())
    if target is None:
        ctx.sink.add("IT302", t.source.span, f"a transition of {node.address} to storage class "
                     f"`{t.storage_class or 'an expression'}` is not translated: no GCS "
                     "storage class keeps its meaning")
        return
    if t.days is not None:
        cond["days_since_noncurrent_time" if noncurrent else "age"] = ctx.rewrite(t.days,
                                                                                  node.module)
    if t.date is not None:
        cond["created_before"] = _day(ctx, node, t.date)
    _emit(bucket, "SetStorageClass", target, cond)


def _emit(bucket: TfBlock, action: str, storage_class: str | None,
          cond: dict[str, Any]) -> None:
    rule = bucket.block("lifecycle_rule")
    a = rule.block("action")
    a.set("type", E.Literal(action))
    if storage_class is not None:
        a.set("storage_class", E.Literal(storage_class))
    c = rule.block("condition")
    for k in ("age", "created_before", "with_state", "days_since_noncurrent_time",
              "num_newer_versions", "matches_prefix"):
        if k in cond:
            c.set(k, cond[k])
