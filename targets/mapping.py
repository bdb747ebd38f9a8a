"""Mapping tables: JSON data shipped with the package (schema-checked in tests), overridable."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

# data file (relative to the targets package) -> schema file name
_FILES = {
    "data/ovh_flavors.json": "ovh_flavors.schema.json",
    "data/ovh_regions.json": "ovh_regions.schema.json",
    "data/ovh_ai_flavors.json": "ovh_ai_flavors.schema.json",
    "data/reversibility.json": "reversibility.schema.json",
    "data/ai_notebook_images.json": "ai_notebook_images.schema.json",
    "gke/regions.json": "target_regions.schema.json",
    "gke/machine_types.json": "machine_types.schema.json",
    "gke/gpus.json": "gpu_equivalents.schema.json",
    "gke/databases.json": "gke_databases.schema.json",
    "gke/naming.json": "naming.schema.json",
    "gke/required.json": "required_args.schema.json",
    "gke/platform.json": "gke_platform.schema.json",
    "eks/regions.json": "target_regions.schema.json",
    "eks/machine_types.json": "machine_types.schema.json",
    "eks/gpus.json": "gpu_equivalents.schema.json",
    "eks/databases.json": "eks_databases.schema.json",
    "eks/naming.json": "naming.schema.json",
    "eks/required.json": "required_args.schema.json",
    "eks/platform.json": "eks_platform.schema.json",
    "eks/storage.json": "eks_storage.schema.json",
    "eks/companions.json": "companions.schema.json",
    "eks/controllers.json": "eks_controllers.schema.json",
    "aks/regions.json": "target_regions.schema.json",
    "aks/machine_types.json": "machine_types.schema.json",
    "aks/gpus.json": "gpu_equivalents.schema.json",
    "aks/databases.json": "aks_databases.schema.json",
    "aks/naming.json": "naming.schema.json",
    "aks/required.json": "required_args.schema.json",
    "aks/kube.json": "aks_kube.schema.json",
    "aks/storage.json": "aks_storage.schema.json",
    "aks/compute.json": "aks_compute.schema.json",
    "aks/platform.json": "aks_platform.schema.json",
    "scaleway/regions.json": "target_regions.schema.json",
    "scaleway/machine_types.json": "machine_types.schema.json",
    "scaleway/gpus.json": "gpu_equivalents.schema.json",
    "scaleway/databases.json": "scaleway_databases.schema.json",
    "scaleway/naming.json": "naming.schema.json",
    "scaleway/required.json": "required_args.schema.json",
    "scaleway/storage.json": "scaleway_storage.schema.json",
    "scaleway/kube.json": "scaleway_kube.schema.json",
    "scaleway/platform.json": "scaleway_platform.schema.json",
    "scaleway/compute.json": "scaleway_compute.schema.json",
    "gke/fields.json": "target_fields.schema.json",
    "eks/fields.json": "target_fields.schema.json",
    "scaleway/fields.json": "target_fields.schema.json",
    "aks/fields.json": "target_fields.schema.json",
    "profiles/gke.json": "cluster_profile.schema.json",
    "profiles/eks.json": "cluster_profile.schema.json",
    "profiles/aks.json": "cluster_profile.schema.json",
    "profiles/scaleway.json": "cluster_profile.schema.json",
}


class MappingError(Exception):
    """A mapping file (shipped or user override) is invalid; message names the location."""


def _read(rel: str) -> Any:
    return json.loads(resources.files("iac_translate.targets").joinpath(rel).read_text("utf-8"))


@cache
def _shipped(rel: str) -> Any:
    # The shipped tables are validated against their schemas by the test suite
    # (tests/test_mapping_data.py), not on every run: importing jsonschema and validating
    # them was about 45% of a small translation. User overrides are validated (load_tables).
    return _read(rel)


def _validate(rel: str, data: Any) -> None:
    import jsonschema
    schema = _read("schemas/" + _FILES[rel])
    errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(data),
                    key=lambda e: list(e.absolute_path))
    if errors:
        e = errors[0]
        where = "/".join(str(p) for p in e.absolute_path) or "(root)"
        raise MappingError(f"{rel}: {where}: {e.message}")


def _merge(base: Any, override: Any) -> Any:
    """Deep-merge `override` into a copy of `base`: objects merge, everything else replaces."""
    if isinstance(base, dict) and isinstance(override, dict):
        out = dict(base)
        for k, v in override.items():
            out[k] = _merge(base.get(k), v) if k in base else copy.deepcopy(v)
        return out
    return copy.deepcopy(override)


@dataclass(frozen=True)
class Tables:
    """All mapping tables a target needs, after user overrides."""

    ovh_flavors: dict[str, Any]
    ovh_regions: dict[str, Any]
    ai_flavors: dict[str, Any]
    regions: dict[str, Any]
    machine_types: dict[str, Any]
    gpus: dict[str, Any]
    databases: dict[str, Any]
    # Results computed from these tables (targets/fit.py), shared by one run's lowerings.
    memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


# The tables a translation reads through Tables, by file name: what --mapping may override.
_MAPPING = ("data/ovh_flavors.json", "data/ovh_regions.json", "data/ovh_ai_flavors.json",
            "regions.json", "machine_types.json", "gpus.json", "databases.json")


def overridable(rel: str) -> bool:
    """True for a table `--mapping` may override (`eks/regions.json`; not `eks/naming.json`)."""
    return rel in _MAPPING or (not rel.startswith(("data/", "profiles/"))
                               and rel.split("/", 1)[-1] in _MAPPING)


def target_files(target: str) -> list[str]:
    """The table keys a target reads: the shared `data/` tables, then its own directory's."""
    return [rel for rel in _FILES if rel.startswith(("data/", target + "/"))]


