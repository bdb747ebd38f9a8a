"""Validate the mapping tables under targets/ against their JSON Schemas and each other."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from iac_translate.targets import mapping
from jsonschema import Draft202012Validator

TARGETS = Path(__file__).parent.parent / "targets"
DATA = TARGETS / "data"
GKE = TARGETS / "gke"
EKS = TARGETS / "eks"
SCHEMAS = TARGETS / "schemas"
PROFILES = TARGETS / "profiles"
# Targets with their own mapping tables (a directory of JSON next to their lowering code).
TABLE_TARGETS = ("gke", "eks")

# Issue 14: the AKS and Scaleway tables ship before their targets do; until targets/mapping.py
# registers them (its _FILES), they are checked here against these schemas.
PENDING_TARGETS = ("aks", "scaleway")
PENDING = {rel: schema for rel, schema in (
    (f"{t}/{name}.json", schema) for t in PENDING_TARGETS for name, schema in (
        ("regions", "target_regions.schema.json"), ("machine_types", "machine_types.schema.json"),
        ("gpus", "gpu_equivalents.schema.json"), ("databases", f"{t}_databases.schema.json"),
        ("naming", "naming.schema.json"), ("required", "required_args.schema.json")))
    if rel not in mapping._FILES}

# data file -> schema file: the loader's own registry, so a table it cannot load fails here
FILES = {TARGETS / rel: schema for rel, schema in {**mapping._FILES, **PENDING}.items()}

ALL_JSON = sorted([*DATA.glob("*.json"), *PROFILES.glob("*.json"), *SCHEMAS.glob("*.json"),
                   *(p for t in TABLE_TARGETS + PENDING_TARGETS
                     for p in (TARGETS / t).glob("*.json"))], key=str)


def load(path: Path):
    return json.loads(path.read_text(encoding="utf-8"))


def table(target: str, name: str):
    return load(TARGETS / target / f"{name}.json")


@pytest.fixture(scope="module")
def flavors():
    return load(DATA / "ovh_flavors.json")


@pytest.fixture(scope="module")
def ai_flavors():
    return load(DATA / "ovh_ai_flavors.json")["flavors"]


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
    table_dirs = [d for d in TARGETS.iterdir() if d.is_dir() and d != SCHEMAS]
    data_files = {p for d in table_dirs for p in d.glob("*.json")}
    assert data_files == set(FILES)
    assert {p.parent.name for p in data_files} >= set(TABLE_TARGETS)


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_load_tables_reads_every_table_of_a_target(target):
    tables = mapping.load_tables(target)
    for name in ("regions", "machine_types", "gpus"):
        assert getattr(tables, name)["target"] == target
    keys = mapping.target_files(target)
    assert {k for k in keys if k.startswith(target + "/")} == \
        {f"{target}/{p.name}" for p in (TARGETS / target).glob("*.json")}


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

# How a target names the zones of a region: GKE `europe-west9-a`, AWS `eu-west-3a`.
ZONE_FORMAT = {"gke": "{region}-[a-z]", "eks": "{region}[a-z]"}


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_every_region_family_maps_to_the_target(ovh_regions, target):
    ovh_families = {r["family"] for r in ovh_regions.values()}
    families = set(table(target, "regions")["families"])
    assert ovh_families - families == set(), f"OVH families without a {target} region"
    assert families - ovh_families == set(), f"{target} families no OVH region uses"


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_family_zones_belong_to_region(target):
    for family, f in table(target, "regions")["families"].items():
        if f["region"] is None:
            continue
        assert len(f["zones"]) >= (3 if target == "eks" else 1), family
        for zone in f["zones"]:
            assert re.fullmatch(ZONE_FORMAT[target].format(region=re.escape(f["region"])),
                                zone), (family, zone)


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_every_ovh_zone_maps_to_a_zone_of_the_family_region(ovh_regions, target):
    regions = table(target, "regions")
    zone_map = regions["zones"]
    for code, r in ovh_regions.items():
        family = regions["families"][r["family"]]
        for zone in r.get("zones", []):
            assert zone in zone_map, f"{code}: zone {zone} has no {target} mapping"
            assert zone_map[zone] in family["zones"], (code, zone, zone_map[zone])
    all_ovh_zones = {z for r in ovh_regions.values() for z in r.get("zones", [])}
    assert set(zone_map) <= all_ovh_zones, f"{target} zone map has zones no OVH region declares"


def test_eks_regions_follow_the_reference():
    families = table("eks", "regions")["families"]
    # targets.md section 3, AWS column
    expected = {"GRA": "eu-west-3", "RBX": "eu-west-3", "EU-WEST-PAR": "eu-west-3",
                "SBG": "eu-central-1", "DE": "eu-central-1", "UK": "eu-west-2",
                "WAW": "eu-central-1", "EU-SOUTH-MIL": "eu-south-1", "BHS": "ca-central-1",
                "US-EAST-VA": "us-east-1", "US-WEST-OR": "us-west-2", "SGP": "ap-southeast-1",
                "SYD": "ap-southeast-2", "AP-SOUTH-MUM": "ap-south-1"}
    assert {k: families[k]["region"] for k in expected} == expected
    # a family whose city has no AWS region says so
    for k in ("WAW", "CA-EAST-TOR", "EU-CENTRAL-LZ-PRG", "EU-WEST-LZ-BRU", "US-EAST-LZ-NYC"):
        assert "no " in families[k]["note"].lower() and "(verify)" in families[k]["note"], k


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


# AWS sizes: vCPU per size name (targets.md section 2.2), memory per vCPU per family letter
AWS_SIZES = {"large": 2, "xlarge": 4, "2xlarge": 8, "4xlarge": 16, "8xlarge": 32,
             "12xlarge": 48, "16xlarge": 64, "24xlarge": 96, "32xlarge": 128, "48xlarge": 192}
AWS_RATIO = {"m": (4, "standard"), "c": (2, "highcpu"), "r": (8, "highmem")}


def test_eks_instance_types_consistent():
    types = table("eks", "machine_types")["machine_types"]
    for name, m in types.items():
        series, _, size = name.partition(".")
        assert series == m["series"] and size, name
        assert (m["class"] == "gpu") == (m["gpu"] is not None), name
        if m["gpu"] is not None:
            assert m["gpu"]["accelerator"].startswith("nvidia-"), name
            assert m["gpu"]["attached"] is False, name
        elif series[0] in AWS_RATIO and series != "t3":
            ratio, cls = AWS_RATIO[series[0]]
            assert (m["vcpu"], m["ram_gb"], m["class"]) == \
                (AWS_SIZES[size], ratio * AWS_SIZES[size], cls), name
    for series in ("m6i", "m7i", "c6i", "c7i", "r6i", "r7i"):
        assert {f"{series}.{s}" for s in ("large", "xlarge", "4xlarge", "24xlarge")} <= \
            set(types), series
    for family in ("g4dn", "g5", "g6", "gr6", "g6e", "p3", "p3dn", "p4d", "p4de", "p5", "p5e"):
        assert any(n.startswith(family + ".") for n in types), family
    # spot checks against targets.md section 2.2
    assert (types["g6e.xlarge"]["vcpu"], types["g6e.xlarge"]["ram_gb"]) == (4, 32)
    assert types["p4de.24xlarge"]["gpu"]["model"] == "A100-80"
    assert types["p5.4xlarge"]["gpu"] == {"model": "H100", "count": 1, "memory_gb": 80,
                                          "accelerator": "nvidia-h100", "attached": False}


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_series_order_names_known_series(target):
    mt = table(target, "machine_types")
    series = {m["series"] for m in mt["machine_types"].values() if m["class"] != "gpu"}
    assert set(mt["series_order"]) <= series, set(mt["series_order"]) - series


def test_gke_series_order_kept_from_fit():
    # the preference fit.py had built in before it became data
    assert table("gke", "machine_types")["series_order"] == ["n2", "e2", "n2d", "c3", "n1"]


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_gpu_model_names_share_one_vocabulary(flavors, ai_flavors, target):
    schema = load(SCHEMAS / "machine_types.schema.json")["$defs"]["gpu_model"]["enum"]
    ovh = {f["gpu"]["model"] for f in flavors["instance"].values() if f["gpu"]}
    ovh |= {f["gpu"]["model"] for f in ai_flavors.values() if f["gpu"]}
    assert ovh <= set(schema)
    assert target_gpu_models(table(target, "machine_types")) <= set(schema)


def test_attachable_gpus_have_host_series(machine_types):
    series = {m["series"] for m in machine_types["machine_types"].values()}
    for model, g in machine_types["attachable_gpus"].items():
        assert g["series"] in series, model
        for count in g.get("counts", []):
            assert count <= g["max_per_vm"], model
        for count in g.get("max_vcpu", {}):
            assert int(count) in g.get("counts", [int(count)]), model


def test_eks_has_no_attachable_gpus():
    assert table("eks", "machine_types")["attachable_gpus"] == {}


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_every_ovh_gpu_model_has_an_equivalent(flavors, ai_flavors, target):
    gpus_t = table(target, "gpus")
    available = target_gpu_models(table(target, "machine_types"))
    used = {f["gpu"]["model"] for f in flavors["instance"].values() if f["gpu"]}
    used |= {f["gpu"]["model"] for f in ai_flavors.values() if f["gpu"]}
    for model in sorted(used):
        entries = gpus_t["equivalents"].get(model)
        assert entries, f"no {target} equivalent for OVH GPU {model}"
        assert any(e["model"] in available for e in entries), model


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_every_equivalent_model_exists_in_catalog(target):
    available = target_gpu_models(table(target, "machine_types"))
    for source, entries in table(target, "gpus")["equivalents"].items():
        for e in entries:
            assert e["model"] in available, (source, e["model"])


def test_eks_gpu_equivalents_follow_the_reference():
    eq = table("eks", "gpus")["equivalents"]
    first = {k: (v[0]["model"], v[0]["quality"]) for k, v in eq.items()}
    assert first["L4"] == ("L4", "exact") and first["L40S"] == ("L40S", "exact")
    assert first["H100"] == ("H100", "exact")
    assert first["A100-80"] == ("H100", "approximated")  # no single-A100 instance on AWS
    assert first["A10"] == ("A10G", "approximated")
    assert first["V100S"][1] == "approximated"


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_target_files_declare_their_target(target):
    for name in ("regions", "machine_types", "gpus"):
        assert table(target, name)["target"] == target


def test_fit_machine_on_eks_is_sensible(flavors):
    from iac_translate.targets.fit import fit_machine
    tables = mapping.load_tables("eks")
    inst = flavors["instance"]
    picks = {n: fit_machine(f, tables) for n, f in inst.items()}
    assert all(picks.values()), [n for n, p in picks.items() if p is None]
    assert picks["b3-8"].machine_type == "m7i.large" and picks["b3-8"].quality == "exact"
    assert picks["c3-8"].machine_type == "c7i.xlarge"
    for name in (n for n in inst if n.startswith("r3-")):
        assert picks[name].machine_type.split(".")[0] in ("r6i", "r7i"), name
    assert picks["l4-90"].machine_type.startswith("g6.")
    assert picks["l40s-90"].machine_type.startswith("g6e.")
    assert picks["h100-380"].machine_type.startswith("p5.")
    assert picks["a100-180"].machine_type == "p5.4xlarge"
    for name, f in inst.items():
        p = picks[name]
        if f["gpu"]:
            assert p.gpu_model and p.accelerator, name
            assert tables.machine_types["machine_types"][p.machine_type]["gpu"]["count"] >= \
                p.gpu_count, name
        else:
            assert p.vcpu >= f["vcpu"] and p.ram_gb >= 0.93 * f["ram_gb"], name


# --------------------------------------------------------------------------- naming / required

PROVIDER = {"gke": "google", "eks": "aws"}


@pytest.fixture(scope="module")
def provider_schemas():
    from schema.tfcheck import load_schemas
    return load_schemas(Path(__file__).parent / "data" / "schemas").providers


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_naming_fields_are_string_arguments_of_the_provider(provider_schemas, target):
    assert_naming_args_are_strings(table(target, "naming"),
                                   provider_schemas[PROVIDER[target]]["resources"])


def assert_naming_args_are_strings(naming, resources):
    """Every argument a naming table names is a string argument of the provider's type."""
    for key in ("fields", "references"):
        for path, style in naming.get(key, {}).items():
            assert style in naming["styles"], path
            rtype, *blocks, arg = path.split(".")
            body = resources[rtype]
            for b in blocks:
                body = body["blocks"][b]
            assert body["attributes"][arg]["type"] == "string", path


