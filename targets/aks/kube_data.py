"""aks/kube.json, the AKS cluster family's data: its choices, reference rules and diagnostics."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from iac_translate.compiler.span import Span

from ..mapping import data_table
from ..tfbase import notes
from ..tfbase.context import Ctx

REL = "aks/kube.json"


@cache
def _shipped() -> dict[str, Any]:
    # Read as package data until mapping.py registers it (then --mapping can override it):
    # tests/test_aks_kube.py validates it against schemas/aks_kube.schema.json.
    text = resources.files("iac_translate.targets").joinpath(REL).read_text("utf-8")
    out: dict[str, Any] = json.loads(text)
    return out


def table() -> dict[str, Any]:
    """The shipped table (registered or not)."""
    return data_table(REL) or _shipped()


def note(ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None:
    """Report the diagnostic `key` of the table's notes."""
    notes.say(ctx, table()["notes"], key, span, **values)
