"""Validations of mapped variables: allow-lists mapped once per value, refused values removed."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx
from .values import map_leaves, role_code

Mapper = Callable[[str], str | None]


def map_validations(ctx: Ctx, node: N.Variable, seq: E.BlockSeq,
                    mappers: list[tuple[str, Mapper]]) -> E.BlockSeq | None:
    """The `validation` blocks of a variable whose values are mapped (each kept one tests
    only values the mapping knows, see passthrough._keep_validations). A list of OVH values
    (`contains(["gra", "sbg", "bhs"], var.region)`) becomes each target value once (gra and
    sbg are both fr-par), without the values the target has no counterpart for (a TODO in
    an allow-list would be a value nobody can pass, and the list reads as if it was one);
    an error message naming the OVH values names the target's instead. None when no
    validation is left."""
    kept: list[E.Expr] = []
    for item in seq.items:
        out = _map_item(ctx, node, item, mappers) if isinstance(item, E.Object) else item
        if out is not None:
            kept.append(out)
    return dataclasses.replace(seq, items=tuple(kept)) if kept else None


def _map_item(ctx: Ctx, node: N.Variable, item: E.Object,
              mappers: list[tuple[str, Mapper]]) -> E.Object | None:
    cond = E.obj_get(item, "condition")
    if cond is None:
        return _leaves(ctx, item, mappers)
    cloud = ctx.words.get("cloud", ctx.target_name.upper())
    ovh: list[str] = []  # the OVH values the condition tests
    allowed: list[str] = []  # the target values its allow-lists hold, once each
    emptied = False

    def walk(expr: E.Expr) -> E.Expr:
        nonlocal emptied
        values = [E.str_value(x) if isinstance(x, E.Literal) else None for x in
                  expr.items] if isinstance(expr, E.Tuple) else []
        if not values or None in values:
            if isinstance(expr, E.Literal) and isinstance(expr.value, str):
                ovh.append(expr.value)
                return _leaves(ctx, expr, mappers)
            return E.transform_children(expr, walk)
        items: list[E.Expr] = []
        for leaf, value in zip(expr.items, values, strict=True):
            assert value is not None
            ovh.append(value)
            role, target = _final(value, mappers)
            if target is not None and target.startswith("TODO("):
                _report_removed(ctx, node, leaf, value, role, cloud)
                continue
            mapped = _leaves(ctx, leaf, mappers)
            if mapped not in items:  # (spans take no part in equality)
                items.append(mapped)
                allowed.append(str(E.str_value(mapped)))
        emptied = emptied or not items
        return dataclasses.replace(expr, items=tuple(items))

    new_cond = walk(cond)
    if emptied:
        ctx.sink.add("IT378", cond.span or item.span or node.span,
                     f"validation of variable `{node.name}` dropped: none of the OVH values "
                     f"its list allows has a {cloud} counterpart, so it would reject every "
                     "value", f"write a validation for {cloud} values if one is needed")
        return None
    role = next((r for r, _ in mappers), "region")
    out: list[tuple[E.Expr, E.Expr]] = []
    for k, v in item.items:
        key = E.key_name(k)
        if key == "condition":
            v = new_cond
        elif key == "error_message":
            v = _message(v, ovh, allowed, node.name, f"{cloud} {role_code(role)[1]}s")
        else:
            v = _leaves(ctx, v, mappers)
        out.append((k, v))
    return dataclasses.replace(item, items=tuple(out))


def _leaves(ctx: Ctx, expr: E.Expr, mappers: list[tuple[str, Mapper]]) -> E.Expr:
    for role, mapper in mappers:
        expr = map_leaves(expr, mapper, ctx, role, strict=False)
    return expr


def _final(value: str, mappers: list[tuple[str, Mapper]]) -> tuple[str, str | None]:
    """The role that maps `value` and its target value, as _leaves would map it."""
    role, out = mappers[0][0], None
    for r, mapper in mappers:
        got = mapper(out if out is not None else value)
        if got is not None:
            role, out = r, got
    return role, out


def _report_removed(ctx: Ctx, node: N.Variable, leaf: E.Expr, value: str, role: str,
                    cloud: str) -> None:
    what = role_code(role)[1]
    note = ctx.mapping_notes.get((role, value))
    why = f" ({note[1]})" if note else ""
    ctx.sink.add("IT301", leaf.span or node.span,
                 f"OVH {what} `{value}` has no {cloud} counterpart{why}: it is removed from "
                 f"the values the validation of variable `{node.name}` allows",
                 f"the variable now holds {cloud} {what}s; a --mapping giving `{value}` a "
                 "counterpart keeps it in the list")


def _message(v: E.Expr, ovh: list[str], allowed: list[str], name: str, kind: str) -> E.Expr:
    """An error message that names the OVH values (`Valid values for region are (gra, sbg)`)
    names the target values instead: left as written it lists values the variable may no
    longer hold. A message naming none (`Unsupported region.`) is kept as written."""
    text = E.str_value(v)
    ovh = [o for o in ovh if o]  # (`var.region != ""` names no value)
    if text is None or not ovh or not any(
            re.search(rf"(?<![\w-]){re.escape(o)}(?![\w-])", text, re.IGNORECASE) for o in ovh):
        return v
    if allowed:
        said = f"Valid values for {name} are {', '.join(allowed)} ({kind})."
    else:  # (no list: `var.region == "GRA11" || ...` compares the mapped values)
        said = f"The value of {name} is not one of the {kind} this validation allows."
    return E.Literal(said, span=v.span)
