"""`explain` and docs/coverage.md: the translator's treatment of each argument, found by probing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.coverage import markdown
from iac_translate.compiler.explain import explain, known_types

ROOT = Path(__file__).resolve().parent.parent


def test_coverage_doc_is_current() -> None:
    assert (ROOT / "docs" / "coverage.md").read_text(encoding="utf-8") == markdown(), \
        "run: python -m iac_translate.compiler.coverage > docs/coverage.md"


def test_nodepool_arguments() -> None:
    e = explain("ovh_cloud_project_kube_nodepool")
    assert e is not None and e.rule == "nodepool.lower_pool" and e.reversibility == "adapt"
    by = {a.name: a for a in e.args}
    assert by["flavor_name"].status == "mapped" and by["flavor_name"].required
    assert by["monthly_billed"].status == "dropped" and "per second" in by["monthly_billed"].detail
    assert by["desired_nodes"].status == "exact"
    assert e.becomes == ("google_container_node_pool.r",)


def test_statuses_agree_with_real_translations() -> None:
    mongo = explain("ovh_cloud_project_database")
    assert mongo is not None and {a.name: a.status for a in mongo.args}["description"] == \
        "dropped"
    lookup_free = [explain(t) for t in known_types()]
    assert all(e is not None for e in lookup_free)
    unsupported = [e for e in lookup_free if e and e.status == "unsupported"]
    assert unsupported and all(a.status == "unsupported" for e in unsupported for a in e.args)


def test_cli_text_json_and_unknown_type() -> None:
    r = CliRunner().invoke(main, ["explain", "ovh_cloud_project_containerregistry"])
    assert r.exit_code == 0 and "plan_id" in r.stdout and "dropped" in r.stdout
    j = CliRunner().invoke(main, ["explain", "ovh_cloud_project_containerregistry",
                                  "--format", "json"])
    assert json.loads(j.stdout)["rule"] == "storage.lower_registry"
    bad = CliRunner().invoke(main, ["explain", "ovh_cloud_project_kub"])
    assert bad.exit_code == 2 and "unknown OVH resource type" in bad.stderr and \
        "did you mean `ovh_cloud_project_kube`" in bad.stderr


# -- realistic probes: explain never contradicts translate -----------------------------------

def _expected(diags: list, line: int, whole: str) -> str:
    """The status translate's own diagnostics give an argument on `line` (independent of
    explain's table: codes as docs/diagnostics.md describes them)."""
    from iac_translate.compiler.codes import Severity
    codes = {d.code for d in diags if d.span and d.span.file == "main.tf" and
             d.span.line == line and (d.severity is not Severity.INFO or d.code in
                                      ("IT306", "IT310"))}
    for status, code in (("unsupported", "IT305"), ("not translated", "IT338"),
                         ("not applicable", "IT310"), ("dropped", "IT302")):
        if code in codes:
            return status
    if any(c in codes for c in ("IT301", "IT303", "IT304", "IT308", "IT309", "IT311",
                                "IT312")):
        return "approximated"
    if "IT306" in codes:
        return "mapped"
    return whole if whole in ("unsupported", "not translated", "not applicable") else "exact"


@pytest.mark.parametrize("type_", known_types())
def test_every_argument_status_is_what_translate_does_on_that_probe(type_: str) -> None:
    from iac_translate.compiler.api import translate
    from iac_translate.compiler.explain import probe
    e = explain(type_)
    assert e is not None
    for a in e.args:
        p = probe(type_, () if a.required else (a.name,))
        diags = translate({"main.tf": p.text}, "gke").diagnostics
        whole = _expected(diags, p.header, "translated")
        assert _expected(diags, p.lines[a.name], whole) == a.status, (a.name, p.text)
        assert not [d for d in diags if d.code.startswith(("IT1", "IT9"))], p.text


def test_probe_values_have_the_schema_type() -> None:
    from iac_translate.compiler.explain import probe
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
    from iac_translate.compiler.explain import probe
    p = probe("ovh_cloud_project_kube_iprestrictions")
    assert 'resource "ovh_cloud_project_kube" "r_kube_id"' in p.text
    assert "kube_id = ovh_cloud_project_kube.r_kube_id.id" in p.text
    for type_ in ("ovh_cloud_project_kube_iprestrictions", "ovh_cloud_project_kube_oidc"):
        e = explain(type_)
        assert e is not None and {a.name: a.status for a in e.args}["kube_id"] == "exact"
        assert e.becomes == ("google_container_cluster.r_kube_id",)  # merged into it
    mongo = probe("ovh_cloud_project_database_mongodb_user")
    assert 'engine = "mongodb"' in mongo.text  # the parent has the add-on's engine


def test_an_argument_that_depends_on_another_says_so() -> None:
    e = explain("ovh_cloud_project_kube_nodepool")
    assert e is not None
    by = {a.name: a for a in e.args}
    assert by["min_nodes"].status == "dropped"
    assert by["min_nodes"].detail.startswith("depends on `autoscale` (exact with it)")
    assert "depends on" not in by["monthly_billed"].detail


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
