"""`iac-translate lint`: lock-in findings with positions, suppressions, exit codes, no output."""

from __future__ import annotations

import os
from pathlib import Path

from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.lint import lint

TF = '''provider "ovh" {
  endpoint           = "ovh-eu"
  application_secret = "s3cr3t-value"
}

variable "db_password" {
  type      = string
  sensitive = true
  default   = "hunter2-literal"
}

resource "ovh_cloud_project_kube" "k" {
  region = "GRA11"
}

output "s3" {
  value = "https://s3.gra.io.cloud.ovh.net"
}

output "ok" {
  value = "https://s3.gra.io.cloud.ovh.net" # iac-translate:ignore IT221
}
'''


def _codes(diags) -> set[tuple[str, int]]:  # type: ignore[no-untyped-def]
    return {(d.code, d.span.line) for d in diags if d.span}


def test_terraform_findings_are_located() -> None:
    found = _codes(lint({"main.tf": TF}))
    assert ("IT222", 3) in found and ("IT222", 9) in found  # secrets, even if sensitive
    assert ("IT220", 12) in found and ("IT223", 13) in found
    assert ("IT221", 17) in found
    assert not any(line == 21 for _, line in found)  # suppressed on its line


def test_secret_values_are_not_echoed() -> None:
    text = " ".join(d.message + d.hint for d in lint({"main.tf": TF}))
    assert "s3cr3t-value" not in text and "hunter2-literal" not in text


def test_ai_command_findings() -> None:
    sh = ("ovhai app run --name a -e HF_TOKEN=hf_abcdef -e OK=1 "
          "-e S3=https://s3.gra.perf.cloud.ovh.net -e T=$TOKEN img:1\n")
    found = _codes(lint({"run.sh": sh}))
    assert ("IT222", 1) in found and ("IT221", 1) in found
    assert sum(1 for d in lint({"run.sh": sh}) if d.code == "IT222") == 1  # $TOKEN is fine


def test_cli_exit_codes_and_nothing_written(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    before = sorted(os.listdir(tmp_path))
    runner = CliRunner()
    r = runner.invoke(main, ["lint", str(tmp_path)])
    assert r.exit_code == 1 and "warning[IT221]" in r.output
    assert runner.invoke(main, ["lint", str(tmp_path), "--fail-on", "never"]).exit_code == 0
    assert "IT220" not in runner.invoke(main, ["lint", str(tmp_path), "-q"]).output
    assert sorted(os.listdir(tmp_path)) == before


def test_translate_is_still_the_default_command(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text(TF)
    r = CliRunner().invoke(main, [str(tmp_path), "--target", "gke", "--stdout"])
    assert r.exit_code == 0 and "google_container_cluster" in r.stdout


def test_cli_output_never_quotes_a_secret_line(tmp_path: Path) -> None:
    (tmp_path / "run.sh").write_text("ovhai app run -e HF_TOKEN=hf_literalvalue123 img:1\n")
    r = CliRunner().invoke(main, ["lint", str(tmp_path)])
    assert "IT222" in r.output and "hf_literalvalue123" not in r.output
    t = CliRunner().invoke(main, [str(tmp_path), "--target", "k8s", "--stdout", "-v"])
    assert "IT312" in t.output and "hf_literalvalue123" not in t.output


def test_flavor_without_equivalent_is_it224() -> None:
    src = {"main.tf": 'resource "ovh_cloud_project_kube_nodepool" "p" {\n  service_name = "x"\n'
                      '  kube_id = "k"\n  flavor_name = "zz9-1"\n}\n'
                      'resource "ovh_cloud_project_kube_nodepool" "q" {\n  service_name = "x"\n'
                      '  kube_id = "k"\n  flavor_name = "b3-8"\n}\n'
                      'resource "ovh_cloud_project_database" "d" {\n  service_name = "x"\n'
                      '  engine = "mysql"\n  plan = "essential"\n  version = "8"\n'
                      '  flavor = "db9-999"\n}\n'}
    found = [(d.code, d.span.line) for d in lint(src) if d.code == "IT224" and d.span]
    assert found == [("IT224", 4), ("IT224", 16)]  # b3-8 is known
