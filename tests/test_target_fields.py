"""targets/<t>/fields.json: every neutral field has one entry per Terraform target, and what
the tables say of every argument a probe can set is what the lowering really does."""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from iac_translate.compiler import coverage_tables as C
from iac_translate.compiler import explain_probe as P
from iac_translate.compiler.api import translate
from iac_translate.compiler.codes import CODES
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.passes import fields
from iac_translate.compiler.target_data import terraform_targets

TARGETS = terraform_targets()  # every target with a fields table


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
    for name, entry in _entries(target):
        code = entry.get("code")
        assert code is None or code in CODES, (name, code)
        if entry["status"] in ("approximated", "unsupported"):
            assert code, f"{name}: {entry['status']} without the diagnostic that says it"


def _entries(target: str) -> list[tuple[str, dict[str, Any]]]:
    """Every entry of the table: fields, their exceptions, the whole-type treatments."""
    doc = json.loads(resources.files("iac_translate.targets").joinpath(
        f"{target}/fields.json").read_text())
    out = [(f"whole.{k}", v) for k, v in doc["whole"].items()]
    for name, entry in doc["fields"].items():
        out.append((name, entry))
        out += [(f"{name} except {k}", v) for k, v in entry.get("except", {}).items()]
    return out


@pytest.mark.parametrize("target", TARGETS)
def test_exceptions_name_arguments_of_their_field(target: str) -> None:
    neutral = fields.neutral_fields()
    wrong = [f"{name}: {k}" for name, entry in table(target).items()
             for k in entry.get("except", {}) if k not in neutral[name]]
    assert wrong == []


# OVH-only arguments a translated resource may leave without a diagnostic: why.
SILENT = {"service_name": "the OVH project id: every target has its own project or account"}
# OVH-only arguments a target says nothing of at their line, and why that is no silent drop.
KNOWN_SILENT = {("eks", "ovh_cloud_project_kube_log_subscription.stream_id"):
                "the resource's IT301 says the log goes to CloudWatch, not to the OVH stream"}


def disagreements(target: str) -> list[str]:
    """Every top-level argument a probe can set (of every type the tables place, or placed
    whole): the status translate gives it against the table's (coverage_tables.cell), and the
    table's code among those translate gives."""
    res = ovh_types.schema()["resources"]
    wrong = []
    for row in C.rows():
        if row.mode != "managed" or row.type not in res:
            continue
        args = res[row.type].get("args", {})
        names = [row.argument] if row.argument else sorted(args)
        for arg in names:
            if arg not in args or (arg == "id" and args[arg] != "required"):
                continue
            seen = P.observe(row.type, arg, target)
            got = P.AS_TABLE[seen.status]
            want = C.cell(row, target)
            where = f"{row.type}.{arg}"
            if seen.broken:
                wrong.append(f"{where}: the probe is broken {seen.broken}")
            if want.status == "ovh_only":
                if got == "exact" and arg not in SILENT and (target, where) not in KNOWN_SILENT:
                    wrong.append(f"{where}: OVH-only, silently ignored")
            elif got != want.status:
                wrong.append(f"{where}: table {want.label}, translate {got} {seen.codes}")
            elif want.status != "exact" and want.code and want.code not in seen.codes:
                wrong.append(f"{where}: table {want.label}, translate {got} {seen.codes}")
    return wrong


@pytest.mark.parametrize("target", TARGETS)
def test_table_tells_what_the_lowering_does(target: str) -> None:
    """The probes are the check: translating a probe that sets the argument gives the status
    (and the code) the tables say, for every argument a probe can set."""
    wrong = disagreements(target)
    assert wrong == [], f"{len(wrong)} table entries are not what the lowering does"


def test_the_probe_check_can_fail(monkeypatch: pytest.MonkeyPatch) -> None:
    real = C.cell

    def lying(row: C.Row, target: str) -> C.Cell:
        c = real(row, target)
        return C.Cell("not_applicable", "IT310", "nothing", "") if row.type == \
            "ovh_cloud_project_kube_nodepool" and row.argument == "flavor_name" else c
    monkeypatch.setattr(C, "cell", lying)
    assert any(w.startswith("ovh_cloud_project_kube_nodepool.flavor_name: table n/a IT310")
               for w in disagreements("gke"))


@pytest.mark.parametrize("target", TARGETS)
def test_whole_data_sources_are_what_the_lowering_does(target: str) -> None:
    """A data source placed whole gets the target's treatment of its kind, at its block."""
    wrong = []
    for type_, entry in sorted(fields.whole("data").items()):
        want = C.cell(C.Row("data", type_, "", "", next(iter(entry)), ""), target)
        text = f'data "{type_}" "r" {{\n}}\n'
        codes = {d.code for d in translate({"main.tf": text}, target).diagnostics
                 if d.span and d.span.line == 1}
        if want.code not in codes:
            wrong.append(f"{type_}: {sorted(codes)}")
    assert wrong == []


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


