"""`iac-translate report`: golden md/json/sarif reports, the JSON schema, totals and secrets."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from golden_cases import cases
from iac_translate.compiler.cli import main
from iac_translate.compiler.report import STATUSES, build
from jsonschema import Draft202012Validator

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
SCHEMA = json.loads((ROOT / "compiler" / "report.schema.json").read_text(encoding="utf-8"))
# Modules whose reports are kept as golden files (golden/<case>/report/report.{md,json,sarif}).
TARGET = {"realistic_platform": "gke", "database_mongodb": "gke", "kube_iprestrictions": "gke",
          "data_sources": "gke", "local_module": "gke", "ai_commands": "k8s",
          "mks_export": "k8s", "ai_app_body": "k8s", "estate_gke": "gke"}
# The Terraform cases' reports for EKS and Scaleway too:
# golden/<case>/report/<target>/report.{md,json,sarif}.
EKS = sorted(c for c, t in TARGET.items() if t == "gke")
# Scaleway: every one of them (estate_gke with the Kapsule profile of its workloads).
SCALEWAY = list(EKS)
RUNS = sorted([(c, TARGET[c]) for c in TARGET] + [(c, "eks") for c in EKS] +
              [(c, "scaleway") for c in SCALEWAY])
CASES = sorted(TARGET)
FORMATS = {"md": "report.md", "json": "report.json", "sarif": "report.sarif"}


def _input(case: str) -> Path:
    return next(c for c in cases() if c.name == case).input


def _report(case: str, fmt: str, target: str = "") -> tuple[int, str]:
    old = os.getcwd()
    os.chdir(ROOT)  # SARIF URIs are relative to the repository root, as in CI
    try:
        rel = os.path.relpath(_input(case), ROOT)
        r = CliRunner().invoke(main, ["report", rel, "--target", target or TARGET[case],
                                      "--format", fmt])
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout


def _golden(case: str, target: str) -> Path:
    return GOLDEN / case / "report" / (target if target in ("eks", "scaleway") else "")


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case,target", RUNS, ids=[f"{c}-{t}" for c, t in RUNS])
def test_golden_report(case: str, target: str, fmt: str, update_golden: bool) -> None:
    code, text = _report(case, fmt, target)
    assert code in (0, 1) and "IT001" not in text
    path = _golden(case, target) / FORMATS[fmt]
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing {path}; run pytest --update-golden and review the diff"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case,target", RUNS, ids=[f"{c}-{t}" for c, t in RUNS])
def test_json_report_matches_its_schema_and_totals(case: str, target: str) -> None:
    _, text = _report(case, "json", target)
    doc = json.loads(text)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(doc))
    assert not errors, [e.message for e in errors[:3]]
    counted = {s: sum(e["status"] == s for e in doc["entries"]) for s in STATUSES}
    assert doc["totals"]["status"] == counted


def test_every_source_object_is_accounted_for() -> None:
    src = _input("realistic_platform")
    rep, result = build(str(src), "gke")
    text = "\n".join(p.read_text(encoding="utf-8") for p in src.rglob("*.tf"))
    blocks = text.count('\nresource "') + text.startswith('resource "') + \
        text.count('\ndata "') + text.startswith('data "') + text.count('\nmodule "')
    assert len(rep.entries) == blocks
    mongo, _ = build(str(GOLDEN / "database_mongodb" / "input"), "gke")
    assert {e.source: e.status for e in mongo.entries}["ovh_cloud_project_database.mongo"] == \
        "unsupported"
    ai, _ = build(str(GOLDEN / "data_sources" / "input"), "gke")
    assert any(e.status == "not applicable" and e.reversibility == "specific"
               for e in ai.entries)
    assert result.files  # the report translates, it does not only parse


def test_ai_and_exported_objects_are_accounted_for() -> None:
    rep, _ = build(str(_input("mks_export")), "k8s")
    status = {e.source: e.status for e in rep.entries}
    assert status["ReplicaSet/web-7d9c8"] == "not applicable"  # made by a controller
    assert {e.type for e in rep.entries} == {"exported manifest"}
    ai, _ = build(str(ROOT / "examples" / "ai-workloads"), "k8s")
    chat = next(e for e in ai.entries if e.source == "app chat-api")
    assert "Deployment/chat-api" in chat.became and chat.reversibility == "adapt"
    assert all(e.status != "not applicable" for e in ai.entries)
    from iac_translate.compiler.report_render import as_json, as_markdown
    assert "placeholder-key" in (ROOT / "examples/ai-workloads/README.md").read_text("utf-8")
    assert "placeholder-key" not in as_json(ai) + as_markdown(ai)  # an env var's literal value


def test_report_never_contains_a_secret_value() -> None:
    secret = "s3cr3t-Passw0rd-value"
    src = {"main.tf": 'resource "ovh_cloud_project_database_postgresql_user" "u" {\n'
                      '  service_name = "p"\n  cluster_id = "c"\n  name = "app"\n'
                      f'  password = "{secret}"\n}}\n'}
    from iac_translate.compiler.report_render import as_json, as_markdown
    rep, _ = build(src, "gke")
    assert rep.entries and secret not in as_json(rep) + as_markdown(rep)


def test_runbook_commands_for_found_data_and_no_credentials() -> None:
    src = {"main.tf": 'resource "ovh_cloud_project_storage" "b" {\n  service_name = "p"\n'
                      '  region_name = "GRA"\n  name = "media"\n}\n'
                      'resource "ovh_cloud_project_database" "db" {\n  service_name = "p"\n'
                      '  engine = "mysql"\n  version = "8"\n  plan = "essential"\n'
                      '  flavor = "db1-4"\n  nodes {\n    region = "GRA"\n  }\n}\n'
                      'resource "ovh_cloud_project_user_s3_credential" "k" {\n'
                      '  service_name = "p"\n  user_id = "u"\n}\n'}
    from iac_translate.compiler.report_render import as_dict, as_markdown
    rep, _ = build(src, "gke")
    kinds = {s.kind: s for s in rep.runbook}
    assert set(kinds) == {"bucket", "database"}
    assert "rclone sync --checksum --transfers 16 ovh:media gcs:media" in kinds["bucket"].commands
    assert "endpoint https://s3.gra.io.cloud.ovh.net" in kinds["bucket"].commands[0]
    assert any(c.startswith("mysqldump --defaults-extra-file=$OVH_DB_CNF")
               for c in kinds["database"].commands)
    assert "Set DB_NAME" in kinds["database"].notes  # the name is not given: a variable to set
    assert "${DB_NAME}" in " ".join(kinds["database"].commands)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(as_dict(rep)))
    assert not errors
    assert "## Data-move runbook" in as_markdown(rep)


def test_eks_runbook_names_what_aws_needs() -> None:
    """Reviewed EKS runbook: one shell variable per value, each engine's AWS endpoint by the
    identifier the eks target gives it, DocumentDB's TLS, the OVH profile's region."""
    src = {"main.tf": 'resource "ovh_cloud_project_kube" "main" {\n  service_name = "p"\n'
                      '  name = var.n\n  region = "GRA11"\n}\n'
                      'resource "ovh_cloud_project_containerregistry" "main" {\n'
                      '  service_name = "p"\n  region = "GRA"\n  name = local.r\n}\n'
                      'resource "ovh_cloud_project_storage" "b" {\n  service_name = "p"\n'
                      '  region_name = "SBG"\n  name = "media"\n}\n'
                      'resource "ovh_cloud_project_database" "Mongo_DB" {\n'
                      '  service_name = "p"\n  engine = "mongodb"\n  version = "7.0"\n'
                      '  plan = "production"\n  flavor = "db2-15"\n  description = "x"\n'
                      '  nodes {\n    region = "GRA"\n  }\n}\n'}
    from iac_translate.compiler.api import source_model
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.runbook import steps
    got = {s.kind: s for s in steps(source_model(src, Sink()), "eks")}
    cluster, registry = got["cluster"], got["registry"]
    assert "--name ${CLUSTER_MAIN_NAME} " in cluster.commands[0]
    assert "${REGISTRY_MAIN_NAME}/$repo" in registry.commands[2]
    assert "MAIN_NAME" not in (cluster.notes + registry.notes).replace(
        "CLUSTER_MAIN_NAME", "").replace("REGISTRY_MAIN_NAME", "")
    assert "aws configure set region sbg --profile ovh" in got["bucket"].commands
    db = got["database"]
    assert "aws docdb describe-db-clusters --db-cluster-identifier mongo-db " in db.notes
    assert "tls=true" in db.notes and "retryWrites=false" in db.notes
    assert "aws rds" not in db.notes and "MONGO_DB_NAME" not in db.notes  # it has no `name`
    # GKE's names stay as they were where nothing collides
    gke = {s.kind: s for s in steps(source_model(src, Sink()))}
    assert "${MAIN_NAME}" in " ".join(gke["registry"].commands)
