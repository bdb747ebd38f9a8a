"""Role scopes and immutability policies name a blob container by its `id` (azurerm 4.x
deprecates resource_manager_id, 5.0 removes it; with storage_account_id the id is ARM's)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from iac_translate.compiler.api import translate

ROOT = Path(__file__).resolve().parent.parent


def _aks(case: str) -> str:
    src = {p.name: p.read_text("utf-8") for p in (ROOT / "golden" / case / "input").glob("*.tf")}
    return "\n".join(translate(src, "aks").files.values())


def _containers_made_with_account_id(text: str) -> set[str]:
    return set(re.findall(r'resource "azurerm_storage_container" "([^"]+)" \{\n'
                          r'(?:(?!\n\}).)*storage_account_id', text, re.S))


def test_s3_policy_role_scope_is_the_container_id() -> None:
    text = _aks("s3_user_policy")
    scopes = re.findall(r"scope\s+=\s+azurerm_storage_container\.([a-z0-9_]+)\.(\w+)", text)
    assert scopes and all(attr == "id" for _, attr in scopes), scopes
    assert {name for name, _ in scopes} <= _containers_made_with_account_id(text)


def test_immutability_policy_names_the_container_id() -> None:
    text = _aks("storage_bucket")
    refs = re.findall(r"storage_container_resource_manager_id\s+=\s+"
                      r"azurerm_storage_container\.([a-z0-9_]+)\.(\w+)", text)
    assert refs and all(attr == "id" for _, attr in refs), refs
    assert {name for name, _ in refs} <= _containers_made_with_account_id(text)


def test_the_provider_schema_still_has_id_on_containers() -> None:
    """The replacement exists in the azurerm schema the translation is checked against."""
    schema = json.loads(gzip.open(ROOT / "tests" / "data" / "schemas" /
                                  "azurerm.schema.json.gz").read())
    attrs = schema["resources"]["azurerm_storage_container"]["attributes"]
    assert "id" in attrs and "storage_account_id" in attrs