# names a source may carry, and what each style must make of them
NAME_SAMPLES = ("My App", "prod--db", "a", "9lives", "x" * 300, "Team_A.repo/Thing", "default",
                "sg-web", "internal-lb", "xn--b", "a..b", "-lead-", "Data Base #1", "été",
                "192.168.0.1")


@pytest.mark.parametrize("target", TABLE_TARGETS)
def test_every_naming_style_turns_samples_into_accepted_names(target):
    from iac_translate.targets.tfbase.naming import styles
    rules = styles(table(target, "naming"))
    for path, style in rules.items():
        for sample in NAME_SAMPLES:
            out = sample if style.valid(sample) else style.normalise(sample)
            assert style.valid(out), (path, sample, out)
            assert out == (sample if style.valid(sample) else style.normalise(out)), path


def test_eks_naming_rules_of_the_task():
    from iac_translate.targets.tfbase.naming import styles
    rules = {".".join(k): v for k, v in styles(table("eks", "naming")).items()}
    db = rules["aws_db_instance.identifier"]
    assert db.normalise("prod--db") == "prod-db" and not db.valid("db-") and not db.valid("1db")
    assert rules["aws_elasticache_replication_group.replication_group_id"].max == 40
    assert rules["aws_opensearch_domain.domain_name"].normalise("ab") == "ab-search"
    assert rules["aws_eks_cluster.name"].valid("Prod_Cluster-1")
    assert not rules["aws_s3_bucket.bucket"].valid("a..b")
    assert rules["aws_security_group.name"].normalise("sg-web") == "sgr-web"


