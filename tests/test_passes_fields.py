"""Every argument of every OVH type with a concept has one neutral destination or an OVH-only
reason, and every neutral destination names a real field of a spec of compiler/passes/."""

from __future__ import annotations

import dataclasses
import importlib
import json
import pkgutil
from importlib import resources
from typing import Any

import jsonschema
import pytest
from iac_translate.compiler import passes
from iac_translate.compiler.frontends import foreign, ovh_types
from iac_translate.compiler.passes import fields

PASSES = resources.files("iac_translate.compiler.passes")
FILES = sorted(p.name for p in PASSES.iterdir() if p.name.startswith("fields_")
               and p.name.endswith(".json"))
# Concept kinds with no neutral reading: lookups and whatever is kept on OVH or omitted.
NOT_MODELLED = {"Lookup", "OvhOther", "Opaque"}


def _schema_args(type_: str, mode: str) -> set[str]:
    s = ovh_types.type_schema(type_, mode) or {}
    return set(s.get("args", {})) | set(s.get("blocks", {}))


def spec_classes() -> dict[str, list[type]]:
    """Every dataclass defined in a module of compiler/passes/, by class name (a few names,
    UserSpec, AttachmentSpec, IpRestrictionSpec, LogSubscriptionSpec, are defined by two
    families: a destination must be a field of one of them)."""
    out: dict[str, list[type]] = {}
    for info in pkgutil.iter_modules(passes.__path__):
        module = importlib.import_module(f"{passes.__name__}.{info.name}")
        for name, obj in vars(module).items():
            if (isinstance(obj, type) and dataclasses.is_dataclass(obj)
                    and obj.__module__ == module.__name__):
                out.setdefault(name, []).append(obj)
    return out


def unknown_destinations(table: dict[str, dict[str, dict[str, str]]],
                         classes: dict[str, list[type]]) -> list[str]:
    """`to` values whose class is not a spec of compiler/passes/ or whose field (the part
    after the class) is neither a dataclass field nor a property of it."""
    wrong = []
    for type_, args in table.items():
        for arg, dest in args.items():
            if "to" not in dest:
                continue
            cls, _, rest = dest["to"].partition(".")
            field = rest.split(".")[0]
            owners: list[Any] = classes.get(cls, [])
            if not any(field in o.__dataclass_fields__ or
                       isinstance(getattr(o, field, None), property) for o in owners):
                wrong.append(f"{type_}.{arg} -> {dest['to']}")
    return wrong


