"""AKS lowering of OVH bucket lifecycle rules: a management policy of the bucket's account."""

from __future__ import annotations

import re
from collections.abc import Iterable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import lifecycle as L

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import iam

POLICY = "azurerm_storage_management_policy"
CONTAINER = "azurerm_storage_container"
# (base_blob attribute, version attribute) of each Azure tier, days since creation.
_TIERS = {"cool": ("tier_to_cool_after_days_since_creation_greater_than",
                   "change_tier_to_cool_after_days_since_creation"),
          "cold": ("tier_to_cold_after_days_since_creation_greater_than",
                   "tier_to_cold_after_days_since_creation_greater_than"),
          "archive": ("tier_to_archive_after_days_since_creation_greater_than",
                      "change_tier_to_archive_after_days_since_creation")}


def lower_bucket_lifecycle(ctx: Ctx, node: N.Resource) -> None:
    spec = L.read_lifecycle(ctx, node)
    u = Use(ctx, node, POLICY)
    for k in ("region_name", "container_name", "rules"):
        u.raw(k)
    bucket = _bucket(ctx, node, spec.bucket)
    if bucket is None or spec.rules is None:
        why = "its bucket is not declared (once, without count or for_each) in this " \
            "module" if bucket is None else "its rules come from an expression"
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {why}",
                     f"write the rules as an {POLICY} of the bucket's storage account")
        return u.done()
    written = write_policy(ctx, node, bucket.name, spec.rules)
    for item in spec.computed_rules:
        ctx.sink.add("IT302", item.span or node.span, f"a rule of {node.address} is an "
                     f"expression; write it as a rule of {POLICY}.{node.name} by hand")
    if not written:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: none of its "
                     "rules can be written on Azure (see the rules' diagnostics)")
    else:
        ctx.sink.add("IT301", node.span, f"{node.address} becomes {POLICY}.{node.name} on "
                     f"the storage account of {bucket.address}: Azure runs lifecycle rules "
                     "once a day and counts days as 'more than N days since creation'")
    u.done()


def write_policy(ctx: Ctx, node: N.Resource, bucket: str,
                 rules: Iterable[L.LifecycleRule]) -> bool:
    """The management policy (the node's main block) of the storage account and container
    labelled `bucket`, with a rule per lifecycle rule Azure can express; False: none."""
    b = TfBlock("resource", (POLICY, node.name))
    b.set("storage_account_id", E.ref(f"azurerm_storage_account.{bucket}.id"))
    container = E.ref(f"{CONTAINER}.{bucket}.name")
    written = sum(_rule(ctx, node, b, rule, i, container) for i, rule in enumerate(rules))
    if written:
        P.place(ctx, node, b)
    return bool(written)


def _bucket(ctx: Ctx, node: N.Resource, raw: E.Expr | None) -> N.Resource | None:
    target = ctx.resolve(raw, node.module)
    if target is None and E.str_value(raw) is not None:
        target = next((n for n in ctx.by_module.resources(node.module, "Bucket") if
                       n.mode == "managed" and ctx.literal(n.get("name"), n) ==
                       E.str_value(raw)), None)
    block = ctx.primary.get(ctx.key_of(target)) if target is not None else None
    ok = block is not None and block.labels[:1] == (CONTAINER,) and block.type == "resource"
    # (a repeated bucket has an account per instance: one policy cannot name them)
    return target if ok and target is not None and target.meta.count is None and \
        target.meta.for_each is None else None


