"""Validate the mapping tables under targets/ against their JSON Schemas and each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

TARGETS = Path(__file__).parent.parent / "targets"
DATA = TARGETS / "data"
GKE = TARGETS / "gke"
SCHEMAS = TARGETS / "schemas"
PROFILES = TARGETS / "profiles"

# data file -> schema file
FILES = {
    DATA / "ovh_flavors.json": "ovh_flavors.schema.json",
    DATA / "ovh_regions.json": "ovh_regions.schema.json",
    DATA / "ovh_ai_flavors.json": "ovh_ai_flavors.schema.json",
    DATA / "reversibility.json": "reversibility.schema.json",
    DATA / "ai_notebook_images.json": "ai_notebook_images.schema.json",
    GKE / "regions.json": "target_regions.schema.json",
    GKE / "machine_types.json": "machine_types.schema.json",
    GKE / "gpus.json": "gpu_equivalents.schema.json",
    GKE / "databases.json": "gke_databases.schema.json",
    GKE / "naming.json": "naming.schema.json",
    GKE / "required.json": "required_args.schema.json",
    GKE / "platform.json": "gke_platform.schema.json",
    PROFILES / "gke.json": "cluster_profile.schema.json",
    PROFILES / "eks.json": "cluster_profile.schema.json",
    PROFILES / "aks.json": "cluster_profile.schema.json",
}

ALL_JSON = sorted([*DATA.glob("*.json"), *GKE.glob("*.json"), *PROFILES.glob("*.json"),
                   *SCHEMAS.glob("*.json")], key=str)


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def flavors():
    return load(DATA / "ovh_flavors.json")


@pytest.fixture(scope="module")
def ovh_regions():
    return load(DATA / "ovh_regions.json")["regions"]


@pytest.fixture(scope="module")
def gke_regions():
    return load(GKE / "regions.json")


@pytest.fixture(scope="module")
def machine_types():
    return load(GKE / "machine_types.json")


@pytest.fixture(scope="module")
def gpus():
    return load(GKE / "gpus.json")


@pytest.fixture(scope="module")
def databases():
    return load(GKE / "databases.json")


# --------------------------------------------------------------------------- schemas


@pytest.mark.parametrize("schema_path", sorted(SCHEMAS.glob("*.json")), ids=lambda p: p.name)
def test_schema_is_valid_draft_2020_12(schema_path):
    schema = load(schema_path)
    assert schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("data_path", list(FILES), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_file_matches_schema(data_path):
    schema = load(SCHEMAS / FILES[data_path])
    validator = Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(load(data_path)), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors)


@pytest.mark.parametrize("path", ALL_JSON, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_canonical_formatting(path):
    text = path.read_text(encoding="utf-8")
    assert json.dumps(json.loads(text), indent=2, sort_keys=True) + "\n" == text, (
        f"{path} is not canonical: rewrite with json.dumps(obj, indent=2, sort_keys=True) + '\\n'"
    )


def test_every_data_file_has_a_schema():
    data_files = {*DATA.glob("*.json"), *GKE.glob("*.json"), *PROFILES.glob("*.json")}
    assert data_files == set(FILES)


# --------------------------------------------------------------------------- OVH flavors


def test_flavor_names_match_family_and_ram(flavors):
    for name, f in flavors["instance"].items():
        family, _, ram = name.rpartition("-")
        assert family == f["family"], name
        assert int(ram) == f["ram_gb"], name
    for name, f in flavors["database"].items():
        assert int(name.rpartition("-")[2]) == f["ram_gb"], name


def test_expected_instance_families_present(flavors):
    families = {f["family"] for f in flavors["instance"].values()}
    expected = "b2 b3 c2 c3 r2 r3 d2 i1 t1 t1-le t2 t2-le a10 a100 h100 l4 l40s rtx5000"
    assert families == set(expected.split())


def test_gpu_flavors_are_consistent_per_family(flavors):
    by_family: dict[str, set] = {}
    for f in flavors["instance"].values():
        key = None if f["gpu"] is None else (f["gpu"]["model"], f["gpu"]["memory_gb"])
        by_family.setdefault(f["family"], set()).add(key)
    for family, models in by_family.items():
        assert len(models) == 1, f"{family}: mixed GPU models {models}"


def test_db_b3_flavors_match_instance_table(flavors):
    for name, f in flavors["database"].items():
        if name.startswith("b3-"):
            inst = flavors["instance"][name]
            assert (f["vcpu"], f["ram_gb"]) == (inst["vcpu"], inst["ram_gb"]), name


# --------------------------------------------------------------------------- regions


def test_every_region_family_maps_to_gke(ovh_regions, gke_regions):
    ovh_families = {r["family"] for r in ovh_regions.values()}
    gke_families = set(gke_regions["families"])
    assert ovh_families - gke_families == set(), "OVH families without a GKE region"
    assert gke_families - ovh_families == set(), "GKE families no OVH region uses"


def test_gke_family_zones_belong_to_region(gke_regions):
    for family, f in gke_regions["families"].items():
        if f["region"] is None:
            continue
        for zone in f["zones"]:
            assert zone.startswith(f["region"] + "-"), (family, zone)


def test_every_ovh_zone_maps_to_a_zone_of_the_family_region(ovh_regions, gke_regions):
    zone_map = gke_regions["zones"]
    for code, r in ovh_regions.items():
        family = gke_regions["families"][r["family"]]
        for zone in r.get("zones", []):
            assert zone in zone_map, f"{code}: zone {zone} has no GKE mapping"
            assert zone_map[zone] in family["zones"], (code, zone, zone_map[zone])
    all_ovh_zones = {z for r in ovh_regions.values() for z in r.get("zones", [])}
    assert set(zone_map) <= all_ovh_zones, "GKE zone map has zones no OVH region declares"


def test_ai_regions_present(ovh_regions):
    for code in ("GRA", "BHS"):
        assert ovh_regions[code]["kind"] == "short"


# --------------------------------------------------------------------------- machine types / GPUs


def target_gpu_models(mt) -> set[str]:
    builtin = {m["gpu"]["model"] for m in mt["machine_types"].values() if m["gpu"]}
    return builtin | set(mt["attachable_gpus"])


def test_machine_type_fields_consistent(machine_types):
    for name, m in machine_types["machine_types"].items():
        assert name.startswith(m["series"] + "-"), name
        assert (m["class"] == "gpu") == (m["gpu"] is not None), name
        if m["class"] != "gpu":
            assert name.split("-")[1] == m["class"], name
        if m["gpu"] is not None:
            assert m["gpu"].get("accelerator"), name
            assert m["gpu"].get("attached") is False, name


def test_attachable_gpus_have_host_series(machine_types):
    series = {m["series"] for m in machine_types["machine_types"].values()}
    for model, g in machine_types["attachable_gpus"].items():
        assert g["series"] in series, model
        for count in g.get("counts", []):
            assert count <= g["max_per_vm"], model
        for count in g.get("max_vcpu", {}):
            assert int(count) in g.get("counts", [int(count)]), model


def test_every_ovh_gpu_model_has_a_gke_equivalent(flavors, gpus, machine_types):
    available = target_gpu_models(machine_types)
    used = {f["gpu"]["model"] for f in flavors["instance"].values() if f["gpu"]}
    for model in sorted(used):
        entries = gpus["equivalents"].get(model)
        assert entries, f"no GKE equivalent for OVH GPU {model}"
        assert any(e["model"] in available for e in entries), model


def test_every_equivalent_model_exists_in_catalog(gpus, machine_types):
    available = target_gpu_models(machine_types)
    for source, entries in gpus["equivalents"].items():
        for e in entries:
            assert e["model"] in available, (source, e["model"])


def test_target_files_declare_gke(gke_regions, machine_types, gpus):
    for doc in (gke_regions, machine_types, gpus):
        assert doc["target"] == "gke"


# --------------------------------------------------------------------------- databases


def test_database_engines_and_plans(databases):
    engines = databases["engines"]
    for name in ("postgresql", "mysql"):
        assert engines[name]["service"] == "cloud_sql"
        assert engines[name]["versions"]
    assert engines["postgresql"]["versions"]["17"] == "POSTGRES_17"
    assert engines["mysql"]["versions"]["8.0"] == "MYSQL_8_0"
    assert engines["valkey"]["service"] == "memorystore_valkey"
    for name, e in engines.items():
        if e["service"] is None:
            assert "versions" not in e, name
    assert databases["plans"]["essential"]["availability_type"] == "ZONAL"
    assert databases["plans"]["business"]["availability_type"] == "REGIONAL"


def test_reversibility_covers_every_lowered_concept():
    from iac_translate.targets.gke.target import GkeTarget
    from iac_translate.targets.mapping import reversibility
    kinds = reversibility()["kinds"]
    assert set(GkeTarget.LOWER) <= set(kinds), set(GkeTarget.LOWER) - set(kinds)
