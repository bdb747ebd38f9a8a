"""Generic emission: blocks kept as written, with references rewritten, and nested blocks."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx
from .ignore import lifecycle_for_target
from .ovh_wording import mark_description
from .validation_lists import map_validations
from .values import map_leaves, retarget_description

Mapper = Callable[[str], str | None]


def emit_args(ctx: Ctx, block: TfBlock, args: tuple[tuple[str, E.Expr], ...], module: str) -> None:
    """Copy arguments and nested blocks into `block`, rewriting references."""
    for name, value in args:
        if isinstance(value, E.BlockSeq):
            emit_blocks(ctx, block, name, value, module)
        else:
            block.set(name, ctx.rewrite(value, module))


def emit_blocks(ctx: Ctx, parent: TfBlock, name: str, seq: E.BlockSeq, module: str,
                rename: str | None = None) -> None:
    for item in seq.items:
        if isinstance(item, E.DynamicBlock):
            dyn = parent.block("dynamic", rename or name)
            dyn.set("for_each", ctx.rewrite(item.for_each, module))
            # Keep the iterator name so `content` references stay valid after a rename.
            iterator = item.iterator or (name if rename and rename != name else None)
            if iterator:
                dyn.set("iterator", E.Var(iterator))
            if item.labels is not None:
                dyn.set("labels", ctx.rewrite(item.labels, module))
            emit_object(ctx, dyn.block("content"), item.content, module)
        else:
            emit_object(ctx, parent.block(rename or name, *item.labels), item, module)


def emit_object(ctx: Ctx, block: TfBlock, obj: E.Object, module: str) -> None:
    for k, v in obj.items:
        key = E.key_name(k) or ""
        if isinstance(v, E.BlockSeq):
            emit_blocks(ctx, block, key, v, module)
        else:
            block.set(key, ctx.rewrite(v, module))


def emit_meta(ctx: Ctx, block: TfBlock, node: N.Resource, provider_names: dict[str, str]) -> None:
    """count / for_each / provider / depends_on / lifecycle, in Terraform's usual order."""
    m = node.meta
    # (a companion already given its source's count/for_each, placed again, keeps one)
    ours = {k for k, v in (("count", m.count), ("for_each", m.for_each),
                           ("provider", m.provider)) if v is not None}
    items_before = [i for i in block.items if not (isinstance(i, TfAttr) and i.name in ours)]
    block.items.clear()
    if m.count is not None:
        block.set("count", ctx.rewrite(m.count, node.module))
    if m.for_each is not None:
        block.set("for_each", ctx.rewrite(m.for_each, node.module))
    if m.provider is not None:
        block.set("provider", rename_provider(m.provider, _translated_provider(block,
                                                                             provider_names)))
    block.items.extend(items_before)
    if m.depends_on is not None:
        deps = depends_on(ctx, m.depends_on, node.module)
        if deps is not None:
            waits = block.get("depends_on")  # (what the lowering waits for stays, after)
            block.set("depends_on", deps)
            if isinstance(waits, E.Tuple):
                block.depend(*waits.items)
    if isinstance(m.lifecycle, E.BlockSeq):
        life = lifecycle_for_target(ctx, node, m.lifecycle,
                                    block.labels[0] if block.labels else "")
        if life is not None:
            emit_blocks(ctx, block, "lifecycle", life, node.module)
    for name, value in m.extra:
        if isinstance(value, E.BlockSeq):
            emit_blocks(ctx, block, name, value, node.module)


def place(ctx: Ctx, node: N.Resource, block: TfBlock, timeouts: E.Expr | None = None) -> TfBlock:
    """Finish the main block of a lowered resource: timeouts, meta-arguments, output."""
    if isinstance(timeouts, E.BlockSeq):
        emit_blocks(ctx, block, "timeouts", timeouts, node.module)
    emit_meta(ctx, block, node, {})
    ctx.primary[ctx.key_of(node)] = block
    return ctx.emit(node.span, block)


def unbound(node: N.Resource) -> N.Resource:
    """An OpenStack resource without its `provider = openstack.x`: that provider is removed,
    the target resource uses the target's (an OVH resource keeps its meta as it is)."""
    if node.meta.provider is not None and not node.type.startswith("ovh_"):
        return dataclasses.replace(node, meta=dataclasses.replace(node.meta, provider=None))
    return node


