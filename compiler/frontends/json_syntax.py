"""Terraform JSON syntax (.tf.json): read as an HCL expression, reshaped into blocks."""

from __future__ import annotations

from typing import Any

from ..hcl.ast import Attribute, Block, Body
from ..hcl.parser import ParseError, parse_expression_text
from ..ir import expr as E
from . import ovh_types

# Nested block names that are blocks regardless of the resource type.
_GENERIC_BLOCKS = {"lifecycle", "validation", "required_providers", "provisioner", "connection",
                   "precondition", "postcondition", "timeouts", "content", "assert"}
_LABELLED = {"resource": 2, "data": 2, "variable": 1, "output": 1, "module": 1, "provider": 1,
             "check": 1}


class JsonShapeError(Exception):
    def __init__(self, expr: E.Expr, message: str) -> None:
        super().__init__(message)
        self.expr = expr
        self.message = message


def parse_json_config(text: str, file: str) -> Body:
    """Parse a .tf.json document into the same Body structure as native syntax."""
    root = parse_expression_text(text, file)
    if not isinstance(root, E.Object):
        raise ParseError(0, "a .tf.json file must contain one JSON object", "IT102")
    blocks: list[Attribute | Block] = []
    for key, value in root.items:
        btype = E.key_name(key) or ""
        if btype == "//":
            continue
        n = _LABELLED.get(btype, 0)
        for labels, body_obj in _unnest(value, n, key):
            blocks.append(_block(btype, labels, body_obj, key))
    return Body(tuple(blocks))


def _unnest(value: E.Expr, depth: int, at: E.Expr) -> list[tuple[tuple[str, ...], E.Object]]:
    if depth == 0:
        items = value.items if isinstance(value, E.Tuple) else (value,)
        out: list[tuple[tuple[str, ...], E.Object]] = []
        for v in items:
            if not isinstance(v, E.Object):
                raise JsonShapeError(v, "expected a JSON object for a block body")
            out.append(((), v))
        return out
    if not isinstance(value, E.Object):
        raise JsonShapeError(value, "expected a JSON object keyed by block label")
    result = []
    for k, v in value.items:
        name = E.key_name(k)
        if name is None or name == "//":
            continue
        for labels, body in _unnest(v, depth - 1, k):
            result.append(((name, *labels), body))
    return result


def _block(btype: str, labels: tuple[str, ...], obj: E.Object, at: E.Expr) -> Block:
    known: dict[str, Any] = {}
    if btype in ("resource", "data") and labels and labels[0].startswith("ovh_"):
        _, canonical = ovh_types.classify(labels[0], "data" if btype == "data" else "managed")
        known = ovh_types.type_schema(canonical, "data" if btype == "data" else "managed") or {}
    span = obj.span or at.span
    assert span is not None
    return Block(btype, labels, _body(obj, known.get("blocks", {}), btype), span)


def _body(obj: E.Object, schema_blocks: dict[str, Any], btype: str) -> Body:
    items: list[Attribute | Block] = []
    for k, v in obj.items:
        name = E.key_name(k)
        if name is None or name == "//":
            continue
        span = k.span or v.span
        assert span is not None
        is_block = name in _GENERIC_BLOCKS or name in schema_blocks or (
            btype == "terraform" and name in ("backend", "cloud"))
        if name == "dynamic" and isinstance(v, E.Object):
            for lk, lv in v.items:
                for _, body in _unnest(lv, 0, lk):
                    items.append(Block("dynamic", (E.key_name(lk) or "",),
                                       _body(body, {}, "dynamic"), span))
        elif btype == "terraform" and name == "backend" and isinstance(v, E.Object):
            for lk, lv in v.items:
                for _, body in _unnest(lv, 0, lk):
                    items.append(Block("backend", (E.key_name(lk) or "",),
                                       _body(body, {}, "backend"), span))
        elif is_block and isinstance(v, (E.Object, E.Tuple)):
            sub = schema_blocks.get(name, {}).get("blocks", {})
            for _, body in _unnest(v, 0, k):
                items.append(Block(name, (), _body(body, sub, name), body.span or span))
        else:
            # key through value, as in HCL: a finding on the value lies inside the attribute
            items.append(Attribute(name, _expression_string(btype, name, v),
                                   span.to_end(v.span) if v.span else span))
    return Body(tuple(items))


# In JSON syntax these arguments hold expressions written as strings (not templates).
_EXPRESSION_ARGS = {("variable", "type"), ("*", "depends_on"), ("*", "provider"),
                    ("lifecycle", "ignore_changes"), ("lifecycle", "replace_triggered_by")}


def _expression_string(btype: str, name: str, v: E.Expr) -> E.Expr:
    if (btype, name) not in _EXPRESSION_ARGS and ("*", name) not in _EXPRESSION_ARGS:
        return v
    if isinstance(v, E.Tuple):
        return E.Tuple(tuple(_parse_str(i) for i in v.items), span=v.span)
    return _parse_str(v)


def _parse_str(v: E.Expr) -> E.Expr:
    s = E.str_value(v)
    if s is None:
        return v
    try:
        parsed = parse_expression_text(s, v.span.file if v.span else "<json>")
    except ParseError:
        return v
    from dataclasses import replace

    from ..ir.expr import transform
    return transform(parsed, lambda n: replace(n, span=v.span))
