"""Every known OVH resource type translates to valid output or an explicit diagnostic."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.frontends import ovh_types
from schema.tfcheck import check_text, load_schemas

SCHEMA = ovh_types.schema()
TYPES = sorted(SCHEMA["resources"]) + sorted(SCHEMA["removed"])
SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
# Any of these means the type was dealt with explicitly.
EXPLICIT = {"IT206", "IT309", "IT301", "IT302", "IT305", "IT306", "IT307", "IT310"}


def _body(block: dict[str, Any], indent: str = "  ") -> str:
    lines = []
    for name, flag in sorted(block.get("args", {}).items()):
        if flag == "required":
            lines.append(f'{indent}{name} = "x"')
    for name, sub in sorted(block.get("blocks", {}).items()):
        if sub.get("min", 0) >= 1:
            lines.append(f"{indent}{name} {{\n{_body(sub, indent + '  ')}{indent}}}")
    return "".join(line + "\n" for line in lines)


@pytest.fixture(scope="module")
def schemas():  # type: ignore[no-untyped-def]
    return load_schemas(SCHEMAS)


@pytest.mark.parametrize("type_", TYPES)
def test_type_is_handled(type_: str, schemas) -> None:  # type: ignore[no-untyped-def]
    block = SCHEMA["resources"].get(type_) or SCHEMA["removed"][type_]
    src = f'resource "{type_}" "r" {{\n{_body(block)}}}\n'
    result = translate({"main.tf": src}, "gke")
    codes = {d.code for d in result.diagnostics}
    assert not any(c.startswith("IT9") for c in codes), result.diagnostics
    assert result.files, result.diagnostics
    emitted = result.files["main.tf"] if "main.tf" in result.files else ""
    translated = "resource \"google_" in emitted or "data \"google_" in emitted
    assert translated or codes & EXPLICIT, (type_, codes)
    for rel, text in result.files.items():
        errors = [f for f in check_text(text, rel, schemas) if f.severity == "error"]
        assert not errors, (type_, [f.message for f in errors])