def load_tables(target: str, overrides: dict[str, Any] | None = None) -> Tables:
    """Load a target's tables; `overrides` maps a file key (e.g. "gke/regions.json") to a
    partial document deep-merged over the shipped one and re-validated."""
    overrides = overrides or {}
    unknown = sorted(set(overrides) - set(_FILES))
    if unknown:
        raise MappingError(f"unknown mapping table `{unknown[0]}`; known tables: "
                           + ", ".join(sorted(_FILES)))
    # The other registered files are the translator's own data (naming rules, field
    # statuses, block shapes, profiles): an override of one would be read by nothing, so it
    # is refused rather than silently ignored.
    fixed = sorted(rel for rel in overrides if not overridable(rel))
    if fixed:
        raise MappingError(f"`{fixed[0]}` is the translator's own data, not a mapping table; "
                           "tables --mapping can override: "
                           + ", ".join(r for r in sorted(_FILES) if overridable(r)))
    docs: dict[str, Any] = {}
    for rel in target_files(target):
        data = _shipped(rel)
        if rel in overrides:
            data = _merge(data, overrides[rel])
            _validate(rel, data)
        docs[rel] = data
    return Tables(
        ovh_flavors=docs["data/ovh_flavors.json"],
        ovh_regions=docs["data/ovh_regions.json"],
        ai_flavors=docs["data/ovh_ai_flavors.json"],
        regions=docs[f"{target}/regions.json"],
        machine_types=docs[f"{target}/machine_types.json"],
        gpus=docs[f"{target}/gpus.json"],
        databases=docs[f"{target}/databases.json"],
    )


def data_table(rel: str) -> dict[str, Any] | None:
    """A shipped, schema-checked table by its key (e.g. "gke/naming.json"), or None."""
    return dict(_shipped(rel)) if rel in _FILES else None


def reversibility() -> dict[str, Any]:
    """The reversibility class table (core / adapt / specific), schema-checked."""
    return dict(_shipped("data/reversibility.json"))
