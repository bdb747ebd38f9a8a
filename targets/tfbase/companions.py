"""Companion blocks from data: the fixed shapes a target adds beside a source resource."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Mapping
from functools import lru_cache
from typing import Any, TypeAlias

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..mapping import data_table
from . import passthrough as P
from .context import Ctx

# A table describes named sets (schemas/companions.schema.json). A set has `blocks`, or
# `like` (another set's blocks), and `vars` (its own parameters: strings filled like
# patterns, or lists). A block spec: type, label (a pattern), block ("resource", "data",
# "variable": a label and no type, or "locals": no labels), comment, once (a scaffold key:
# one block per module), repeat (the source's count/for_each), when (a parameter that must
# be true), items (the block once per item: a list, or the name of a list parameter; an item
# is a string, `{item}`, or an object of parameters, `when` included), args and blocks
# (nested: [name, args], or an object with labels, comment, when and blocks of its own) as
# [name, value] pairs in output order (a third item: the comment; a nested block whose
# values are all left out is not written), item_args
# (extra args of one item), set (another set's blocks, for the same source). `apply` sets
# a set's args and blocks on a main block instead.
# A value is a string (the text of an HCL quoted string: `${...}` interpolates), a number,
# a bool, a list, {"expr": HCL text}, {"param": name} (the caller's value; None leaves the
# argument out), {"call": [function, value...]} (none if an argument is left out),
# {"object": [[key, value], ...]} (none if every value is left out) or {"if": [parameter,
# value]} (the value when the parameter is true). Left-out items of a list are dropped.
# Patterns take `{name}` or `{name:filter}` from the string parameters and: label (the
# source's label), address, key (`[count.index]`, `[each.key]` or nothing: a sibling block's
# same instance). Filters: lower, title, ident, and the target's own (its naming rules).
Param: TypeAlias = E.Expr | str | bool | list[Any] | None
Params: TypeAlias = Mapping[str, Param]
Filters: TypeAlias = Mapping[str, Callable[[str], str]]
_PLACEHOLDER = re.compile(r"(?<!\$)\{([a-z_]+)(?::([a-z0-9]+))?\}")
_FILTERS = {"lower": str.lower, "title": str.title,
            "ident": lambda s: re.sub(r"[^A-Za-z0-9_]", "_", s)}
_FIXED = ("label", "address", "key")
_KINDS = ("expr", "param", "call", "object", "if")


def table(rel: str) -> Mapping[str, Any]:
    """A shipped companion table (e.g. "eks/companions.json", registered in mapping)."""
    data = data_table(rel)
    if data is None:
        raise KeyError(f"{rel} is not a registered table (targets/mapping.py _FILES)")
    return data


def meta_only(node: N.Resource) -> N.Resource:
    """The node with its count/for_each only: what a companion block repeats."""
    meta = N.Meta(count=node.meta.count, for_each=node.meta.for_each)
    return dataclasses.replace(node, args=(), meta=meta)


def beside(ctx: Ctx, node: N.Resource, b: TfBlock) -> TfBlock:
    """Emit `b` where `node` stands, once per instance of it (its count/for_each only)."""
    P.emit_meta(ctx, b, meta_only(node), {})
    return ctx.emit(node.span, b)


def instance_key(node: N.Resource) -> str:
    """`[count.index]` / `[each.key]` of a repeated resource, to address the same instance."""
    if node.meta.count is not None:
        return "[count.index]"
    if node.meta.for_each is not None:
        return "[each.key]"
    return ""


def same(node: N.Resource, type_: str, attr: str, label: str = "") -> E.Expr:
    """`type.label[key].attr`: the block (label: the node's own) of the same instance."""
    return _parse(f"{type_}.{label or node.name}{instance_key(node)}.{attr}")


@dataclasses.dataclass(frozen=True)
class Env:
    """What a set is filled with: the source resource, the parameters, the target's filters."""

    node: N.Resource | None  # None: no label, address or key placeholders
    params: Params
    filters: Filters = dataclasses.field(default_factory=dict)

    def fill(self, text: str) -> str:
        """`text` with its placeholders replaced."""
        return _PLACEHOLDER.sub(self._one, text) if "{" in text else text

    def _one(self, m: re.Match[str]) -> str:
        name, flt = m.group(1), m.group(2)
        node = self.node
        got = self.params[name] if node is None or name not in _FIXED else \
            node.name if name == "label" else node.address if name == "address" else \
            instance_key(node)
        if not isinstance(got, str):
            raise KeyError(f"placeholder {{{name}}} needs a string parameter")
        if flt is None:
            return got
        return (self.filters.get(flt) or _FILTERS[flt])(got)

    def with_params(self, more: Mapping[str, Param]) -> Env:
        return Env(self.node, {**self.params, **more}, self.filters) if more else self


@lru_cache(maxsize=4096)
def _literal(text: str) -> E.Literal:
    return E.Literal(text)


@lru_cache(maxsize=4096)
def _parse(text: str) -> E.Expr:
    return parse_expression_text(text, "<companions>")


def value(v: Any, env: Env) -> E.Expr | None:
    """One data value as an expression (None: a parameter left out)."""
    if isinstance(v, bool):
        return E.Literal(v)
    if isinstance(v, (int, float)):
        return E.Literal(v, str(v))
    if isinstance(v, str):
        text = env.fill(v)
        if "${" not in text and "%{" not in text:  # no template: the string itself
            return _literal(text)
        return _parse(json.dumps(text))
    if isinstance(v, list):
        return E.Tuple(tuple(e for e in (value(i, env) for i in v) if e is not None))
    if not (isinstance(v, dict) and len(v) == 1 and next(iter(v)) in _KINDS):
        raise TypeError(f"not a companion value: {v!r}")
    kind, body = next(iter(v.items()))
    if kind == "expr":
        return _parse(env.fill(body))
    if kind == "param":
        got = env.params.get(body)
        return got if got is None or isinstance(got, E.Expr) else value(got, env)
    if kind == "if":  # [parameter, value]: the value when the parameter is true
        return value(body[1], env) if env.params.get(body[0]) else None
    if kind == "object":
        pairs = [(E.Var(k) if k.isidentifier() else E.Literal(k), value(x, env))
                 for k, x in body]
        kept = tuple((k, x) for k, x in pairs if x is not None)
        return E.Object(kept) if kept or not pairs else None  # all left out: no object
    args = [value(a, env) for a in body[1:]]  # call: [function, argument...]
    return None if None in args else E.Call(body[0], tuple(a for a in args if a is not None))


def _set_args(b: TfBlock, args: list[list[Any]], env: Env,
              values: list[E.Expr | None] | None = None) -> None:
    for i, (name, v, *comment) in enumerate(args):
        b.set(env.fill(name), value(v, env) if values is None else values[i],
              (env.fill(comment[0]) or None) if comment else None)


def _fill(b: TfBlock, spec: Mapping[str, Any], env: Env) -> TfBlock:
    _set_args(b, spec.get("args", []), env)
    _set_args(b, spec.get("item_args", {}).get(env.params.get("item"), []), env)
    _nested(b, spec.get("blocks", []), env)
    return b


def _nested(b: TfBlock, entries: list[Any], env: Env) -> None:
    """Nested blocks: [name, args], or {name, labels, comment, when, args, blocks} (deeper
    nesting, a `dynamic "x"` block). A block whose values are all left out is not written."""
    for entry in entries:
        one = entry if isinstance(entry, dict) else {"name": entry[0], "args": entry[1]}
        args, when = one.get("args", []), one.get("when")
        if when is not None and not env.params.get(when):
            continue
        values = [value(v, env) for _, v, *_ in args]
        if args and all(v is None for v in values):
            continue  # its own arguments all left out (a block of blocks only is kept)
        comment = one.get("comment")
        inner = b.block(one["name"], *(env.fill(x) for x in one.get("labels", [])),
                        comment=env.fill(comment) if comment else None)
        _set_args(inner, args, env, values)
        _nested(inner, one.get("blocks", []), env)


def _make(spec: Mapping[str, Any], env: Env) -> TfBlock:
    kind = spec.get("block", "resource")
    labels = () if kind == "locals" else (spec["type"], env.fill(spec["label"])) \
        if "type" in spec else (env.fill(spec["label"]),)  # a variable
    comment = spec.get("comment")
    return _fill(TfBlock(kind, labels, comments=[env.fill(comment)] if comment else ()),
                 spec, env)


def apply(b: TfBlock, tbl: Mapping[str, Any], name: str, node: N.Resource,
          params: Params | None = None, filters: Filters | None = None) -> TfBlock:
    """Set the arguments and nested blocks of the set `name` (its blocks' `args` and
    `blocks`) on `b`, the main block of `node`: the fixed part of a lowered resource."""
    for spec, env in _specs(tbl, name, Env(node, params or {}, filters or {})):
        _fill(b, spec, env)
    return b


def _items(spec: Mapping[str, Any], env: Env) -> list[dict[str, Param]]:
    raw = spec.get("items")
    if raw is None:
        return [{}]
    if isinstance(raw, str):  # a list parameter
        got = env.params.get(raw)
        raw = got if isinstance(got, list) else []
    out: list[dict[str, Param]] = []
    for item in raw:
        row: dict[str, Param] = dict(item) if isinstance(item, dict) else {"item": item}
        when = row.pop("when", None)
        if when is None or env.params.get(str(when)):
            out.append(row)
    return out


def blocks(tbl: Mapping[str, Any], name: str, params: Params,
           filters: Filters | None = None) -> list[TfBlock]:
    """The blocks of a set made for no source resource and emitted by the caller (files
    written beside the translation); `once` and `repeat` do not apply."""
    return [_make(spec, env) for spec, env in _specs(tbl, name, Env(None, params, filters or {}))]


def _specs(tbl: Mapping[str, Any], name: str, env: Env) -> list[tuple[Mapping[str, Any], Env]]:
    one = tbl["sets"][name]
    like = tbl["sets"][one["like"]] if "like" in one else one
    raw = {**like.get("vars", {}), **one.get("vars", {})}
    # A var may use the others and the caller's parameters; the caller's win.
    if raw:
        unfilled = Env(env.node, {**raw, **env.params}, env.filters)
        filled = {k: unfilled.fill(v) if isinstance(v, str) else v for k, v in raw.items()}
        env = Env(env.node, {**filled, **env.params}, env.filters)
    out: list[tuple[Mapping[str, Any], Env]] = []
    for spec in like["blocks"]:
        if "set" in spec:  # another set's blocks, for the same source
            out.extend(_specs(tbl, spec["set"], env))
            continue
        when = spec.get("when")
        if when is None or env.params.get(when):
            out.extend((spec, env.with_params(row)) for row in _items(spec, env))
    return out


def build(ctx: Ctx, tbl: Mapping[str, Any], name: str, node: N.Resource,
          params: Params | None = None, filters: Filters | None = None) -> list[TfBlock]:
    """Emit the set `name` of `tbl` beside `node`: `once` blocks as scaffolding of its module,
    the others at its location (repeated like it where `repeat` says so)."""
    out = []
    repeated = meta_only(node) if node.meta.count is not None or \
        node.meta.for_each is not None else None
    for spec, env in _specs(tbl, name, Env(node, params or {}, filters or {})):
        once = spec.get("once")
        if once is not None:
            out.append(ctx.scaffold(env.fill(once), node.module,
                                    lambda spec=spec, env=env: _make(spec, env)))
            continue
        b = _make(spec, env)
        if spec.get("repeat") and repeated is not None:
            P.emit_meta(ctx, b, repeated, {})
        out.append(ctx.emit(node.span, b))
    return out


def addresses(tbl: Mapping[str, Any], name: str, node: N.Resource, type_: str,
              params: Params | None = None, filters: Filters | None = None) -> list[str]:
    """`type.label` of the blocks of type `type_` the set makes for `node` (to wait for them)."""
    return [f"{type_}.{env.fill(spec['label'])}" for spec, env in
            _specs(tbl, name, Env(node, params or {}, filters or {})) if spec["type"] == type_]