# -- arguments no probe sets (OpenStack types, data sources): checked on the golden inputs -------

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
# Golden inputs whose value of the argument takes another path than the table's usual case.
CONTEXT = {
    "openstack_networking_subnet_v2.enable_dhcp": "false there: not carried (the table's note)",
    "openstack_networking_subnet_v2.ip_version": "4 there; IPv6 is the approximated case",
    "ovh_cloud_project_database.ip_restrictions": "an Enterprise Redis there (Memorystore), "
                                                  "not the usual SQL authorized networks",
    "data.ovh_cloud_project_database.engine": "a ClickHouse cluster there: no equivalent",
    "data.ovh_cloud_project_database.id": "a ClickHouse cluster there: no equivalent",
    "ovh_cloud_project_database.nodes": "one node there (no standby, exact): the table's "
                                        "approximated case is a cluster of several nodes",
}


def _located(lines: list[str], row: C.Row) -> tuple[int, int] | None:
    """(line of the block, line of the top-level argument) of `row` in a file, or None."""
    head = f'{"data" if row.mode == "data" else "resource"} "{row.type}" '
    arg = re.compile(rf"^\s+{row.argument}\s*(=|\{{)")
    for i, line in enumerate(lines):
        if line.startswith(head):
            for j in range(i + 1, len(lines)):
                if lines[j].startswith("}"):
                    break
                if arg.match(lines[j]):
                    return i + 1, j + 1
    return None


def golden_disagreements(target: str) -> tuple[list[str], int]:
    """Top-level arguments of rows no probe sets, in single-file golden inputs: the status
    their translation gives (at the argument, or the block's when it is a whole status)
    against the table's; and how many were checked."""
    res = ovh_types.schema()["resources"]
    mains = sorted(p for p in GOLDEN.glob("*/input/main.tf") if len(list(p.parent.iterdir())) == 1)
    texts = {p: p.read_text(encoding="utf-8") for p in mains}
    diags: dict[Path, list[Any]] = {}
    wrong, checked = [], 0
    for row in C.rows():
        if row.kind != "to" or row.mode == "block" or "." in row.argument or \
                row.key in CONTEXT or (row.mode == "managed" and row.argument in
                                       res.get(row.type, {}).get("args", {})):
            continue
        found = next(((p, at) for p, t in texts.items() if (at := _located(t.splitlines(), row))),
                     None)
        if found is None:
            continue
        path, (head, line) = found
        if path not in diags:
            diags[path] = P.run(P.Probe(texts[path], 1, {}), target)[0]
        base = P.status_at(diags[path], head)
        got = P.AS_TABLE[P.status_at(diags[path], line) or (base if base in P.WHOLE else "exact")]
        want = C.cell(row, target)
        checked += 1
        if got != want.status:
            wrong.append(f"{row.key}: table {want.label}, {path.parent.parent.name}:{line} {got}")
    return wrong, checked


@pytest.mark.parametrize("target", TARGETS)
def test_table_tells_what_the_goldens_do(target: str) -> None:
    wrong, checked = golden_disagreements(target)
    assert checked >= 40
    assert wrong == [], f"{len(wrong)} table entries are not what the golden inputs get"


def test_the_golden_check_can_fail_and_its_exceptions_are_real(
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert set(CONTEXT) <= {r.key for r in C.rows()}
    real = C.cell

    def lying(row: C.Row, target: str) -> C.Cell:
        return C.Cell("unsupported", "IT302", "nothing", "") if row.key == \
            "openstack_compute_instance_v2.flavor_name" else real(row, target)
    monkeypatch.setattr(C, "cell", lying)
    assert any(w.startswith("openstack_compute_instance_v2.flavor_name: table unsupported")
               for w in golden_disagreements("eks")[0])


def test_target_data_is_the_targets_tables() -> None:
    from iac_translate.compiler.api import target_data
    assert target_data("k8s") is None and target_data("helm") is None
    eks = target_data("eks")
    assert eks.fields == table("eks") and set(eks.whole) == {"ovh_only", "no_concept"}
    assert (eks.noun("region"), eks.noun("flavor")) == ("AWS region", "EC2 instance type")
    assert eks.region_of("GRA11") == "eu-west-3" and eks.region_of("NOWHERE") is None
    assert eks.machine_of("b3-8") and eks.machine_of("zz-99") is None
    assert eks.file("machine_types") == "targets/eks/machine_types.json"


def test_scaleway_target_data_is_its_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Scaleway's fields table and words, read as explain, coverage and lint read them
    (registered here as targets/mapping.py registers the others' fields tables)."""
    from iac_translate.compiler.api import target_data
    from iac_translate.targets import mapping
    monkeypatch.setitem(mapping._FILES, "scaleway/fields.json", "target_fields.schema.json")
    scw = target_data("scaleway")
    assert scw.fields == table("scaleway") and set(scw.whole) == {"ovh_only", "no_concept"}
    assert set(scw.fields) == set(fields.neutral_fields())
    assert (scw.noun("region"), scw.noun("flavor")) == ("Scaleway region", "Scaleway node type")
    assert scw.region_of("GRA11") == "fr-par" and scw.region_of("BHS5") is None  # Europe only
    assert scw.machine_of("b3-8") and scw.machine_of("zz-99") is None