@pytest.mark.parametrize("name", FILES)
def test_fields_file_matches_its_schema(name: str) -> None:
    schema = json.loads(PASSES.joinpath("fields.schema.json").read_text(encoding="utf-8"))
    data = json.loads(PASSES.joinpath(name).read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_the_old_shapes() -> None:
    schema = json.loads(PASSES.joinpath("fields.schema.json").read_text(encoding="utf-8"))
    v = jsonschema.Draft202012Validator(schema)
    flat = {"note": "a family table", "ovh_cloud_project_kube": {"name": {"to": "x"}}}
    unqualified = {"note": "a family table",
                   "resources": {"ovh_cloud_project_kube": {"name": {"to": "name"}}}}
    both = {"note": "a family table", "resources": {"ovh_cloud_project_kube": {
        "name": {"to": "ClusterSpec.name", "ovh_only": "both at once is wrong"}}}}
    whole_both = {"note": "a family table", "whole": {"resources": {"ovh_cloud_quota": {
        "ovh_only": "a quota setting", "no_concept": "a quota setting"}}}}
    whole_args = {"note": "a family table", "whole": {"resources": {"ovh_cloud_quota": {
        "regions": {"ovh_only": "a quota setting"}}}}}
    assert all(not v.is_valid(d) for d in (flat, unqualified, both, whole_both, whole_args))


def test_every_destination_names_a_real_spec_field() -> None:
    classes = spec_classes()
    wrong = [w for name in fields.SECTIONS
             for w in unknown_destinations(fields.section(name), classes)]
    assert wrong == []


def test_the_destination_check_can_fail() -> None:
    classes = spec_classes()
    table = {"t": {"a": {"to": "ClusterSpec.no_such_field"}, "b": {"to": "NoSpec.name"},
                   "c": {"to": "ClusterSpec.name"}}}
    assert unknown_destinations(table, classes) == ["t.a -> ClusterSpec.no_such_field",
                                                    "t.b -> NoSpec.name"]


def test_a_type_belongs_to_one_family() -> None:
    seen: dict[tuple[str, str], str] = {}
    twice = []
    for fam, data in fields.families().items():
        # A type read whole is in the same namespace as its section's argument tables.
        parts = [(n, data.get(n, {})) for n in fields.SECTIONS]
        parts += [(n, data.get("whole", {}).get(n, {})) for n in ("resources", "data_sources")]
        for name, types in parts:
            for type_ in types:
                if (name, type_) in seen:
                    twice.append(f"{name}.{type_}: {seen[name, type_]} and {fam}")
                seen[name, type_] = fam
    assert twice == []


@pytest.mark.parametrize("name,mode", [("resources", "managed"), ("data_sources", "data")])
def test_fields_name_only_real_types_and_arguments(name: str, mode: str) -> None:
    wrong = []
    for type_, args in fields.section(name).items():
        if not type_.startswith("ovh_"):
            assert type_ in foreign.OPENSTACK or type_.startswith("aws_"), type_
            continue
        known = _schema_args(type_, mode)
        if not known:
            wrong.append(f"{type_}: not an OVH {mode} type")
            continue
        wrong += [f"{type_}.{a}" for a in args if a.split(".")[0] not in known]
    assert wrong == []


def test_every_modelled_type_has_every_argument_placed() -> None:
    missing = []
    concepts = [(t, c, "managed") for t, c in ovh_types.RESOURCE_CONCEPT.items()]
    concepts += [(t, c, "data") for t, c in ovh_types._DATA_CONCEPTS.items()]
    for type_, concept, mode in sorted(concepts, key=lambda x: (x[0], x[2])):
        if concept.KIND in NOT_MODELLED or not _schema_args(type_, mode):
            continue
        placed = {a.split(".")[0] for a in fields.arguments(type_, mode)}
        missing += [f"{mode} {type_}.{a}" for a in sorted(_schema_args(type_, mode) - placed)]
    assert missing == [], f"{len(missing)} OVH arguments have no neutral destination"


def test_neutral_fields_lists_every_destination() -> None:
    found = fields.neutral_fields()
    assert "ClusterSpec.location" in found and "OvhProvider.realm" in found
    assert "ovh_cloud_project_kube.region" in found["ClusterSpec.location"]
    assert "data.ovh_cloud_project_kube.region" in found["ClusterSpec.location"]
    assert fields.field_of("InstanceSpec.network.public") == "InstanceSpec.network"


def unplaced(table: dict[str, dict[str, Any]], wholes: dict[str, Any],
             known: set[str]) -> list[str]:
    """Known OVH types neither in an argument table nor placed whole, and types in both."""
    return sorted([t for t in known if t not in table and t not in wholes] +
                  [f"{t} (both)" for t in set(table) & set(wholes)])


@pytest.mark.parametrize("name,mode", [("resources", "managed"), ("data_sources", "data")])
def test_every_known_ovh_type_has_its_place(name: str, mode: str) -> None:
    """Every resource type and data source of the OVH provider schema: an argument table, or
    a whole-type entry saying it is OVH-only or that the neutral model has no concept for it."""
    known = set(ovh_types.schema()[name])
    assert len(known) > 70
    assert unplaced(fields.section(name), fields.whole(mode), known) == []
    assert set(fields.whole(mode)) <= known, "whole-type entries for unknown types"


def test_the_placement_check_can_fail() -> None:
    assert unplaced({"a": {}, "b": {}}, {"b": {"ovh_only": "x"}, "c": {}}, {"a", "d"}) == \
        ["b (both)", "d"]


def test_whole_types_say_why() -> None:
    assert fields.whole_type("ovh_cloud_project")[0] == "ovh_only"  # type: ignore[index]
    kind, why = fields.whole_type("ovh_cloud_key_manager_secret") or ("", "")
    assert kind == "no_concept" and "payload is never copied" in why
    assert fields.whole_type("ovh_cloud_project_kube") is None
    assert fields.whole_type("ovh_cloud_project_regions", "data") is not None
    assert fields.whole_type("ovh_cloud_project_kube", "data") is None  # modelled
