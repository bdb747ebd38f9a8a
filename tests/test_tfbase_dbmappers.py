"""Database flavor lookups and variable-default mappers (targets/tfbase/dbmappers.py)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from iac_translate.targets.aks import database as AKS
from iac_translate.targets.scaleway import database as SCW
from iac_translate.targets.tfbase import dbmappers


def _ctx(databases: dict[str, Any]) -> Any:
    return SimpleNamespace(tables=SimpleNamespace(databases=databases))


TABLE = {"flavors": {"pg": {"db1-4": "small", "db1-15": "big"}},
         "engines": {"postgresql": {"versions": {"16": "16.4"}}, "redis": {}}}


def test_flavor_is_looked_up_trimmed_and_lowercase() -> None:
    ctx = _ctx(TABLE)
    assert dbmappers.flavor_of(ctx, "pg", " DB1-15 ") == "big"
    assert dbmappers.flavor_of(ctx, "pg", "db2-7") is None
    assert dbmappers.flavor_of(ctx, "mysql", "db1-4") is None


def test_mappers_per_service_and_engine() -> None:
    out = dbmappers.mappers(_ctx(TABLE))
    assert sorted(out) == ["db_flavor:pg", "db_version:postgresql", "db_version:redis"]
    assert out["db_flavor:pg"]("db1-4") == "small"
    assert out["db_version:postgresql"]("16") == "16.4"
    assert out["db_version:redis"]("7") is None


def test_the_families_use_them() -> None:
    # FamilyTarget reads `mappers` off the family module; the other modules call the lookups
    assert SCW.mappers is dbmappers.mappers and AKS.mappers is dbmappers.mappers
    assert SCW.node_type_of is dbmappers.flavor_of and AKS.sku_of is dbmappers.flavor_of