def test_eks_required_table_is_generated():
    from schema.gen_required import build, render
    shipped = (EKS / "required.json").read_text(encoding="utf-8")
    assert shipped == render(build("eks")), "run: python tests/schema/gen_required.py --target eks"
    doc = load(EKS / "required.json")
    assert doc["resources"]["aws_eks_node_group"]["blocks"]["scaling_config"]["args"] == \
        ["desired_size", "max_size", "min_size"]
    assert {"aws_eks_cluster_auth", "aws_iam_policy_document"} <= set(doc["data_sources"])


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


def test_eks_database_engines_and_plans():
    db = table("eks", "databases")
    engines = db["engines"]
    # every engine the GKE table knows has an AWS answer (a service or a reason)
    assert set(engines) == set(table("gke", "databases")["engines"])
    pg = engines["postgresql"]
    assert (pg["service"], pg["engine"]) == ("rds", "postgres")
    assert set(engines["postgresql"]["versions"]) >= {"13", "14", "15", "16", "17"}
    assert engines["mysql"]["versions"]["8.4"] == "8.4"
    assert (engines["valkey"]["service"], engines["valkey"]["engine"]) == ("elasticache", "valkey")
    assert engines["redis"]["engine"] == "redis" and engines["kafka"]["service"] == "msk"
    assert engines["opensearch"]["service"] == "opensearch"
    assert engines["mongodb"]["service"] == "docdb" and "not" in engines["mongodb"]["gap"]
    for name, e in engines.items():
        if e["service"] is None:
            assert "versions" not in e and e["note"], name
        else:
            assert e["service"] in db["services"] and e["service"] in db["instance_classes"], name
    plans = db["plans"]
    assert (plans["essential"]["multi_az"], plans["essential"]["nodes"]) == (False, 1)
    assert plans["business"]["multi_az"] is True and plans["enterprise"]["db_cluster"] is True
    assert set(plans) == set(table("gke", "databases")["plans"])


