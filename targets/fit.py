"""Best-fit choices from mapping tables: OVH region -> target region, OVH flavor -> machine type."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .mapping import Tables

# OVH sizes are decimal GB on the order sheet; targets report binary GB.  Accept a 7% shortfall.
_RAM_TOLERANCE = 0.93


@dataclass(frozen=True)
class RegionFit:
    region: str
    zones: tuple[str, ...]
    family: str
    note: str


@dataclass(frozen=True)
class MachineFit:
    machine_type: str
    vcpu: float
    ram_gb: float
    gpu_model: str | None
    gpu_count: int
    accelerator: str | None
    attached_gpu: bool  # True when the GPU is a guest_accelerator on an n1 VM
    quality: str  # "exact" or "approximated"
    note: str


def region_family(code: str, tables: Tables) -> str | None:
    """The family key of an OVH region code (`GRA11` -> `GRA`, `eu-west-par` -> EU-WEST-PAR)."""
    up = code.strip().upper()
    regions: dict[str, Any] = tables.ovh_regions["regions"]
    if up in regions:
        return str(regions[up]["family"])
    stripped = re.sub(r"-?\d+$", "", up)
    if stripped in regions:
        return str(regions[stripped]["family"])
    return None


def fit_region(code: str, tables: Tables) -> RegionFit | None:
    family = region_family(code, tables)
    if family is None:
        return None
    entry = tables.regions["families"].get(family)
    if not entry or not entry.get("region"):
        return None
    return RegionFit(entry["region"], tuple(entry.get("zones", ())), family, entry.get("note", ""))


def fit_zone(ovh_zone: str, tables: Tables) -> str | None:
    return tables.regions.get("zones", {}).get(ovh_zone.strip().lower())


def ovh_flavor(name: str, tables: Tables, kind: str = "instance") -> dict[str, Any] | None:
    return tables.ovh_flavors[kind].get(name.strip().lower())


def fit_machine(flavor: dict[str, Any], tables: Tables) -> MachineFit | None:
    """The smallest target machine with at least the flavor's vCPU/RAM (and GPU, ranked)."""
    # Memoized per tables (their `memo`): each pool asks twice (lowering and diagnostics),
    # and every pool of a flavor asks the same question.
    key = "fit_machine:" + json.dumps(flavor, sort_keys=True, default=str)
    if key not in tables.memo:
        tables.memo[key] = _fit_machine(flavor, tables)
    fit: MachineFit | None = tables.memo[key]
    return fit


def _fit_machine(flavor: dict[str, Any], tables: Tables) -> MachineFit | None:
    gpu = flavor.get("gpu")
    if gpu:
        return _fit_gpu(flavor, gpu, tables)
    best: tuple[float, int, str] | None = None
    # Preference among equally good series (earlier = preferred): a per-target table.
    order: list[str] = tables.machine_types.get("series_order", [])
    for name, m in tables.machine_types["machine_types"].items():
        if m.get("gpu") or m["class"] == "gpu":
            continue
        if m["vcpu"] < flavor["vcpu"] or m["ram_gb"] < flavor["ram_gb"] * _RAM_TOLERANCE:
            continue
        waste = (m["vcpu"] - flavor["vcpu"]) / flavor["vcpu"] + \
            max(0.0, m["ram_gb"] - flavor["ram_gb"]) / flavor["ram_gb"]
        rank = order.index(m["series"]) if m["series"] in order else 99
        key = (round(waste, 4), rank, name)
        if best is None or key < best:
            best = key
    if best is None:
        return None
    m = tables.machine_types["machine_types"][best[2]]
    exact = m["vcpu"] == flavor["vcpu"] and abs(m["ram_gb"] - flavor["ram_gb"]) <= \
        0.1 * flavor["ram_gb"]
    return MachineFit(best[2], m["vcpu"], m["ram_gb"], None, 0, None, False,
                      "exact" if exact else "approximated", "")


def _fit_gpu(flavor: dict[str, Any], gpu: dict[str, Any], tables: Tables) -> MachineFit | None:
    for eq in tables.gpus["equivalents"].get(gpu["model"], []):
        count = gpu["count"] * int(eq.get("count_multiplier", 1))
        found = _gpu_machine(eq["model"], count, flavor, tables)
        if found is not None:
            name, m, attached, accel = found
            return MachineFit(name, m["vcpu"], m["ram_gb"], eq["model"], count, accel, attached,
                              eq["quality"], eq.get("note", ""))
    return None


def _gpu_machine(model: str, count: int, flavor: dict[str, Any],
                 tables: Tables) -> tuple[str, dict[str, Any], bool, str] | None:
    types: dict[str, Any] = tables.machine_types["machine_types"]
    built_in = sorted(
        ((m["gpu"]["count"], m["vcpu"], m["ram_gb"], name) for name, m in types.items()
         if m.get("gpu") and m["gpu"]["model"] == model and m["gpu"]["count"] >= count),
    )
    # Prefer the exact GPU count with enough CPU/RAM, then the exact count, then more GPUs.
    for n, vcpu, ram, name in built_in:
        if n == count and vcpu >= flavor["vcpu"] and ram >= flavor["ram_gb"] * _RAM_TOLERANCE:
            return name, types[name], False, types[name]["gpu"]["accelerator"]
    for n, _vcpu, _ram, name in built_in:
        if n == count:
            return name, types[name], False, types[name]["gpu"]["accelerator"]
    if built_in:
        name = built_in[0][3]
        return name, types[name], False, types[name]["gpu"]["accelerator"]
    att = tables.machine_types.get("attachable_gpus", {}).get(model)
    if att and count in att.get("counts", []):
        limit = att.get("max_vcpu", {}).get(str(count), 96)
        host = [(m["vcpu"], name) for name, m in types.items()
                if m["series"] == att["series"] and not m.get("gpu") and m["class"] == "standard"
                and flavor["vcpu"] <= m["vcpu"] <= limit]
        if host:
            name = min(host)[1]
            return name, types[name], True, att["accelerator"]
    return None
