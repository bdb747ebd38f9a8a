"""The mapping tables verify compares through (flavors, machine types, GPUs, regions), as data."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

# The tables are read as data files of the targets package, not through its code: the
# compiler reaches target code only through compiler/api.py (tests/test_architecture.py), and
# verify must judge the output independently of the lowering that wrote it.
_ROOT = Path(__file__).resolve().parents[2] / "targets"


@cache
def _shipped(rel: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((_ROOT / rel).read_text(encoding="utf-8"))
    return data


def _merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        return {**base, **{k: _merge(base.get(k), v) for k, v in over.items()}}
    return over


@dataclass(frozen=True)
class Tables:
    docs: dict[str, Any]
    # The output blocks of the module being compared, for facts that span two blocks (a
    # cluster's Pod range is declared on its subnetwork).
    blocks: dict[str, Any] = field(default_factory=dict)
    target: str = "gke"  # whose machine types and regions the output is read with

    def near(self, blocks: dict[str, Any]) -> Tables:
        return Tables(self.docs, blocks, self.target)

    def doc(self, rel: str) -> dict[str, Any]:
        return dict(self.docs.get(rel) or {})

    def flavor(self, name: str, kind: str = "instance") -> dict[str, Any] | None:
        found = self.doc("data/ovh_flavors.json").get(kind, {}).get(name)
        return dict(found) if isinstance(found, dict) else None

    def ai_flavor(self, name: str) -> dict[str, Any] | None:
        found = self.doc("data/ovh_ai_flavors.json").get("flavors", {}).get(name)
        return dict(found) if isinstance(found, dict) else None

    def machine(self, name: str) -> dict[str, Any] | None:
        found = self.doc(f"{self.target}/machine_types.json").get("machine_types", {}).get(name)
        return dict(found) if isinstance(found, dict) else None

    def gpu_model(self, accelerator: str) -> str | None:
        """The GPU model of a GKE accelerator type (`nvidia-l4` -> L4)."""
        mt = self.doc(f"{self.target}/machine_types.json")
        for model, entry in sorted(mt.get("attachable_gpus", {}).items()):
            if entry.get("accelerator") == accelerator:
                return str(model)
        for _, entry in sorted(mt.get("machine_types", {}).items()):
            gpu = entry.get("gpu") or {}
            if gpu.get("accelerator") == accelerator:
                return str(gpu.get("model"))
        return None

    def gpu_product_model(self, product: str) -> str | None:
        """The GPU model of a GPU Feature Discovery product label (`NVIDIA-L4` -> L4)."""
        for _, f in sorted(self.doc("data/ovh_ai_flavors.json").get("flavors", {}).items()):
            gpu = f.get("gpu") or {}
            if gpu.get("product") == product:
                return str(gpu.get("model"))
        return None

    def region(self, code: str) -> str | None:
        """The GCP region of an OVH region code (`GRA11` -> its family's region)."""
        up = code.strip().upper()
        regions = self.doc("data/ovh_regions.json").get("regions", {})
        entry = regions.get(up) or regions.get(re.sub(r"-?\d+$", "", up))
        if not entry:
            return None
        fam = self.doc(f"{self.target}/regions.json").get("families", {}).get(
            entry.get("family"))
        return str(fam["region"]) if fam and fam.get("region") else None

    def zone(self, ovh_zone: str) -> str | None:
        found = self.doc(f"{self.target}/regions.json").get("zones", {}).get(
            ovh_zone.strip().lower())
        return str(found) if found else None


_FILES = ("data/ovh_flavors.json", "data/ovh_ai_flavors.json", "data/ovh_regions.json")
_TARGET_FILES = ("machine_types.json", "regions.json", "gpus.json")
# per target: more tables its output facts read (RDS/ElastiCache class sizes)
_MORE = {"eks": ("databases.json",), "scaleway": ("databases.json",),
         "aks": ("databases.json",)}
TERRAFORM = ("gke", "eks", "scaleway", "aks")  # the targets whose own tables verify reads


def load(overrides: dict[str, Any] | None = None, target: str = "gke") -> Tables:
    """The shipped tables of `target` (a Terraform target; a Kubernetes one reads GKE's) with the
    run's `--mapping` overrides merged over them (the translation validated those; a bad
    one already failed there)."""
    overrides = overrides or {}
    cloud = target if target in TERRAFORM else "gke"
    files = _FILES + tuple(f"{cloud}/{f}" for f in _TARGET_FILES + _MORE.get(cloud, ()))
    return Tables({rel: _merge(_shipped(rel), overrides[rel]) if rel in overrides
                   else _shipped(rel) for rel in files}, target=cloud)
