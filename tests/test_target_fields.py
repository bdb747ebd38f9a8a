"""targets/<t>/fields.json: every neutral field has one entry per Terraform target, and the
entries marked unsupported or approximated match what the lowering really reports."""

from __future__ import annotations

import json
from importlib import resources
from typing import Any

import pytest
from iac_translate.compiler import explain as X
from iac_translate.compiler.api import translate
from iac_translate.compiler.codes import CODES
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.passes import fields

TARGETS = ("gke", "eks")  # the Terraform targets


def table(target: str) -> dict[str, dict[str, str]]:
    text = resources.files("iac_translate.targets").joinpath(f"{target}/fields.json").read_text()
    data: dict[str, Any] = json.loads(text)
    return data["fields"]


@pytest.mark.parametrize("target", TARGETS)
def test_every_neutral_field_has_one_entry(target: str) -> None:
    mine, neutral = set(table(target)), set(fields.neutral_fields())
    assert sorted(neutral - mine) == [], "neutral fields the target does not say"
    assert sorted(mine - neutral) == [], "entries for fields no OVH argument goes to"


@pytest.mark.parametrize("target", TARGETS)
def test_codes_are_real_and_fit_the_status(target: str) -> None:
    for name, entry in table(target).items():
        code = entry.get("code")
        assert code is None or code in CODES, (name, code)
        if entry["status"] in ("approximated", "unsupported"):
            assert code, f"{name}: {entry['status']} without the diagnostic that says it"


def _probed(target: str) -> list[tuple[str, str, str, str]]:
    """(field, type, argument, code) for each field marked approximated or unsupported
    whose OVH argument is a top-level argument of a resource type (what a probe can set)."""
    res = ovh_types.schema()["resources"]
    out = []
    for name, entry in sorted(table(target).items()):
        if entry["status"] not in ("approximated", "unsupported"):
            continue
        for where in fields.neutral_fields()[name]:
            type_, _, arg = where.partition(".")
            if type_ in res and arg in res[type_].get("args", {}):
                out.append((name, type_, arg, entry["code"]))
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_table_matches_the_lowering(target: str) -> None:
    """Translating a probe that sets the argument yields the table's code at the argument
    or at its resource, for at least one OVH argument of each such field (the others may
    differ: the table's note names them)."""
    probed = _probed(target)
    assert len({f for f, *_ in probed}) >= 30
    seen: dict[str, bool] = {}
    for name, type_, arg, code in probed:
        if seen.get(name):
            continue
        required = ovh_types.schema()["resources"][type_]["args"][arg] == "required"
        p = X.probe(type_, () if required else (arg,))
        diags = translate({"main.tf": p.text}, target).diagnostics
        lines = {d.span.line for d in diags if d.code == code and d.span
                 and d.span.file == "main.tf"}
        seen[name] = bool(lines & {p.lines[arg], p.header})
    wrong = sorted(n for n, ok in seen.items() if not ok)
    assert wrong == [], f"the table's code is not what the lowering gives: {wrong}"


NODEPOOL = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
  ip_allocation_policy {
    pods_ipv4_cidr     = "10.240.0.0/13"
    services_ipv4_cidr = "10.3.0.0/16"
  }
}
resource "ovh_cloud_project_kube_nodepool" "np" {
  service_name  = "p"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "np"
  flavor_name   = "b3-8"
  desired_nodes = 1
  template {
    metadata {
      annotations = { a = "b" }
    }
    spec {
      unschedulable = true
    }
  }
}
'''


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("field,line", [("NodePoolSpec.annotations", 19),
                                        ("NodePoolSpec.unschedulable", 22),
                                        ("ClusterSpec.pods_cidr", 7),
                                        ("ClusterSpec.services_cidr", 8)])
def test_block_arguments_match_the_lowering(target: str, field: str, line: int) -> None:
    """Block arguments no probe sets, written from the lowerings: a small source decides."""
    entry = table(target)[field]
    diags = translate({"main.tf": NODEPOOL}, target).diagnostics
    at = {d.code for d in diags if d.span and d.span.file == "main.tf" and d.span.line == line}
    if entry["status"] == "exact":
        assert not at & {"IT301", "IT302", "IT305", "IT338"}, (field, at)
    else:
        assert entry["code"] in at, (field, at)
