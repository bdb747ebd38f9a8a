"""`iac-translate report --target aks`: golden reports of the Terraform cases that have eks and
scaleway ones (golden/<case>/report/aks/report.{md,json,sarif}), schema and totals."""

from __future__ import annotations

import json

import pytest
from iac_translate.compiler.report import STATUSES
from jsonschema import Draft202012Validator
from test_report import EKS, FORMATS, GOLDEN, SCHEMA, _report

CASES = list(EKS)  # estate_gke with the AKS profile of its workloads


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("case", CASES)
def test_golden_aks_report(case: str, fmt: str, update_golden: bool) -> None:
    code, text = _report(case, fmt, "aks")
    assert code in (0, 1) and "IT001" not in text
    path = GOLDEN / case / "report" / "aks" / FORMATS[fmt]
    if update_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"missing {path}; run pytest --update-golden and review the diff"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("case", CASES)
def test_aks_json_report_matches_its_schema_and_totals(case: str) -> None:
    _, text = _report(case, "json", "aks")
    doc = json.loads(text)
    errors = list(Draft202012Validator(SCHEMA).iter_errors(doc))
    assert not errors, [e.message for e in errors[:3]]
    counted = {s: sum(e["status"] == s for e in doc["entries"]) for s in STATUSES}
    assert doc["totals"]["status"] == counted
    assert doc["totals"]["status"] and sum(counted.values()) == len(doc["entries"]) > 0