def depends_on(ctx: Ctx, value: E.Expr, module: str) -> E.Expr | None:
    """Rewrite a depends_on list; entries lowered to nothing are removed. A resource the
    translation does not lower (local_file, helm_release...: no refmap entry) is kept as it
    is written, as ctx.rewrite keeps any other reference to it (it was dropped: a chart
    installed before the values file it reads is written, corpus mhoehl05/ollama-k8s-demo)."""
    if not isinstance(value, E.Tuple):
        return ctx.rewrite(value, module)
    out: list[E.Expr] = []
    for item in value.items:
        res = ctx.resolve(item, module)
        key = ctx.key_of(res) if res is not None else None
        if key is not None and (key in ctx.refmap or key[2].startswith("ovh_")):
            target = ctx.refmap.get(key)
            if target is None or target.self_ref is None:
                continue
        done = ctx.rewrite(item, module)
        # (a resource that became several blocks is waited for as all of them)
        out.extend(done.items if isinstance(done, E.Tuple) else (done,))
    return E.Tuple(tuple(out), span=value.span) if out else None


def _translated_provider(block: TfBlock, names: dict[str, str]) -> dict[str, str]:
    """A translated resource (`google_x`) set `provider = ovh.eu`: provider ovh `eu` became
    the target's provider `eu`, so the reference follows it."""
    if block.type in ("resource", "data") and block.labels and "ovh" not in names:
        prefix = block.labels[0].split("_", 1)[0]
        if prefix != "ovh":
            return {**names, "ovh": prefix}
    return names


def rename_provider(expr: E.Expr, names: dict[str, str]) -> E.Expr:
    t = E.traversal(expr)
    if t and t[0] in names:
        return E.build_traversal(names[t[0]], t[1], expr.span)
    return expr


def emit_plain(ctx: Ctx, node: N.Node, type_: str, labels: tuple[str, ...]) -> TfBlock:
    block = TfBlock(type_, labels)
    emit_args(ctx, block, node.args, node.module)
    return ctx.emit(node.span, block)


def emit_variable(ctx: Ctx, node: N.Variable, mappers: dict[str, Mapper]) -> TfBlock:
    """A variable; defaults (and validations) of region/flavor variables are mapped."""
    roles = ctx.roles_of(node.module, "var", node.name)
    args = _keep_validations(ctx, node, node.args, [mappers[r] for r in sorted(roles)
                                                     if r in mappers])
    for role in sorted(roles):
        if role in mappers:
            args = tuple((k, map_leaves(v, mappers[role], ctx, role, strict=False)
                          if k == "default" else v) for k, v in args)
    ordered = [(r, mappers[r]) for r in sorted(roles) if r in mappers]
    if ordered:
        args = tuple((k, map_validations(ctx, node, v, ordered)) if k == "validation" and
                     isinstance(v, E.BlockSeq) else (k, v) for k, v in args)
        args = tuple((k, v) for k, v in args if v is not None)
    args = retarget_description(ctx, mark_description(ctx, node, args), roles, set(mappers))
    block = TfBlock("variable", node.labels)
    emit_args(ctx, block, args, node.module)
    return ctx.emit(node.span, block)


def _keep_validations(ctx: Ctx, node: N.Variable, args: tuple[tuple[str, E.Expr], ...],
                      mappers: list[Mapper]) -> tuple[tuple[str, E.Expr], ...]:
    """Validations of a variable whose values are mapped: the variable now holds target
    values, so a condition that reads OVH vocabulary (a regex, a prefix, an unknown code)
    would reject them, the mapped default included. A condition whose every string is an
    OVH value the mapping knows (`contains(["GRA11", "SBG5"], var.region)`) is mapped
    element-wise and kept; any other is dropped (IT378)."""
    if not mappers:
        return args
    out: list[tuple[str, E.Expr]] = []
    for k, v in args:
        if k == "validation" and isinstance(v, E.BlockSeq):
            kept = tuple(item for item in v.items if _mappable(ctx, node, item, mappers))
            if not kept:
                continue
            v = dataclasses.replace(v, items=kept)
        out.append((k, v))
    return tuple(out)


def _mappable(ctx: Ctx, node: N.Variable, item: E.Expr, mappers: list[Mapper]) -> bool:
    cond = E.obj_get(item, "condition") if isinstance(item, E.Object) else None
    if cond is None:
        return True
    for sub in E.walk(cond):
        value = E.str_value(sub) if isinstance(sub, (E.Literal, E.Template)) else None
        if isinstance(sub, E.Template) and value is None:  # "${x}-a": its text "-a"
            value = "".join(p for p in sub.parts if isinstance(p, str)) or None
        # (An empty string is no OVH value: `var.region != ""` holds on the target too.)
        if value and not any(m(value) is not None for m in mappers):
            cloud = ctx.words.get("cloud", ctx.target_name.upper())
            ctx.sink.add("IT378", cond.span or item.span or node.span,
                         f"validation of variable `{node.name}` dropped: its condition "
                         f"tests OVH values (`{value}`) and would reject the {cloud} values "
                         "the variable now holds, its mapped default included",
                         f"write a validation for {cloud} values if one is needed")
            return False
    return True


