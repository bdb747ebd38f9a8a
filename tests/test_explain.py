"""`explain` and docs/coverage.md: each argument's neutral field and the target's treatment of
it, read from the tables (tests/test_target_fields.py checks the tables against translations)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import coverage_tables as C
from iac_translate.compiler.cli import main
from iac_translate.compiler.coverage import markdown
from iac_translate.compiler.explain import explain, known_types
from iac_translate.compiler.explain_probe import probe
from iac_translate.compiler.target_data import data_of, terraform_targets

ROOT = Path(__file__).resolve().parent.parent


def test_coverage_doc_is_current() -> None:
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == markdown(), \
        "run: python -m iac_translate.compiler.coverage > docs/coverage.md"


def test_coverage_is_one_matrix_with_a_column_per_target() -> None:
    doc = markdown()
    assert {"eks", "gke"} <= set(terraform_targets())  # and each target with a fields table
    assert "| OVH type | argument | neutral | " + " | ".join(terraform_targets()) + " |" in doc
    assert doc.count("## ") == 2  # totals and the matrix, not one section per target
    row = next(line for line in doc.splitlines()
               if line.startswith("| `ovh_cloud_project_kube_nodepool` | flavor_name |"))
    assert row.startswith("| `ovh_cloud_project_kube_nodepool` | flavor_name | "
                          "NodePoolSpec.machine | exact IT306 | exact IT306 |")
    assert "| `ovh_cloud_quota` | (whole type) | OVH-only | n/a IT310 | n/a IT310 |" in doc
    assert "| `data.ovh_cloud_project_regions` | (whole type) | OVH-only |" in doc
    for t in terraform_targets():  # totals count every row once
        line = next(x for x in doc.splitlines() if x.startswith(f"| {t} | "))
        assert sum(int(n) for n in line.strip("| ").split(" | ")[1:]) == len(C.rows())


def test_nodepool_arguments() -> None:
    e = explain("ovh_cloud_project_kube_nodepool")
    assert e is not None and e.rule == "nodepool.lower_pool" and e.reversibility == "adapt"
    by = {a.name: a for a in e.args}
    assert (by["flavor_name"].status, by["flavor_name"].code) == ("exact", "IT306")
    assert by["flavor_name"].required and by["flavor_name"].field == "NodePoolSpec.machine"
    assert by["monthly_billed"].status == "ovh_only" and "monthly billing" in \
        by["monthly_billed"].detail and by["monthly_billed"].field == ""
    assert by["desired_nodes"].status == "exact"
    assert by["min_nodes"].status == "exact" and "autoscale" in by["min_nodes"].detail
    assert by["autoscaling_scale_down_unneeded_time_seconds"].code == "IT302"
    assert e.status == "partial"
    assert e.becomes == ("google_container_node_pool.r",)


@pytest.mark.parametrize("target", ["gke", "eks"])
def test_every_argument_is_the_tables_cell(target: str) -> None:
    for type_ in known_types():
        e = explain(type_, target)
        assert e is not None and (e.args or e.neutral), type_
        name = type_.removeprefix("data.")
        rows = {r.argument: r for r in C.rows_of(name, "data" if name != type_ else "managed")}
        for a in e.args:
            cell = C.cell(rows.get("") or rows[a.name], target)
            assert (a.status, a.code, a.to) == (cell.status, cell.code, cell.to), (type_, a)


def test_explain_follows_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(data_of("gke").fields, "NodePoolSpec.machine",
                        {"status": "unsupported", "code": "IT302", "to": "nothing",
                         "note": "a changed table"})
    e = explain("ovh_cloud_project_kube_nodepool")
    assert e is not None
    flavor = next(a for a in e.args if a.name == "flavor_name")
    assert (flavor.status, flavor.code, flavor.detail) == ("unsupported", "IT302",
                                                           "a changed table")


def test_a_field_exception_applies_to_its_argument_only() -> None:
    e = explain("ovh_cloud_project_database_user", "gke")
    m = explain("ovh_cloud_project_database_mongodb_user", "gke")
    assert e is not None and m is not None
    assert {a.name: a.code for a in e.args}["password_reset"] == "IT302"
    assert {a.name: a.code for a in m.args}["password_reset"] == "IT338"


def test_data_sources() -> None:
    e = explain("data.ovh_cloud_project_kube_nodepool", "gke")
    assert e is not None and e.becomes == ()
    assert {a.code for a in e.args if a.status != "ovh_only"} == {"IT310"}  # omitted on GKE
    k = explain("data.ovh_cloud_project_kube", "eks")
    assert k is not None and {a.name: a.field for a in k.args}["region"] == "ClusterSpec.location"
    r = explain("data.ovh_cloud_project_regions")
    assert r is not None and r.neutral.startswith("OVH-only: reads OVH's catalogue")
    assert explain("data.ovh_cloud_project_kub") is None


def test_a_type_placed_whole() -> None:
    e = explain("ovh_cloud_key_manager_secret", "eks")
    assert e is not None and e.status == "unsupported"
    assert e.neutral.startswith("no neutral concept: a secret of the OVH Key Manager")
    assert {(a.status, a.code) for a in e.args} == {("unsupported", "IT305")}
    q = explain("ovh_cloud_project")
    assert q is not None and q.status == "not_applicable" and q.neutral.startswith("OVH-only")


def test_cli_text_json_and_unknown_type() -> None:
    r = CliRunner().invoke(main, ["explain", "ovh_cloud_project_containerregistry"])
    assert r.exit_code == 0 and "plan_id" in r.stdout and "RegistrySpec." in r.stdout
    j = CliRunner().invoke(main, ["explain", "ovh_cloud_project_containerregistry",
                                  "--format", "json"])
    doc = json.loads(j.stdout)
    assert doc["rule"] == "storage.lower_registry"
    assert {a["name"] for a in doc["args"]} >= {"name", "region", "plan_id"}
    assert all({"status", "code", "field", "to", "detail"} <= set(a) for a in doc["args"])
    bad = CliRunner().invoke(main, ["explain", "ovh_cloud_project_kub"])
    assert bad.exit_code == 2 and "unknown OVH resource type" in bad.stderr and \
        "did you mean `ovh_cloud_project_kube`" in bad.stderr


def test_cli_eks_names_its_own_reasons() -> None:
    r = CliRunner().invoke(main, ["explain", "ovh_cloud_project_kube_nodepool", "-t", "eks"])
    assert r.exit_code == 0 and "-> eks:" in r.stdout
    assert "Cluster Autoscaler or Karpenter" in r.stdout  # the eks table's note on autoscale
    assert "aws_eks_node_group" in r.stdout
    w = CliRunner().invoke(main, ["explain", "ovh_cloud_quota", "-t", "eks"])
    assert "neutral model: OVH-only" in w.stdout and "eks: omitted" in w.stdout


# -- the probes (the check of the tables) are realistic ----------------------------------------

def test_probe_values_have_the_schema_type() -> None:
    types = json.loads((ROOT / "compiler" / "explain_types.json").read_text(encoding="utf-8"))
    checked = 0
    for type_, args in types["types"].items():
        if type_ not in known_types():
            continue
        for name, spec in args.items():
            p = probe(type_, (name,))
            value = p.text.splitlines()[p.lines[name] - 1].split(" = ", 1)[1]
            want = {"number": str.isdigit, "bool": lambda v: v in ("true", "false")}.get(
                spec if isinstance(spec, str) else "", None)
            if want is not None:
                assert want(value), (type_, name, value)
            elif isinstance(spec, dict) or spec.startswith(("list", "set")):
                assert value[0] in "[{", (type_, name, value)
            checked += 1
    assert checked > 50


def test_arguments_naming_a_parent_refer_to_a_declared_one() -> None:
    p = probe("ovh_cloud_project_kube_iprestrictions")
    assert 'resource "ovh_cloud_project_kube" "r_kube_id"' in p.text
    assert "kube_id = ovh_cloud_project_kube.r_kube_id.id" in p.text
    for type_ in ("ovh_cloud_project_kube_iprestrictions", "ovh_cloud_project_kube_oidc"):
        e = explain(type_)
        assert e is not None and {a.name: a.status for a in e.args}["kube_id"] == "exact"
        assert e.becomes == ("google_container_cluster.r_kube_id",)  # merged into it
    mongo = probe("ovh_cloud_project_database_mongodb_user")
    assert 'engine = "mongodb"' in mongo.text  # the parent has the add-on's engine


def test_probe_data_is_schema_valid_and_names_known_types() -> None:
    import jsonschema
    data = json.loads((ROOT / "compiler" / "explain_probes.json").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "compiler" / "explain_probes.schema.json").read_text(
        encoding="utf-8"))
    jsonschema.validate(data, schema)
    assert {p["type"] for p in data["parents"].values()} <= set(known_types())
    types = json.loads((ROOT / "compiler" / "explain_types.json").read_text(encoding="utf-8"))
    ovh = json.loads((ROOT / "compiler" / "frontends" / "ovh_schema.json").read_text(
        encoding="utf-8"))
    assert types["provider_version"] == ovh["provider_version"]


def test_scaleway_is_explained_in_its_own_words() -> None:
    """Scaleway keeps what the other clouds drop (the API server's admission plugins) and
    says so; its column is in the matrix."""
    assert "scaleway" in terraform_targets()
    e = explain("ovh_cloud_project_kube_nodepool", "scaleway")
    assert e is not None and e.target == "scaleway"
    assert any(b.startswith("scaleway_k8s_pool.") for b in e.becomes)
    args = {a.name: a for a in e.args}
    assert args["flavor_name"].status == "exact" and args["flavor_name"].code == "IT306"
    row = next(r for r in C.rows() if r.mode == "managed" and
               (r.type, r.argument) == ("ovh_cloud_project_kube", "customization_apiserver"))
    scw, eks = (C.cell(row, t) for t in ("scaleway", "eks"))
    assert (scw.status, eks.status) == ("exact", "unsupported")
    res = CliRunner().invoke(main, ["explain", "ovh_cloud_project_kube", "--target", "scaleway"])
    assert res.exit_code == 0 and "ovh_cloud_project_kube -> scaleway" in res.output
