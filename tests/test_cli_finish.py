"""Issue 10's last CLI points: report's summary line, translate --check --diff, --out in input."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
KUBE = GOLDEN / "kube_minimal" / "input"
AI = GOLDEN / "ai_app_body" / "input"


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.mark.parametrize("fmt", ["md", "json", "sarif"])
def test_report_ends_with_the_summary_line_on_stderr(fmt: str) -> None:
    r = run("report", str(KUBE), "--format", fmt)
    assert r.exit_code == 0
    last = r.stderr.strip().splitlines()[-1]
    assert last.startswith("iac-translate: 0 errors, ") and "warning" in last
    assert "iac-translate:" not in r.stdout  # the report document stays clean


def test_report_on_the_wrong_kind_counts_the_error() -> None:
    # Terraform for a Kubernetes target (the gke target reads AI workloads as an estate).
    r = run("report", str(KUBE), "--target", "k8s")
    assert r.exit_code == 1 and "error[IT015]" in r.stderr
    assert r.stderr.strip().splitlines()[-1].startswith("iac-translate: 1 error (IT015)")


def test_check_diff_is_a_patch_that_makes_out_fresh(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(KUBE), "--out", str(out), "-q").exit_code == 0
    kube = out / "main.tf"
    kube.write_text(kube.read_text(encoding="utf-8").replace("\n\n", "\n\n# mine\n", 1),
                    encoding="utf-8")
    (out / "gke_scaffold.tf").unlink()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        r = run(str(KUBE), "--out", "out", "--check", "--diff")
    finally:
        os.chdir(cwd)
    assert r.exit_code == 1
    assert "--- a/out/main.tf\n+++ b/out/main.tf\n" in r.stdout and "-# mine\n" in r.stdout
    assert "--- /dev/null\n+++ b/out/gke_scaffold.tf\n" in r.stdout
    assert "out/main.tf: stale" in r.stderr
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    subprocess.run(["git", "apply", "-"], input=r.stdout, text=True, cwd=tmp_path, check=True)
    assert run(str(KUBE), "--out", str(out), "--check").exit_code == 0


def test_check_without_diff_prints_nothing_on_stdout(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run(str(KUBE), "--out", str(out), "-q")
    (out / "main.tf").write_text("x\n", encoding="utf-8")
    r = run(str(KUBE), "--out", str(out), "--check")
    assert r.exit_code == 1 and r.stdout == ""


def test_diff_needs_check(tmp_path: Path) -> None:
    r = CliRunner().invoke(main, [str(KUBE), "--out", str(tmp_path / "o"), "--diff"])
    assert r.exit_code == 2 and "add --check" in r.stderr and not (tmp_path / "o").exists()


@pytest.mark.parametrize("inside", ["", "gke", "deep/er"])
def test_out_equal_to_or_inside_the_input_is_refused_before_writing(tmp_path: Path,
                                                                     inside: str) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.tf").write_text((KUBE / "main.tf").read_text(encoding="utf-8"),
                                 encoding="utf-8")
    before = sorted(p.relative_to(src) for p in src.rglob("*"))
    r = CliRunner().invoke(main, [str(src), "--target", "gke", "--out", str(src / inside)])
    assert r.exit_code == 1 and "error[IT010]" in r.stderr
    assert sorted(p.relative_to(src) for p in src.rglob("*")) == before  # nothing written


def test_each_terraform_root_beside_ai_workloads_is_one_error(tmp_path: Path) -> None:
    from iac_translate.compiler.api import translate
    (tmp_path / "job.json").write_text((AI / "app.json").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    for d, text in (("infra", 'module "m" {\n  source = "./modules/m"\n}\n'),
                    ("infra/modules/m", 'variable "a" {}\n'), ("other", 'variable "b" {}\n')):
        (tmp_path / d).mkdir(parents=True)
        (tmp_path / d / "b.tf").write_text(text, encoding="utf-8")
        (tmp_path / d / "a.tf").write_text("", encoding="utf-8")
    for target in ("k8s", "helm"):
        result = translate([str(tmp_path)], target)
        found = [(d.span.file, d.message) for d in result.diagnostics if d.code == "IT015"]
        # The called module is part of its caller; each root is located at its first file.
        assert [f for f, _ in found] == ["infra/a.tf", "other/a.tf"]
        assert "(2 .tf files)" in found[0][1] and f"the {target} target" in found[0][1]
        assert result.files  # the workload is still translated (exit 1 says the rest)
    texts = {"app.json": (AI / "app.json").read_text(encoding="utf-8"), "main.tf": ""}
    assert [d.span.file for d in translate(texts, "k8s").diagnostics
            if d.code == "IT015" and d.span] == ["main.tf"]


def test_our_own_terraform_output_beside_ai_workloads_is_not_an_error(tmp_path: Path) -> None:
    from iac_translate.compiler.api import translate
    (tmp_path / "job.json").write_text((AI / "app.json").read_text(encoding="utf-8"),
                                       encoding="utf-8")
    assert run(str(KUBE), "--out", str(tmp_path / "gke"), "-q").exit_code == 0
    assert not [d for d in translate([str(tmp_path)], "k8s").diagnostics if d.code == "IT015"]


def test_a_reader_closing_the_pipe_is_not_an_internal_error() -> None:
    import sys
    # `iac-translate codes | head -1`: the reader leaves after one line.
    proc = subprocess.Popen([sys.executable, "-m", "iac_translate.compiler.cli", "codes"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"IT001")
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert b"IT901" not in err and b"Traceback" not in err and b"BrokenPipe" not in err
    assert proc.returncode in (0, 141)  # done before the pipe filled, or stopped quietly
