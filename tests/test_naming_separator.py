"""Styles that refuse a hyphen (AKS node pools, storage accounts, registries): cut names and
wrapped expressions use the style's own separator (targets/tfbase/naming.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.mapping import data_table
from iac_translate.targets.tfbase import naming

TABLES = {t: data_table(f"{t}/naming.json") for t in ("aks", "gke", "eks", "scaleway")}


def style(target: str, name: str) -> naming.Style:
    table = TABLES[target]
    assert table is not None
    return next(s for s in naming.styles(table).values() if s.name == name)


@pytest.mark.parametrize(("name", "sep"), [("aks_node_pool", ""), ("storage_account", ""),
                                           ("container_registry", ""), ("aks_cluster", "-")])
def test_separator_is_the_styles_own(name: str, sep: str) -> None:
    assert style("aks", name).sep == sep


@pytest.mark.parametrize("name", ["aks_node_pool", "storage_account", "container_registry"])
def test_long_name_cut_keeps_its_start_and_a_hash(name: str) -> None:
    s = style("aks", name)
    raw = "production-workers-for-the-analytics-platform-of-the-company-europe"
    out = s.normalise(raw)
    assert s.valid(out) and len(out) == s.max
    assert out.endswith(naming._h(raw)) and "-" not in out
    assert out.startswith("productio"[:s.max - 4])  # not the made-up prefix+hash fallback
    assert s.normalise(raw) == out


def test_rds_identifier_keeps_hyphens() -> None:
    s = style("eks", "rds_identifier")
    assert s.normalise("my__db--main") == "my-db-main"


def test_wrap_replaces_refused_characters_by_nothing() -> None:
    text = to_hcl(style("aks", "aks_node_pool").wrap(E.ref("var.pool")))
    assert text == ('trim(one([for name in [replace(lower(var.pool), "/[^a-z0-9]/", "")] : '
                    'length(name) > 12 ? "${substr(name, 0, 6)}${substr(sha1(name), 0, 6)}" : '
                    'name]), "-")')
    text = to_hcl(style("gke", "rfc1035").wrap(E.ref("var.n")))
    assert '"/[^a-z0-9-]/", "-")' in text


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=120),
       st.sampled_from(sorted((t, s.name) for t, table in TABLES.items() if table
                              for s in naming.styles(table).values())))
def test_any_text_becomes_a_valid_name_on_every_target(raw: str, which: tuple[str, str]) -> None:
    s = style(*which)
    out = s.normalise(raw)
    assert s.valid(out), (raw, out)