def test_eks_database_flavors_map_to_a_big_enough_class(flavors):
    db = table("eks", "databases")
    for service, classes in db["instance_classes"].items():
        mapped = db["flavors"][service]
        assert set(mapped) == set(flavors["database"]), service
        for flavor, cls in mapped.items():
            want, got = flavors["database"][flavor], classes[cls]
            assert got["vcpu"] >= want["vcpu"], (service, flavor, cls)
            assert got["ram_gb"] >= 0.93 * want["ram_gb"], (service, flavor, cls)
            # the smallest such class: none of the same kind is strictly smaller in both
            smaller = [n for n, c in classes.items() if n != cls and c["vcpu"] >= want["vcpu"]
                       and c["ram_gb"] >= 0.93 * want["ram_gb"] and c["vcpu"] <= got["vcpu"]
                       and c["ram_gb"] < got["ram_gb"]]
            assert not smaller, (service, flavor, cls, smaller)
    assert db["flavors"]["rds"]["db1-7"] == "db.m7g.large"
    assert db["flavors"]["elasticache"]["db1-15"].startswith("cache.r7g.")
    assert db["services"]["rds"]["storage_type"] == "gp3"


def test_eks_tables_take_mapping_overrides():
    over = {"eks/regions.json": {"families": {"GRA": {"region": "eu-central-1",
                                                      "zones": ["eu-central-1a"]}}}}
    tables = mapping.load_tables("eks", over)
    assert tables.regions["families"]["GRA"]["region"] == "eu-central-1"
    assert tables.regions["families"]["SBG"]["region"] == "eu-central-1"  # merged, not replaced
    with pytest.raises(mapping.MappingError, match="eks/databases.json"):
        mapping.load_tables("eks", {"eks/databases.json": {"plans": {"essential": {"nodes": 0}}}})
    with pytest.raises(mapping.MappingError, match="unknown mapping table"):
        mapping.load_tables("eks", {"eks/nope.json": {}})


@pytest.mark.parametrize("rel", ["eks/naming.json", "gke/platform.json", "eks/companions.json",
                                 "gke/fields.json", "profiles/eks.json"])
def test_overrides_of_the_translators_own_data_are_refused(rel):
    # Nothing reads an override of these: accepting one would ignore it silently.
    assert rel in mapping._FILES and not mapping.overridable(rel)
    with pytest.raises(mapping.MappingError, match="translator's own data"):
        mapping.load_tables(rel.split("/")[0] if not rel.startswith("profiles") else "eks",
                            {rel: {}})


def test_mapping_tables_stay_overridable():
    for t in ("gke", "eks"):
        for name in ("regions", "machine_types", "gpus", "databases"):
            assert mapping.overridable(f"{t}/{name}.json")
    assert mapping.overridable("data/ovh_flavors.json")
    assert not mapping.overridable("data/reversibility.json")
