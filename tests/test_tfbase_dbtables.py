"""A database family's DECLARE/LOWER tables from tfbase/dbtables.py (scaleway, aks)."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from iac_translate.targets.aks import database as AKS
from iac_translate.targets.scaleway import database as SCW
from iac_translate.targets.tfbase import dbtables

KINDS = ["Database", "DatabaseDb", "DatabaseUser", "DatabaseTopic", "DatabaseAcl",
         "DatabaseIpRestriction", "DatabaseExtra"]


def test_sub_resources_go_to_the_parts_module_loaded_late() -> None:
    calls: list[tuple[str, Any]] = []
    loads: list[int] = []
    parts = SimpleNamespace(declare_sub=lambda ctx, node: ("ref", node), **{
        n: (lambda ctx, node, n=n: calls.append((n, node)))
        for n in ("lower_db", "lower_user", "lower_other", "lower_ip", "lower_extra", "mine")})

    def load() -> Any:
        loads.append(1)
        return parts
    declare, lower = dbtables.tables("pkg.fam.database", load, "D", "L",  # type: ignore[arg-type]
                                     "mine")
    assert not loads  # nothing imported until a sub-resource is lowered
    assert list(lower) == KINDS and lower["Database"] == "L" and declare["Database"] == "D"
    for kind in KINDS[1:]:
        lower[kind](None, kind)  # type: ignore[arg-type]
    assert [c[0] for c in calls] == ["lower_db", "lower_user", "mine", "lower_other",
                                     "lower_ip", "lower_extra"]
    assert declare["DatabaseUser"](None, "u") == ("ref", "u")  # type: ignore[arg-type]
    # the report's rule names the family module, not tfbase
    assert {f.__module__ for f in lower.values() if f != "L"} == {"pkg.fam.database"}


def test_the_clouds_tables(monkeypatch: Any) -> None:
    for fam, topic in ((SCW, "lower_other"), (AKS, "lower_topic")):
        assert list(fam.LOWER) == KINDS
        # (Scaleway's lowerings are wrapped to carry a database's own region to its parts)
        lower = fam.LOWER["Database"]
        assert getattr(lower, "__wrapped__", lower) is fam.lower_database
        assert fam.DECLARE["Database"] is fam.declare_database
        assert fam.LOWER["DatabaseTopic"].__module__ == fam.__name__
        seen: list[str] = []
        monkeypatch.setattr(fam._parts(), topic, lambda ctx, node, seen=seen: seen.append(node))
        topic_lower = fam.LOWER["DatabaseTopic"]
        getattr(topic_lower, "__wrapped__", topic_lower)(None, "t")  # type: ignore[arg-type]
        assert seen == ["t"]
