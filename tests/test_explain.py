"""`explain` and docs/coverage.md: the translator's treatment of each argument, found by probing."""

from __future__ import annotations

import json
from pathlib import Path

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
