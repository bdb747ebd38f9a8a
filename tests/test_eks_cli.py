"""The command line knows the eks target: translate, explain, report, verify and check."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner
from iac_translate.compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "golden" / "terraform_backend_s3" / "input"


def _run(*args: str, cwd: Path | None = None) -> tuple[int, str, str]:
    old = os.getcwd()
    if cwd is not None:
        os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, list(args))
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


def test_translate_then_verify(tmp_path: Path) -> None:
    out = tmp_path / "eks"
    code, _, err = _run(str(CASE), "--target", "eks", "--out", str(out))
    assert code == 0, err
    main_tf = (out / "main.tf").read_text()
    assert 'backend "s3"' in main_tf and "aws_eks_cluster" in main_tf
    code, table, err = _run("verify", str(CASE), str(out), "--target", "eks")
    assert code == 0, err
    assert table.rstrip().endswith(", 0 lost") and "equal" in table


def test_explain_and_report() -> None:
    code, text, _ = _run("explain", "ovh_cloud_project_kube_nodepool", "--target", "eks",
                         "--format", "json")
    assert code == 0 and json.loads(text)["target"] == "eks"
    assert "aws_eks_node_group" in " ".join(json.loads(text)["becomes"])
    code, text, _ = _run("report", str(CASE), "--target", "eks", "--format", "json")
    doc = json.loads(text)
    assert code == 0 and doc["target"] == "eks"
    assert any("aws_eks_cluster.prod" in e["became"] for e in doc["entries"])


def test_project_check_with_an_eks_translation(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.tf").write_text((CASE / "main.tf").read_text())
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [src]\n    target: eks\n    out: out/eks\n")
    assert _run("check", "--fix", cwd=tmp_path)[0] == 0
    assert (tmp_path / "out" / "eks" / "main.tf").is_file()
    assert _run("check", cwd=tmp_path)[0] == 0
    (tmp_path / "out" / "eks" / "main.tf").write_text("# stale\n")
    assert _run("check", cwd=tmp_path)[0] == 1
