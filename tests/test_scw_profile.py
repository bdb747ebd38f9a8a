"""targets/profiles/scaleway.json: the Kapsule cluster profile is schema-valid and agrees with
the Scaleway lowering's data (GPU taint, registry host) and the provider schema's types."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator
from schema import shared_schemas

ROOT = Path(__file__).resolve().parent.parent
PROFILE = json.loads((ROOT / "targets" / "profiles" / "scaleway.json").read_text("utf-8"))


def test_the_profile_is_schema_valid() -> None:
    schema = json.loads((ROOT / "targets" / "schemas" / "cluster_profile.schema.json")
                        .read_text("utf-8"))
    assert not list(Draft202012Validator(schema).iter_errors(PROFILE))
    assert PROFILE["cluster"] == "scaleway"


def test_the_gpu_taint_is_the_one_the_pools_get() -> None:
    kube = json.loads((ROOT / "targets" / "scaleway" / "kube.json").read_text("utf-8"))
    assert PROFILE["gpu"]["taint"] == kube["pool"]["gpu_taint"]


def test_kapsule_has_no_managed_controller_so_both_say_what_to_install() -> None:
    for kind in ("gateway", "ingress"):
        ctl = PROFILE["controllers"][kind]
        assert "install" in ctl["install"] and "installed_by" not in ctl
    assert PROFILE["controllers"]["gateway"]["controller_name"]  # the class is written


def test_the_registry_host_is_the_namespace_endpoint() -> None:
    host = PROFILE["registry_host"].format(location="fr-par", repository="apps")
    assert host == "rg.fr-par.scw.cloud/apps"


def test_the_terraform_types_exist_in_the_provider() -> None:
    reason = shared_schemas.missing_reason("scaleway")
    if reason:
        pytest.skip(reason)
    doc = shared_schemas.load("scaleway")
    kinds = {k: v for k, v in PROFILE["terraform"].items() if k not in ("provider",
                                                                        "project_argument")}
    assert not [t for t in kinds.values() if t not in doc["resources"]]
    assert PROFILE["terraform"]["project_argument"] in json.dumps(doc["provider"])
