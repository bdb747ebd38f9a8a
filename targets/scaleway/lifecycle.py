"""Scaleway lowering of OVH bucket lifecycle rules: lifecycle_rule blocks of the bucket."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L

from ..hclwrite import TfBlock
from ..tfbase import s3_rules as SR
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import iam

BUCKET = "scaleway_object_bucket"


def lower_bucket_lifecycle(ctx: Ctx, node: N.Resource) -> None:
    spec = L.read_lifecycle(ctx, node)
    u = Use(ctx, node, BUCKET)
    for k in ("region_name", "container_name", "rules"):
        u.raw(k)
    bucket = bucket_block(ctx, node, spec.bucket)
    if bucket is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its bucket is not "
                     "declared in this module; write the rules as lifecycle_rule blocks on the "
                     f"{BUCKET} that replaces it")
        return u.done()
    if spec.rules is None:
        ctx.sink.add("IT338", (spec.rules_source or node).span, f"{node.address} is not "
                     "translated: its rules come from an expression; write them as "
                     "lifecycle_rule blocks on the bucket by hand")
        return u.done()
    ctx.merged(node, bucket)
    for i, rule in enumerate(spec.rules):
        lifecycle_rule(ctx, node, bucket.block("lifecycle_rule"), rule, i)
    for item in spec.computed_rules:
        ctx.sink.add("IT302", item.span or node.span, f"a rule of {node.address} is an "
                     "expression; write it as a lifecycle_rule block by hand")
    ctx.sink.add("IT306", node.span, f"{node.address} becomes lifecycle_rule blocks of "
                 f"{BUCKET}.{'.'.join(bucket.labels[1:])}")
    u.done()


def bucket_block(ctx: Ctx, node: N.Resource, raw: E.Expr | None) -> TfBlock | None:
    """The lowered bucket of this module the rules belong to: by reference, or by its
    literal name."""
    target = ctx.resolve(raw, node.module)
    if target is None and E.str_value(raw) is not None:
        target = next((n for n in ctx.by_module.resources(node.module, "Bucket") if
                       n.mode == "managed" and ctx.literal(n.get("name"), n) ==
                       E.str_value(raw)), None)
    elif target is None and raw is not None and _named(raw):
        # `${var.bucket_name}`: the bucket of this module whose name is that same value
        same = [n for n in ctx.by_module.resources(node.module, "Bucket")
                if n.mode == "managed" and n.get("name") == raw]
        target = same[0] if len(same) == 1 else None
    block = ctx.primary.get(ctx.key_of(target)) if target is not None else None
    return block if block is not None and block.labels[:1] == (BUCKET,) and \
        block.type == "resource" else None


def _named(e: E.Expr) -> bool:
    """A variable or local (`var.x`, `local.y`): the same value wherever it is written."""
    t = E.traversal(e)
    return bool(t) and t[0] in ("var", "local") and bool(t[1]) and \
        all(k == "attr" for k, _ in t[1])


def lifecycle_rule(ctx: Ctx, node: N.Resource, b: TfBlock, rule: L.LifecycleRule,
                   i: int) -> None:
    b.set("id", ctx.rewrite(rule.id, node.module) if rule.id is not None else
          E.Literal(f"rule-{i + 1}"))
    enabled: E.Expr = E.Literal(bool(rule.enabled))
    if rule.enabled is None:
        enabled = E.Binary("==", E.Call("lower", (ctx.rewrite(
            rule.status or E.Literal("enabled"), node.module),)), E.Literal("enabled"))
    b.set("enabled", enabled)
    f = rule.filter
    both = f.conjunction if isinstance(f.conjunction, E.Object) else None
    for key, value in (("prefix", f.prefix), ("tags", f.tags),
                       ("object_size_greater_than", f.size_greater_than),
                       ("object_size_less_than", f.size_less_than)):
        # S3's `and` combines the same predicates: Scaleway's rule ANDs them all.
        value = value if value is not None else E.obj_get(both, key)
        if key == "prefix" and E.str_value(value) == "":
            continue
        SR.put(ctx, node, b, key, value)
    SR.put(ctx, node, b, "abort_incomplete_multipart_upload_days", rule.abort_multipart_days)
    if rule.expiration is not None:
        _expiration(ctx, node, b, rule.expiration)
    SR.transitions(ctx, node, b, rule, _transition)


def _date(ctx: Ctx, node: N.Resource, date: E.Expr | None) -> E.Expr | None:
    """S3 lifecycle dates are midnight UTC (2025-01-01T00:00:00Z); the provider takes the
    full date only (2025-01-01) and refuses a timestamp."""
    text = E.str_value(date)
    if date is None or text is None or "T" not in text:
        return date
    day = text.split("T", 1)[0]
    ctx.sink.add("IT306", date.span or node.span, f"lifecycle date `{text}` of {node.address} "
                 f"written `{day}` (Scaleway takes the date, midnight UTC as S3)")
    return E.Literal(day, span=date.span)


def _expiration(ctx: Ctx, node: N.Resource, rule: TfBlock, exp: L.Expiration) -> None:
    """The provider takes exactly one of days, date and expired_object_delete_marker (as
    S3 does): a marker beside a date or days is left out and said so."""
    when = [(k, v) for k, v in (("date", _date(ctx, node, exp.date)), ("days", exp.days))
            if v is not None]
    marker = exp.delete_markers
    if marker is not None and isinstance(marker, E.Literal) and marker.value is False:
        marker = None  # false asks nothing
    if when and marker is not None:
        ctx.sink.add("IT302", marker.span or exp.source.span, f"expired_object_delete_marker "
                     f"of a rule of {node.address} is not translated: a Scaleway expiration "
                     "takes one of days, date and the marker", "remove delete markers in a "
                     "lifecycle rule of their own")
        marker = None
    if not when and marker is None:
        ctx.sink.add("IT302", exp.source.span or node.span, f"an expiration of {node.address} "
                     "sets no days, date or delete marker: it is not written")
        return
    e = rule.block("expiration")
    for k, v in when[:1]:
        SR.put(ctx, node, e, k, v)
    if len(when) > 1:
        ctx.sink.add("IT302", exp.source.span or node.span, f"an expiration of {node.address} "
                     "sets both date and days: the date is kept (Scaleway takes one)")
    SR.put(ctx, node, e, "expired_object_delete_marker", marker)


def _transition(ctx: Ctx, node: N.Resource, rule: TfBlock, name: str, days_key: str,
                t: L.Transition) -> None:
    written = (t.storage_class or "").upper()
    classes = iam.table()["transition_classes"]
    entry = classes.get(written) if written != "NOTE" else None
    if entry is None or entry["class"] is None:
        why = "objects start in STANDARD and lifecycle rules cannot move them back to it" \
            if written in ("STANDARD", "HIGH_PERF") else "Scaleway Object Storage has no " \
            "such storage class (STANDARD, ONEZONE_IA and GLACIER exist)"
        ctx.sink.add("IT302", t.source.span or node.span, f"a transition of {node.address} to "
                     f"storage class `{t.storage_class or 'an expression'}` is not translated: "
                     f"{why}")
        return
    cls = entry["class"]
    if not entry["exact"]:
        ctx.sink.add("IT301", t.source.span or node.span, f"a transition of {node.address} to "
                     f"`{written}` goes to Scaleway's {cls} instead"
                     + (" (one zone, not three)" if cls == "ONEZONE_IA" else
                        " (restores take hours, objects must be restored before reading)"))
    b = rule.block(name)
    SR.put(ctx, node, b, "date", _date(ctx, node, t.date))
    SR.put(ctx, node, b, days_key, t.days)
    if name == "noncurrent_version_transition":
        SR.put(ctx, node, b, "newer_noncurrent_versions", t.newer_versions)
    b.set("storage_class", E.Literal(cls))
