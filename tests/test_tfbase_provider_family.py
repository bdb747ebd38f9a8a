"""The providers steps every cloud takes alike (targets/tfbase/provider_family.py) on scaleway,
aks and eks: module-call entries dropped, the state backend's region, the default provider."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets.aks import providers as AKS
from iac_translate.targets.eks import providers as EKS
from iac_translate.targets.scaleway import providers as SCW
from iac_translate.targets.tfbase import provider_family as PF

BACKEND = '''
terraform {
  backend "s3" {
    bucket = "state"
    key    = "k.tfstate"
    region = "%s"
    endpoints = {
      s3 = "https://s3.%s.io.cloud.ovh.net"
    }
  }
}
provider "ovh" {
  alias    = "eu"
  endpoint = "ovh-eu"
}
'''
PROVIDER = {"scaleway": "scaleway", "aks": "azurerm", "eks": "aws"}


def _run(target: str, src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, target)
    return "\n".join(r.files.values()), [(d.code, d.message) for d in r.diagnostics]


def test_module_call_entries_dropped_name_the_clouds_bucket() -> None:
    assert AKS._DROPPED["aws"] == ("buckets on OVH Object Storage become "
                                   "azurerm_storage_container resources of provider azurerm")
    assert SCW._DROPPED["aws"].endswith("scaleway_object_bucket resources of provider scaleway")
    assert "aws" not in EKS._DROPPED  # (the aws provider stays on EKS)
    assert set(PF.dropped_providers(EKS.CLOUD, buckets=False)) == {"harbor", "openstack"}


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_an_unknown_backend_region_is_said_and_a_known_one_is_the_roots(target: str) -> None:
    out, diags = _run(target, BACKEND % ("zz", "zz"))
    assert [m for c, m in diags if c == "IT304" and "`zz` of the state backend" in m]
    out, diags = _run(target, BACKEND % ("gra", "gra"))
    assert not [m for c, m in diags if c == "IT304"]
    if target == "scaleway":  # (the root's provider works where its state lives)
        assert 'region     = "fr-par"' in out


@pytest.mark.parametrize("target", ["scaleway", "aks", "eks"])
def test_a_root_gets_its_default_provider_and_requirement(target: str) -> None:
    name = PROVIDER[target]
    bare = BACKEND[:BACKEND.index('provider "ovh"')] % ("gra", "gra")
    for src in (bare, BACKEND % ("gra", "gra")):  # the scaffolded one, then ovh's alias
        out, _ = _run(target, src)
        assert out.count(f'provider "{name}" {{') == 1
        assert f"{name} = {{" in out  # required_providers
    assert re.search(r'alias +=  *"eu"', out)


def test_scaffolded_variables_are_nullable_strings() -> None:
    v = PF.scaffold_variable("x", "why it is there", "what it is")
    assert v.comments == ["scaffolding: why it is there"]
    assert [(i.name, getattr(i.value, "value", None)) for i in v.items] == [
        ("description", "what it is"), ("type", None), ("default", None)]
