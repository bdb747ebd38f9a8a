"""Blocks from data shapes (tfbase/shape.py) and the database shapes of eks/databases.json."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets import mapping
from iac_translate.targets.eks import database_engines, database_rds
from iac_translate.targets.hclwrite import TfBlock, render_blocks
from iac_translate.targets.tfbase import shape


class _Use:
    def __init__(self) -> None:
        self.read: list[str] = []
        self.dropped: list[tuple[str, str]] = []

    def raw(self, name: str) -> None:
        self.read.append(name)

    def drop(self, name: str, why: str) -> None:
        self.dropped.append((name, why))


def test_build_follows_the_items_in_order() -> None:
    u = _Use()
    calls: list[str] = []

    def run(name: str, it: Any, b: TfBlock) -> E.Expr | None:
        calls.append(name)
        return E.Literal(it.get("what", name))
    b = shape.build(TfBlock("resource", ("t", "x")), [
        {"set": "a", "value": 3}, {"set": "b", "from": "f", "what": "w", "comment": "why b"},
        {"block": "c", "comment": "inner", "items": [{"set": "d", "value": [True, "s"]}]},
        {"set": "e", "value": "no", "if": "off"}, {"call": "g"}, {"raw": ["r1", "r2"]},
        {"drop": "z", "why": "gone"}, {"note": "a note"}], u, run, lambda flag: flag != "off")
    text = render_blocks([b])
    assert text.index("a = 3") < text.index('b = "w"') < text.index("c {")
    assert "# why b\n  b =" in text and "# inner\n  c {" in text and 'd = [true, "s"]' in text
    assert "e =" not in text and "# a note" in text
    assert calls == ["f", "g"] and u.read == ["r1", "r2"] and u.dropped == [("z", "gone")]


def test_literal_keeps_numbers_and_booleans() -> None:
    assert to_hcl(shape.literal(1)) == "1" and to_hcl(shape.literal(False)) == "false"
    assert to_hcl(shape.literal(["a"])) == '["a"]'


def _items(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for it in items:
        out.append(it)
        out.extend(_items(it.get("items", [])))
    return out


def test_every_builder_and_flag_a_database_shape_names_exists() -> None:
    builders = {**database_rds.BUILDERS, **database_engines.BUILDERS}
    lowering = mapping.load_tables("eks").databases["lowering"]
    named = set()
    for service, row in lowering.items():
        for it in _items(row["items"] + row.get("after", [])):
            for key in ("from", "call"):
                if key in it:
                    assert it[key] in builders, (service, it)
                    named.add(it[key])
            if "if" in it:
                assert it["if"] in ("public", "rest_api", "schema_registry", "acls"), it
    assert named == set(builders), set(builders) - named  # no builder left unused


def test_every_translated_service_has_a_shape() -> None:
    from iac_translate.targets.eks.database import RESOURCE
    tables = mapping.load_tables("eks").databases
    services = {e["service"] for e in tables["engines"].values() if e["service"]}
    assert services == set(RESOURCE) == set(tables["lowering"])


def test_database_companion_sets_match_the_companions_schema() -> None:
    import json
    from pathlib import Path

    from jsonschema import Draft202012Validator
    targets = Path(__file__).parent.parent / "targets"
    schema = json.loads((targets / "schemas" / "companions.schema.json").read_text("utf-8"))
    sets = mapping.load_tables("eks").databases["companions"]
    errors = list(Draft202012Validator(schema).iter_errors(sets))
    assert not errors, [e.message for e in errors]
    assert {"db_access", "db_rules"} <= set(sets["sets"])