def _rule(ctx: Ctx, node: N.Resource, policy: TfBlock, rule: L.LifecycleRule, i: int,
          container: E.Expr) -> bool:
    """One Azure rule for `rule`; False (said why) when nothing of it can be written."""
    at = rule.source.span or node.span
    label = ctx.literal(rule.id, node) if rule.id is not None else None
    f = rule.filter
    narrows = [k for k in f.narrows if k != "tags"] + (["tags"] if f.tags is not None else [])
    if narrows or f.conjunction is not None:
        ctx.sink.add("IT302", at, f"rule `{label or i + 1}` of {node.address} is not "
                     f"translated: Azure lifecycle filters have no {', '.join(narrows) or 'and'}"
                     " condition (blob index tags are not S3 object tags), and a rule without "
                     "it would act on more objects", "tag the blobs with index tags and "
                     "filter on match_blob_index_tag, or split the objects by prefix")
        return False
    actions = TfBlock("actions")
    base, version = actions.block("base_blob"), actions.block("version")
    _expiration(ctx, node, rule, base, label or str(i + 1))
    for t in rule.transitions:
        _transition(ctx, node, base, t, 0)
    if rule.noncurrent_expiration is not None:
        nve = rule.noncurrent_expiration
        _set(ctx, node, version, "delete_after_days_since_creation", nve.days)
        if nve.newer_versions is not None:
            ctx.sink.add("IT302", nve.newer_versions.span or at, f"newer_noncurrent_versions "
                         f"of rule `{label or i + 1}` of {node.address} is not translated: "
                         "Azure deletes versions by age only (every version older than the "
                         "days goes, not the oldest beyond a count)")
    for t in rule.noncurrent_transitions:
        _transition(ctx, node, version, t, 1)
        if t.newer_versions is not None:
            ctx.sink.add("IT302", t.newer_versions.span or at, "newer_noncurrent_versions "
                         f"of a transition of {node.address} is not translated: Azure moves "
                         "versions by age only")
    if rule.abort_multipart_days is not None:
        ctx.sink.add("IT310", rule.abort_multipart_days.span or at, "abort_incomplete_multipart_"
                     f"upload of {node.address}: Azure discards uncommitted blocks itself "
                     "after 7 days; nothing to write")
    actions.items = [x for x in actions.items if isinstance(x, TfBlock) and x.items]
    if not actions.items:
        if rule.abort_multipart_days is None:
            ctx.sink.add("IT302", at, f"rule `{label or i + 1}` of {node.address} is not "
                         "translated: none of its actions exists on Azure")
        return False
    r = policy.block("rule")
    r.set("name", E.Literal(re.sub(r"[^A-Za-z0-9]", "", label or "") or f"rule{i + 1}"))
    r.set("enabled", E.Literal(bool(rule.enabled)) if rule.enabled is not None else E.Binary(
        "==", E.Call("lower", (ctx.rewrite(rule.status or E.Literal("enabled"),
                                           node.module),)), E.Literal("enabled")))
    filters = r.block("filters")
    filters.set("blob_types", E.Tuple((E.Literal("blockBlob"),)))
    prefix = f.prefix
    if prefix is not None and E.str_value(prefix) != "":
        # Azure prefixes start with the container's name (the account holds only this one).
        text = E.str_value(prefix)
        filters.set("prefix_match", E.Tuple((E.Template((E.Interp(container), "/") + (
            (text,) if text is not None else (E.Interp(ctx.rewrite(prefix, node.module)),))),)))
    r.items.append(actions)
    return True


def _expiration(ctx: Ctx, node: N.Resource, rule: L.LifecycleRule, base: TfBlock,
                label: str) -> None:
    exp = rule.expiration
    if exp is None:
        return
    if exp.date is not None or (exp.days is None and exp.delete_markers is not None):
        ctx.sink.add("IT302", exp.source.span or node.span, f"the expiration of rule "
                     f"`{label}` of {node.address} by date or delete marker is not "
                     "translated: Azure expires blobs by age only and has no delete markers")
    _set(ctx, node, base, "delete_after_days_since_creation_greater_than", exp.days)


def _transition(ctx: Ctx, node: N.Resource, b: TfBlock, t: L.Transition, which: int) -> None:
    written = (t.storage_class or "").upper()
    entry = iam.table()["transition_tiers"].get(written) if written != "NOTE" else None
    at = t.source.span or node.span
    if entry is None or entry["tier"] is None or t.days is None:
        why = "blobs start in the hot tier" if written == "STANDARD" else \
            "a transition by date has no Azure equivalent" if t.days is None else \
            "Azure has no such tier (hot, cool, cold and archive exist; smart tiering is " \
            "an account setting, not a rule)"
        ctx.sink.add("IT302", at, f"a transition of {node.address} to storage class "
                     f"`{t.storage_class or 'an expression'}` is not translated: {why}")
        return
    tier = str(entry["tier"])
    if not entry["exact"]:
        ctx.sink.add("IT301", at, f"a transition of {node.address} to `{written}` goes to "
                     f"Azure's {tier} tier instead"
                     + (" (archived blobs must be rehydrated, in hours, before reading)"
                        if tier == "archive" else ""))
    _set(ctx, node, b, _TIERS[tier][which], t.days)


def _set(ctx: Ctx, node: N.Resource, b: TfBlock, key: str, value: E.Expr | None) -> None:
    if value is not None:
        b.set(key, ctx.rewrite(value, node.module))
