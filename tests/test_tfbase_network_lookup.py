"""A looked-up OVH private network (targets/tfbase/network_lookup.py) on aks and scaleway:
the cloud's data source of its name, a TODO where it names none, all its arguments read."""

from __future__ import annotations

import pytest
from asked_for import asked_for
from iac_translate.compiler.api import translate

LOOKUP = '''
data "ovh_cloud_project_network_private" "p" {
  service_name = "x"
  network_id   = "pn-1"
%s}
'''
TYPES = {"aks": "azurerm_virtual_network", "scaleway": "scaleway_vpc_private_network"}


def _run(target: str, name: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": LOOKUP % name}, target)
    return "\n".join(r.files.values()), [d.message for d in r.diagnostics
                                         if "ovh_cloud_project_network_private.p" in d.message]


@pytest.mark.parametrize("target", TYPES)
def test_a_named_lookup_is_the_data_source_of_that_name(target: str) -> None:
    out, said = _run(target, '  name         = "backend"\n')
    assert f'data "{TYPES[target]}" "p" {{' in out
    assert 'name = "backend"' in " ".join(out.split())
    assert "TODO(IT308)" not in out
    assert len(said) == 1 and "looked up as" in said[0], said  # no argument left unread


@pytest.mark.parametrize("target", TYPES)
def test_a_lookup_by_id_only_asks_for_the_name(target: str) -> None:
    out, said = _run(target, "")
    assert f'data "{TYPES[target]}" "p" {{' in out
    assert "pn-1" not in out
    asked_for(out, "the")
    assert len(said) == 1, said
