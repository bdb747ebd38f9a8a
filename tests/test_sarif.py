"""`--format sarif` is valid SARIF 2.1.0 (the official schema) and points at real source lines.

The schema comes from the npm package @microsoft/jest-sarif (sarif-2.1.0-rtm.5.json), installed
once into tests/.npm (git-ignored).  Without npm the schema test is skipped, saying why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main
from jsonschema import Draft4Validator

ROOT = Path(__file__).resolve().parent.parent
PREFIX = Path(__file__).resolve().parent / ".npm"
PACKAGE = "@microsoft/jest-sarif@1.0.0-beta.0"
SCHEMA = PREFIX / "node_modules" / "@microsoft" / "jest-sarif" / "lib" / "schemas" / \
    "sarif-2.1.0-rtm.5.json"


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    if not SCHEMA.is_file():
        if shutil.which("npm") is None:
            pytest.skip("npm not installed: SARIF output was NOT checked against its schema")
        p = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                            "--prefix", str(PREFIX), PACKAGE], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"could not install {PACKAGE}: {p.stderr.strip()[:200]}")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def _run(*args: str) -> tuple[int, dict]:
    old = os.getcwd()
    os.chdir(ROOT)  # URIs are relative to the current directory, as in a CI checkout
    try:
        r = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return r.exit_code, json.loads(r.stderr if "--stdout" in args else r.stdout)


CASES = [
    ("lint", "examples/ovh-platform", "--format", "sarif"),
    ("lint", "examples/ai-workloads", "--format", "sarif"),
    ("translate", "golden/err_syntax/input", "--stdout", "--format", "sarif"),
    ("translate", "golden/unknown_flavor_region/input", "--stdout", "--format", "sarif", "-v"),
    ("translate", "golden/ai_commands/input", "--target", "k8s", "--stdout", "--format",
     "sarif", "-v"),
]


@pytest.mark.parametrize("args", CASES, ids=lambda a: f"{a[0]}-{a[1].split('/')[1]}")
def test_sarif_is_valid_and_locates_real_lines(validator: Draft4Validator,
                                               args: tuple[str, ...]) -> None:
    _, log = _run(*args)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    run = log["runs"][0]
    results, rules = run["results"], run["tool"]["driver"]["rules"]
    assert results, "every case here has findings"
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        for loc in r.get("locations", []):
            phys = loc["physicalLocation"]
            source = ROOT / phys["artifactLocation"]["uri"]
            assert source.is_file(), source  # GitHub resolves it from the checkout root
            lines = source.read_text(encoding="utf-8").splitlines()
            assert 1 <= phys["region"]["startLine"] <= max(len(lines), 1)


def test_levels_and_exit_code_follow_severity() -> None:
    code, log = _run("translate", "golden/err_syntax/input", "--stdout", "--format", "sarif")
    levels = {r["level"] for r in log["runs"][0]["results"]}
    assert code == 1 and "error" in levels
    _, log = _run("lint", "examples/ovh-platform", "--format", "sarif")
    assert {r["level"] for r in log["runs"][0]["results"]} <= {"note", "warning"}
    assert any(r["ruleId"] == "IT220" and r["level"] == "note" for r in log["runs"][0]["results"])


def test_sarif_never_contains_a_credential_value() -> None:
    text = (ROOT / "examples" / "ai-workloads" / "README.md").read_text(encoding="utf-8")
    assert "WANDB_API_KEY=placeholder-key" in text
    _, log = _run("lint", "examples/ai-workloads", "--format", "sarif")
    dumped = json.dumps(log)
    assert "IT222" in dumped and "placeholder-key" not in dumped


def test_golden_report_sarif_files_are_valid(validator: Draft4Validator) -> None:
    files = sorted((ROOT / "golden").glob("*/report/report.sarif"))
    assert len(files) >= 5
    for f in files:
        errors = list(validator.iter_errors(json.loads(f.read_text(encoding="utf-8"))))
        assert not errors, (f, [e.message for e in errors[:3]])
