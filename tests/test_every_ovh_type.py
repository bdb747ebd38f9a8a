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
# What became of the whole resource when no target block comes from it: omitted as
# meaningless (IT310), or kept on the OVH provider (IT301, non-Public-Cloud types only).
SETTLED = {"IT310"}


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
    at_block = [d for d in result.diagnostics if d.span and d.span.file == "main.tf"]
    emitted = result.files.get("main.tf", "")
    # Translated = a block made from this resource (or it was merged into one).
    translated = any(s.file == "main.tf" for s, _ in result.trace)
    kept = f'resource "{type_}" "r"' in emitted
    if kept:  # only what is not OVH Public Cloud may stay on the ovh provider, and says so
        assert not type_.startswith("ovh_cloud"), type_
        assert "IT301" in {d.code for d in at_block}, (type_, codes)
    settled = any(d.severity.value == "error" or d.code in SETTLED for d in at_block)
    assert translated or settled, (type_, codes)
    # The driver's net (targets/tfbase/accounted.py) must not be what accounts for a known type.
    assert not any("object comes from it" in d.message for d in at_block), (type_, codes)
    for rel, text in result.files.items():
        errors = [f for f in check_text(text, rel, schemas) if f.severity == "error"]
        assert not errors, (type_, [f.message for f in errors])
