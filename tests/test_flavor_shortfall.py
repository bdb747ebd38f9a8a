"""A mapped machine with notably less vCPU or RAM than its OVH flavor is a warning stating the
numbers (targets/tfbase/fitmap.py, shared by every Terraform target)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.passes.machine import machine_of
from iac_translate.targets.fit import fit_machine
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.fitmap import SHORTFALL, shortfall

POOL = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "%s"
  desired_nodes = 1
}
'''
TARGETS = ("gke", "eks", "aks", "scaleway")


def _flavor_diagnostics(target: str, flavor: str) -> list[tuple[str, str, str]]:
    r = translate({"main.tf": POOL % flavor}, target)
    return [(d.code, d.severity.value, d.message) for d in r.diagnostics
            if f"OVH flavor `{flavor}`" in d.message]


def test_l4_90_on_scaleway_is_a_warning_with_the_numbers() -> None:
    said = _flavor_diagnostics("scaleway", "l4-90")
    assert said == [("IT301", "warning", "OVH flavor `l4-90` mapped to `L4-1-24G`: L4-1-24G "
                     "has only 8 vCPU (OVH: 22), 48 GB RAM (OVH: 90)")], said


@pytest.mark.parametrize("target", TARGETS)
def test_every_flavor_of_the_tables_says_so_exactly_when_the_machine_is_short(
        target: str) -> None:
    """Over the whole OVH flavor table: a shortfall below SHORTFALL is always said (IT301, or
    inside the IT311 of a GPU change), an adequate machine never."""
    tables = load_tables(target)
    flavors = tables.ovh_flavors["instance"]
    short = []
    for name in sorted(flavors):
        spec = machine_of(name, tables.ovh_flavors)
        fit = fit_machine(spec.as_table_row(), tables) if spec.known else None
        if fit is None or spec.vcpu is None or spec.ram_gb is None:
            continue
        less = fit.vcpu < SHORTFALL * spec.vcpu or fit.ram_gb < SHORTFALL * spec.ram_gb
        assert (shortfall(spec, fit) is not None) == less, name
        if less:
            short.append(name)
    assert short, "every target maps some GPU flavor to a smaller machine"
    for name in short[:3]:  # a translation each is slow: the first few of the target
        said = _flavor_diagnostics(target, name)
        assert said and all(s == "warning" and "has only" in m for _, s, m in said), said


def test_an_adequate_gpu_machine_stays_an_info() -> None:
    said = _flavor_diagnostics("gke", "l4-90")  # g2-standard-32: 32 vCPU, 128 GB
    assert said == [("IT306", "info", "OVH flavor `l4-90` mapped to `g2-standard-32`")], said