def emit_locals(ctx: Ctx, node: N.Locals, mappers: dict[str, Mapper]) -> TfBlock | None:
    args = []
    for k, v in node.args:
        if _reads_ovh(v) and not ctx.output_mentions(node.module, "local", k) and \
                not _read_by_other_locals(ctx, node.module, k):
            ctx.sink.add("IT310", v.span, f"local `{k}` only read OVH data and is no longer "
                         "used after translation; it is omitted")
            continue
        roles = ctx.roles_of(node.module, "local", k)
        if "region" in roles and "region" in mappers:
            v = _unshortened(ctx, k, v)
        for role in sorted(roles):
            if role in mappers:
                v = map_leaves(v, mappers[role], ctx, role, strict=False)
        if "region" in roles:
            v = _unique_keys(ctx, k, v)
        args.append((k, v))
    if not args:
        return None
    block = TfBlock("locals")
    emit_args(ctx, block, tuple(args), node.module)
    return ctx.emit(node.span, block)


# String functions OVH configurations use to derive a short region (`GRA11` -> `GRA`).
_SHORTENERS = frozenset({"upper", "lower", "replace", "substr", "trimsuffix", "trimprefix",
                         "trimspace", "trim", "regex", "split", "element"})


def _unshortened(ctx: Ctx, name: str, v: E.Expr, loop_var: str = "") -> E.Expr:
    """A region local computed by string functions over one region reference becomes that
    reference: OVH's short region (`upper(replace(var.region, "/[0-9]+$/", ""))`) is a
    family the mapping turns into the same GCP region, and the same functions applied to a
    GCP region (`EUROPE-WEST` of europe-west1) name no place at all."""
    if isinstance(v, E.ForExpr) and v.key is not None:
        # {for r in [...] : r => upper(replace(r, ...))}: each region maps to itself.
        value = _unshortened_chain(ctx, name, v.value, v.value_var)
        return v if value is v.value else dataclasses.replace(v, value=value)
    return _unshortened_chain(ctx, name, v)


def _unshortened_chain(ctx: Ctx, name: str, v: E.Expr, loop_var: str = "") -> E.Expr:
    inner, depth = v, 0
    while isinstance(inner, (E.Call, E.Index)) and depth < 8:
        if isinstance(inner, E.Index):  # element(split(...), 0) and split(...)[0]
            inner = inner.obj
        elif inner.name in _SHORTENERS and inner.args:
            inner = inner.args[0]
        else:
            return v
        depth += 1
    t = E.traversal(inner)
    if depth == 0 or not t or (t[0] not in ("var", "local") and
                               not (loop_var and t[0] == loop_var and not t[1])):
        return v
    cloud = ctx.words.get("cloud", ctx.target_name.upper())
    ctx.sink.add("IT301", v.span, f"local `{name}` derives a short OVH region with string "
                 f"functions; on {cloud} it is the mapped region itself (`{'.'.join(_names(t))}`)",
                 f"{cloud} regions have no short form: the same functions would name no place")
    return inner


def _unique_keys(ctx: Ctx, name: str, v: E.Expr) -> E.Expr:
    """`{for r in ["GRA11", "GRA9"] : r => ...}` once both are europe-west1 has the same key
    twice, which Terraform rejects ("Duplicate object key"): each mapped region once."""
    if not (isinstance(v, E.ForExpr) and v.key is not None and not v.grouping and
            isinstance(v.key, E.Var) and v.key.name == v.value_var and
            isinstance(v.collection, E.Tuple)):
        return v
    seen: list[E.Expr] = []
    for item in v.collection.items:
        if item not in seen:
            seen.append(item)
    if len(seen) == len(v.collection.items):
        return v
    cloud = ctx.words.get("cloud", ctx.target_name.upper())
    ctx.sink.add("IT301", v.collection.span or v.span, f"local `{name}`: several OVH regions "
                 f"map to the same {cloud} region; each key is kept once (Terraform rejects "
                 "duplicate object keys)")
    return dataclasses.replace(v, collection=dataclasses.replace(v.collection,
                                                                  items=tuple(seen)))


def _names(t: tuple[str, list[tuple[str, object]]]) -> list[str]:
    return [t[0], *(str(a) for k, a in t[1] if k == "attr")]


def _reads_ovh(v: E.Expr) -> bool:
    for sub in E.walk(v):
        t = E.traversal(sub)
        if t and (t[0].startswith("ovh_") or (t[0] == "data" and t[1] and
                                              str(t[1][0][1]).startswith("ovh_"))):
            return True
    return False


def _read_by_other_locals(ctx: Ctx, module: str, name: str) -> bool:
    return (module, name) in ctx.by_module.read_locals
