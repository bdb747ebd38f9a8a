"""The companion-block engine (targets/tfbase/companions.py) and the tables it reads."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span
from iac_translate.targets.hclwrite import render_blocks
from iac_translate.targets.tfbase import companions as CO
from jsonschema import Draft202012Validator

TARGETS = Path(__file__).parent.parent / "targets"
SCHEMA = json.loads((TARGETS / "schemas" / "companions.schema.json").read_text("utf-8"))
TABLES = sorted(TARGETS.glob("*/companions.json"))
SPAN = Span("main.tf", 1, 1)


def resource(name: str = "k", count: E.Expr | None = None,
             for_each: E.Expr | None = None) -> N.Resource:
    return N.Resource(span=SPAN, labels=("ovh_x", name), type="ovh_x",
                      meta=N.Meta(count=count, for_each=for_each))


class FakeCtx:
    """What the engine uses of a Ctx: emit, scaffold (once per module), rewrite."""

    def __init__(self) -> None:
        self.emitted: list = []
        self.scaffolds: dict = {}

    def emit(self, span, block, file=None):
        self.emitted.append(block)
        return block

    def scaffold(self, key, module, make, file=""):
        if f"{module}|{key}" not in self.scaffolds:
            self.scaffolds[f"{module}|{key}"] = make()
        return self.scaffolds[f"{module}|{key}"]

    def rewrite(self, e, module):
        return e


TABLE = {"note": "t", "target": "test", "sets": {
    "shared": {"note": "once per module", "blocks": [
        {"block": "data", "type": "x_partition", "label": "current", "once": "partition"}]},
    "role": {"note": "template", "vars": {"prefix": "{label}-{suffix}"}, "blocks": [
        {"set": "shared"},
        {"type": "x_role", "label": "{label}_{suffix}", "comment": "role of {address}",
         "args": [["name", "{prefix:up}"], ["policy", {"call": ["jsonencode", {"object": [
             ["Service", "{service}"], ["Left", {"param": "absent"}]]}]}]]},
        {"type": "x_attach", "label": "{label}_{item:lower}", "items": "policies", "repeat": True,
         "args": [["role", {"expr": "x_role.{label}_{suffix}{key}.name"}],
                  ["arn", "arn:${x_partition.current.id}:{item}"]]}]},
    "admin": {"note": "a role", "like": "role", "vars": {
        "suffix": "admin", "service": "svc.example", "policies": ["ReadOnly", "Write"]}},
    "addons": {"note": "items with their own args", "blocks": [
        {"type": "x_addon", "label": "{label}_{item:ident}",
         "items": ["a-b", {"item": "c", "when": "with_c"}],
         "args": [["name", "{item}"], ["region", {"param": "region"}]],
         "item_args": {"a-b": [["mode", {"call": ["jsonencode", {"object": [
             ["mode", {"param": "mode"}]]}]}, "why"]]}}]},
}}


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.parent.name)
def test_table_matches_schema(path):
    data = json.loads(path.read_text("utf-8"))
    errors = list(Draft202012Validator(SCHEMA).iter_errors(data))
    assert not errors, [e.message for e in errors[:5]]
    assert json.dumps(data, indent=2, sort_keys=True) + "\n" == path.read_text("utf-8")


@pytest.mark.parametrize("path", TABLES, ids=lambda p: p.parent.name)
def test_sets_name_sets_that_exist(path):
    sets = json.loads(path.read_text("utf-8"))["sets"]
    for name, one in sets.items():
        named = [one.get("like")] + [b["set"] for b in one.get("blocks", []) if "set" in b]
        assert all(n is None or n in sets for n in named), name


def test_build_fills_patterns_vars_items_and_scaffolds_once():
    ctx = FakeCtx()
    node = resource("k", count=E.Literal(2, "2"))
    out = CO.build(ctx, TABLE, "admin", node, {}, {"up": str.upper})
    CO.build(ctx, TABLE, "admin", resource("other"), {}, {"up": str.upper})
    assert [b.labels for b in out] == [("x_partition", "current"), ("x_role", "k_admin"),
                                       ("x_attach", "k_readonly"), ("x_attach", "k_write")]
    assert list(ctx.scaffolds) == ["|partition"]  # the second source reuses it
    text = render_blocks(out)
    assert re.search(r'name += "K-ADMIN"', text)
    assert "# role of ovh_x.k" in text
    assert 'Service = "svc.example"' in text and "Left" not in text
    assert "count = 2" in text  # repeat: the source's count
    assert "role  = x_role.k_admin[count.index].name" in text
    assert 'arn   = "arn:${x_partition.current.id}:Write"' in text


def test_caller_parameters_win_over_vars_and_none_leaves_out():
    ctx = FakeCtx()
    out = CO.build(ctx, TABLE, "admin", resource(), {"suffix": "ops", "policies": []},
                   {"up": str.upper})
    assert [b.labels[1] for b in out[1:]] == ["k_ops"]
    addons = CO.build(ctx, TABLE, "addons", resource(), {"with_c": True, "mode": None})
    text = render_blocks(addons)
    assert [b.labels[1] for b in addons] == ["k_a_b", "k_c"]
    assert "region" not in text and "mode" not in text  # None params: no argument, no call
    with_mode = CO.build(ctx, TABLE, "addons", resource(), {"mode": E.Literal("ipvs"),
                                                            "region": E.ref("var.r")})
    text = render_blocks(with_mode)
    assert len(with_mode) == 1 and "# why" in text and "region = var.r" in text
    assert re.search(r'mode += jsonencode\(\{ mode = "ipvs" \}\)', text), text


def test_addresses_follow_items_without_emitting():
    assert CO.addresses(TABLE, "admin", resource("n"), "x_attach") == [
        "x_attach.n_readonly", "x_attach.n_write"]


def test_same_instance_reference():
    assert to_hcl(CO.same(resource("c", for_each=E.ref("var.m")), "t", "name")) == \
        "t.c[each.key].name"
    assert to_hcl(CO.same(resource("c"), "t", "id", "c_x")) == "t.c_x.id"


def test_unknown_placeholder_or_value_fails():
    with pytest.raises(KeyError):
        CO.Env(resource(), {}).fill("{nope}")
    with pytest.raises(TypeError):
        CO.value({"what": 1}, CO.Env(resource(), {}))
    assert CO.Env(resource(), {}).fill("${x}") == "${x}"  # HCL interpolation is left alone


SHAPES = {"note": "t", "target": "test", "sets": {
    "main": {"note": "a main block's fixed part", "blocks": [{
        "args": [["flag", False, "why {label}"], ["kept", {"param": "kept"}],
                 ["maybe", {"if": ["on", "yes"]}]],
        "blocks": [["inner", [["a", {"param": "a"}]]], ["always", []]]}]},
    "var": {"note": "a variable", "blocks": [
        {"block": "variable", "label": "{label}_arn", "args": [["type", {"expr": "string"}]]}]},
}}


def test_apply_sets_fixed_args_and_skips_nested_blocks_left_empty():
    from iac_translate.targets.hclwrite import TfBlock
    b = CO.apply(TfBlock("resource", ("t", "k")), SHAPES, "main", resource(), {"kept": None})
    text = render_blocks([b])
    assert "# why k" in text and "flag = false" in text
    assert "kept" not in text and "maybe" not in text and "inner" not in text
    assert "always {" in text  # a block with no arguments is meant
    b = CO.apply(TfBlock("resource", ("t", "k")), SHAPES, "main", resource(),
                 {"a": E.Literal(1, "1"), "on": True})
    text = render_blocks([b])
    assert 'maybe = "yes"' in text and "a = 1" in text


def test_variable_blocks_and_blocks_without_a_source():
    ctx = FakeCtx()
    (v,) = CO.build(ctx, SHAPES, "var", resource("lst"))
    assert v.type == "variable" and v.labels == ("lst_arn",)
    assert render_blocks(CO.blocks(TABLE, "addons", {"label": "x", "with_c": False}))\
        .count('resource "x_addon"') == 1


def test_nested_blocks_at_depth_with_labels_and_when():
    from iac_translate.targets.hclwrite import TfBlock
    table = {"note": "t", "target": "t", "sets": {"dyn": {"note": "n", "blocks": [{"blocks": [
        {"name": "dynamic", "labels": ["taint"], "args": [["for_each", {"param": "xs"}]],
         "blocks": [{"name": "content", "args": [["key", {"expr": "taint.value.k"}]]}]},
        {"name": "extra", "when": "more", "comment": "only {label}", "args": [["n", 1]]}]}]}}}
    text = render_blocks([CO.apply(TfBlock("resource", ("t", "k")), table, "dyn", resource(),
                                   {"xs": E.ref("var.xs")})])
    assert 'dynamic "taint" {' in text and "for_each = var.xs" in text
    assert "content {" in text and "key = taint.value.k" in text and "extra" not in text
    text = render_blocks([CO.apply(TfBlock("resource", ("t", "k")), table, "dyn", resource(),
                                   {"xs": None, "more": True})])
    assert "dynamic" not in text and "# only k" in text and "extra {" in text
