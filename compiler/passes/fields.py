"""Where every OVH argument goes in the neutral model: the fields_<family>.json tables, merged."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "iac_translate.compiler.passes"
# The sections of a family's table (fields.schema.json); a type appears in one family only.
SECTIONS = ("resources", "data_sources", "blocks")

Dest = dict[str, str]  # {"to": "<SpecClass>.<field>"} or {"ovh_only": why}
# A type read whole (no argument table): {"ovh_only": why} or {"no_concept": what it is}.
WHOLE_KINDS = ("ovh_only", "no_concept")
Table = dict[str, dict[str, Dest]]  # type (or block) -> argument path -> destination


@cache
def families() -> dict[str, dict[str, Any]]:
    """family name -> its table as written (note, resources, data_sources, blocks)."""
    out: dict[str, dict[str, Any]] = {}
    for entry in sorted(resources.files(_PACKAGE).iterdir(), key=lambda p: p.name):
        if entry.name.startswith("fields_") and entry.name.endswith(".json"):
            out[entry.name[len("fields_"):-len(".json")]] = json.loads(
                entry.read_text(encoding="utf-8"))
    return out


@cache
def section(name: str, family: str | None = None) -> Table:
    """One section of every family (or of `family`), merged: type -> argument -> destination."""
    out: Table = {}
    for fam, data in families().items():
        if family is None or fam == family:
            for type_, args in data.get(name, {}).items():
                out.setdefault(type_, {}).update(args)
    return out


def resources_table(family: str | None = None) -> Table:
    return section("resources", family)


def data_sources(family: str | None = None) -> Table:
    return section("data_sources", family)


def blocks(family: str | None = None) -> Table:
    """provider.ovh, backend.s3, provider.kube -> argument -> destination."""
    return section("blocks", family)


def arguments(type_: str, mode: str = "managed") -> dict[str, Dest]:
    """Every argument path of a resource (mode managed) or data source (mode data)."""
    return section("data_sources" if mode == "data" else "resources").get(type_, {})


def destination(type_: str, argument: str, mode: str = "managed") -> Dest | None:
    """Where `argument` of OVH type `type_` goes, or None when no family says."""
    return arguments(type_, mode).get(argument)


def ovh_only(type_: str, argument: str, mode: str = "managed") -> str | None:
    """Why the argument means nothing off OVH, when that is its destination."""
    d = destination(type_, argument, mode)
    return d.get("ovh_only") if d else None


def neutral_fields() -> dict[str, list[str]]:
    """Every neutral field the tables name ("<SpecClass>.<field>", nested parts cut) ->
    the OVH arguments ("type.arg", "data.type.arg", "block.arg") that go there."""
    out: dict[str, list[str]] = {}
    for name, prefix in (("resources", ""), ("data_sources", "data."), ("blocks", "")):
        for type_, args in section(name).items():
            for arg, dest in args.items():
                if "to" in dest:
                    out.setdefault(field_of(dest["to"]), []).append(f"{prefix}{type_}.{arg}")
    return {k: sorted(v) for k, v in sorted(out.items())}


@cache
def whole(mode: str = "managed") -> dict[str, Dest]:
    """Resource (mode managed) or data source (mode data) types placed whole -> their entry."""
    name = "data_sources" if mode == "data" else "resources"
    out: dict[str, Dest] = {}
    for data in families().values():
        out.update(data.get("whole", {}).get(name, {}))
    return out


def whole_type(type_: str, mode: str = "managed") -> tuple[str, str] | None:
    """(kind, why) of a type placed whole (kind in WHOLE_KINDS), or None."""
    entry = whole(mode).get(type_)
    return next(iter(entry.items())) if entry else None


def field_of(to: str) -> str:
    """`InstanceSpec.network.public` -> `InstanceSpec.network` (class and field)."""
    return ".".join(to.split(".")[:2])
