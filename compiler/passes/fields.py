"""Where every OVH argument goes in the neutral model: the fields_<family>.json tables, merged."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "iac_translate.compiler.passes"


@cache
def table() -> dict[str, dict[str, dict[str, str]]]:
    """OVH type -> argument -> {"to": neutral field} or {"ovh_only": why}, every family."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda p: p.name):
        if entry.name.startswith("fields_") and entry.name.endswith(".json"):
            data: dict[str, Any] = json.loads(entry.read_text(encoding="utf-8"))
            for type_, args in data.items():
                out.setdefault(type_, {}).update(args)
    return out


def destination(type_: str, argument: str) -> dict[str, str] | None:
    """Where `argument` of OVH type `type_` goes, or None when no family says."""
    return table().get(type_, {}).get(argument)


def ovh_only(type_: str, argument: str) -> str | None:
    """Why the argument means nothing off OVH, when that is its destination."""
    d = destination(type_, argument)
    return d.get("ovh_only") if d else None
