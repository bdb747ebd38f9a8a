"""CLI behaviour: exit codes, formats, writing rules, NO_COLOR, quiet/verbose."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from iac_translate.compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_translate_to_out_dir(tmp_path: Path) -> None:
    r = run(str(GOLDEN / "kube_minimal" / "input"), "--target", "gke", "--out", str(tmp_path))
    assert r.exit_code == 0, r.output
    assert (tmp_path / "main.tf").read_text().startswith("terraform {")
    assert (tmp_path / "gke_scaffold.tf").exists()


def test_syntax_error_exits_1_writes_nothing_and_points_at_the_line(tmp_path: Path) -> None:
    r = run(str(GOLDEN / "err_syntax" / "input"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1
    assert "main.tf:5:44: error[IT101]" in r.output
    assert "^" in r.output  # caret under the source line
    assert not (tmp_path / "o").exists()
    assert "Traceback" not in r.output


def test_fail_on_warning_and_never(tmp_path: Path) -> None:
    src = str(GOLDEN / "lossy_unknown_argument" / "input")
    assert run(src, "--stdout").exit_code == 0
    assert run(src, "--stdout", "--fail-on", "warning").exit_code == 1
    assert run(str(GOLDEN / "database_mongodb" / "input"), "--stdout").exit_code == 1
    assert run(str(GOLDEN / "database_mongodb" / "input"), "--stdout",
               "--fail-on", "never").exit_code == 0


def test_json_format_is_stable_and_parseable() -> None:
    src = str(GOLDEN / "lossy_unknown_argument" / "input")
    a = run(src, "--stdout", "--format", "json", "-v")
    doc = json.loads(a.stderr)  # stdout holds the files
    assert a.stdout.startswith("# ---- ")
    assert doc["version"] == 1
    codes = [d["code"] for d in doc["diagnostics"]]
    assert "IT202" in codes
    first = next(d for d in doc["diagnostics"] if d["code"] == "IT202")
    assert set(first) == {"code", "severity", "message", "hint", "file", "line", "column"}
    assert first["hint"] == "did you mean `region`?"
    b = run(src, "--stdout", "--format", "json", "-v")
    assert (b.stdout, b.stderr) == (a.stdout, a.stderr)


def test_quiet_shows_only_errors_and_verbose_shows_info() -> None:
    src = str(GOLDEN / "kube_minimal" / "input")
    assert "IT306" not in run(src, "--stdout").output
    assert "IT306" in run(src, "--stdout", "-v").output
    assert "warning[" not in run(src, "--stdout", "-q").stderr


def test_never_overwrites_an_input_file(tmp_path: Path) -> None:
    work = tmp_path / "mod"
    shutil.copytree(GOLDEN / "kube_minimal" / "input", work)
    before = (work / "main.tf").read_text()
    r = run(str(work), "--out", str(work))
    assert r.exit_code == 1
    assert "error[IT010]" in r.output and "is the input directory" in r.output
    assert (work / "main.tf").read_text() == before


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(main, [str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(main, [str(tmp_path), "--stdout", "--target", "nope"]).exit_code == 2


def test_missing_input_is_coded() -> None:
    r = run("translate", "/nonexistent/x.tf", "--stdout")
    assert r.exit_code == 1 and "IT001" in r.output
    # Without the command word, a first word that is no path is a usage error (exit 2).
    assert run("/nonexistent/x.tf", "--stdout").exit_code == 2


def test_mapping_override_file(tmp_path: Path) -> None:
    override = tmp_path / "m.json"
    override.write_text(json.dumps({"gke/regions.json": {"families": {"GRA": {
        "region": "europe-west9", "zones": ["europe-west9-a"]}}}}))
    r = run(str(GOLDEN / "kube_minimal" / "input"), "--stdout", "--mapping", str(override))
    assert r.exit_code == 0
    assert '"europe-west9"' in r.stdout and "europe-west1" not in r.stdout
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"gke/regions.json": {"families": {"GRA": {"zones": 3}}}}))
    r = run(str(GOLDEN / "kube_minimal" / "input"), "--stdout", "--mapping", str(bad))
    assert r.exit_code == 1 and "IT005" in r.output


def test_console_script_respects_no_color(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "iac-translate"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "iac_translate.compiler.cli"]
    env = dict(os.environ, NO_COLOR="1")
    p = subprocess.run(cmd + [str(GOLDEN / "lossy_unknown_argument" / "input"), "--stdout"],
                       capture_output=True, text=True, env=env)
    assert p.returncode == 0
    assert "\x1b[" not in p.stderr and "warning[IT202]" in p.stderr


def test_check_reports_fresh_stale_missing_and_extra(tmp_path: Path) -> None:
    src = str(GOLDEN / "kube_minimal" / "input")
    out = tmp_path / "gke"
    assert run(src, "--out", str(out), "--check").exit_code == 1  # nothing written yet
    assert not out.exists(), "--check must write nothing"
    assert run(src, "--out", str(out)).exit_code == 0
    assert run(src, "--out", str(out), "--check").exit_code == 0
    (out / "main.tf").write_text((out / "main.tf").read_text() + "# edited\n")
    (out / "old.tf").write_text("# left over\n")
    (out / "gke_scaffold.tf").unlink()
    r = run(src, "--out", str(out), "--check")
    assert r.exit_code == 1
    assert "main.tf: stale" in r.output and "gke_scaffold.tf: missing" in r.output
    assert "old.tf: extra" in r.output and "regenerate it with:" in r.output
    assert (out / "main.tf").read_text().endswith("# edited\n")  # still untouched
