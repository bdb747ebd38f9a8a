"""S3 lifecycle rules (OVH bucket lifecycle configuration) -> GCS bucket lifecycle_rule blocks."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..mapping import data_table
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import common as C

BUCKET = "google_storage_bucket"
# Rule parts GCS has no condition for (why, for the IT302 message).
_UNMAPPED = {
    "filter.object_size_greater_than": "GCS lifecycle conditions have no object size",
    "filter.object_size_less_than": "GCS lifecycle conditions have no object size",
    "filter.tags": "GCS lifecycle conditions match names, not object tags",
    "filter.and": "combine prefix conditions by hand",
    "expiration.expired_object_delete_marker": "GCS versioning has no delete markers",
}


def lower_bucket_lifecycle(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, BUCKET)
    u.raw("region_name")
    bucket = _bucket_block(ctx, node, u)
    rules = u.raw("rules")
    if bucket is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its bucket is not "
                     "declared in this module; write the rules as lifecycle_rule blocks on the "
                     "google_storage_bucket that replaces it")
        return u.done()
    if not isinstance(rules, E.Tuple):
        ctx.sink.add("IT338", (rules or node).span, f"{node.address} is not translated: its "
                     "rules come from an expression; write them as lifecycle_rule blocks on the "
                     "bucket by hand")
        return u.done()
    ctx.merged(node, bucket)
    for rule in rules.items:
        if isinstance(rule, E.Object):
            _rule(ctx, node, bucket, rule)
        else:
            ctx.sink.add("IT302", rule.span, f"a rule of {node.address} is an expression; write "
                         "it as a lifecycle_rule block by hand")
    ctx.sink.add("IT306", node.span, f"{node.address} becomes lifecycle_rule blocks of "
                 f"{BUCKET}.{'.'.join(bucket.labels[1:])}")
    u.done()


def _bucket_block(ctx: Ctx, node: N.Resource, u: Use) -> TfBlock | None:
    raw = u.raw("container_name")
    target = ctx.resolve(raw, node.module)
    if target is None and E.str_value(raw) is not None:
        # A literal name: the bucket of this module declared with the same name.
        target = next((n for n in ctx.by_module.resources(node.module, "Bucket") if
                       n.mode == "managed" and
                       E.str_value(n.get("name")) == E.str_value(raw)), None)
    block = ctx.primary.get(ctx.key_of(target)) if target is not None else None
    return block if block is not None and block.labels[:1] == (BUCKET,) else None


def _rule(ctx: Ctx, node: N.Resource, bucket: TfBlock, rule: E.Object) -> None:
    status = E.str_value(E.obj_get(rule, "status"))
    if status is not None and status.lower() == "disabled":
        ctx.sink.add("IT302", rule.span, f"a disabled rule of {node.address} is not translated: "
                     "GCS lifecycle rules cannot be disabled")
        return
    where: dict[str, Any] = {}
    filt = E.obj_get(rule, "filter")
    prefix = E.obj_get(filt, "prefix") if isinstance(filt, E.Object) else E.obj_get(rule,
                                                                                      "prefix")
    if prefix is not None and E.str_value(prefix) != "":
        where["matches_prefix"] = E.Tuple((ctx.rewrite(prefix, node.module),))
    for path, why in _UNMAPPED.items():
        head, _, key = path.partition(".")
        part = E.obj_get(rule, head)
        value = E.obj_get(part, key) if isinstance(part, E.Object) else None
        if value is None or (isinstance(value, E.Literal) and value.value in (False, None)):
            continue
        if head == "filter":
            # Without its filter the rule would act on every object (and delete more).
            ctx.sink.add("IT302", value.span or rule.span, f"a rule of {node.address} filtered "
                         f"by `{key}` is not translated: {why}, and without the filter it "
                         "would apply to every object")
            return
        ctx.sink.add("IT302", value.span or rule.span, f"`{path}` of a rule of "
                     f"{node.address} is not translated: {why}")
    exp = E.obj_get(rule, "expiration")
    if isinstance(exp, E.Object):
        cond = dict(where)
        days, date = E.obj_get(exp, "days"), E.obj_get(exp, "date")
        if days is not None:
            cond["age"] = ctx.rewrite(days, node.module)
        if date is not None:
            cond["created_before"] = E.Call("substr", (ctx.rewrite(date, node.module), C.num(0),
                                                       C.num(10)))
        if days is not None or date is not None:
            _emit(bucket, "Delete", None, cond)
    for t in _items(E.obj_get(rule, "transitions")):
        _transition(ctx, node, bucket, t, dict(where), "days", False)
    nve = E.obj_get(rule, "noncurrent_version_expiration")
    if isinstance(nve, E.Object):
        cond = dict(where, with_state=E.Literal("ARCHIVED"))
        days = E.obj_get(nve, "noncurrent_days")
        newer = E.obj_get(nve, "newer_noncurrent_versions")
        if days is not None:
            cond["days_since_noncurrent_time"] = ctx.rewrite(days, node.module)
        if newer is not None:
            cond["num_newer_versions"] = ctx.rewrite(newer, node.module)
        _emit(bucket, "Delete", None, cond)
    for t in _items(E.obj_get(rule, "noncurrent_version_transitions")):
        _transition(ctx, node, bucket, t, dict(where, with_state=E.Literal("ARCHIVED")),
                    "noncurrent_days", True)
    abort = E.obj_get(rule, "abort_incomplete_multipart_upload")
    if isinstance(abort, E.Object):
        days = E.obj_get(abort, "days_after_initiation")
        if days is not None:
            _emit(bucket, "AbortIncompleteMultipartUpload", None,
                  dict(where, age=ctx.rewrite(days, node.module)))


def _items(value: E.Expr | None) -> list[E.Object]:
    if isinstance(value, E.Tuple):
        return [i for i in value.items if isinstance(i, E.Object)]
    return [value] if isinstance(value, E.Object) else []


def _transition(ctx: Ctx, node: N.Resource, bucket: TfBlock, t: E.Object,
                cond: dict[str, Any], days_key: str, noncurrent: bool) -> None:
    cls = E.str_value(E.obj_get(t, "storage_class"))
    table = (data_table("gke/platform.json") or {})["storage_classes"]["classes"]
    target = table.get((cls or "").upper())
    if target is None:
        ctx.sink.add("IT302", t.span, f"a transition of {node.address} to storage class "
                     f"`{cls or 'an expression'}` is not translated: no GCS storage class "
                     "keeps its meaning")
        return
    days = E.obj_get(t, days_key)
    if days is not None:
        cond["days_since_noncurrent_time" if noncurrent else "age"] = ctx.rewrite(days,
                                                                                  node.module)
    date = E.obj_get(t, "date")
    if date is not None:
        cond["created_before"] = E.Call("substr", (ctx.rewrite(date, node.module), C.num(0),
                                                   C.num(10)))
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
