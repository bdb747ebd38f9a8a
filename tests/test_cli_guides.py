"""A CLI that guides: version, did-you-mean, summary line, cwd-relative paths, colour, catalogue."""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main
from iac_translate.compiler.cli_codes import example_output, examples
from iac_translate.compiler.cli_output import Spinner
from iac_translate.compiler.codes import CODES

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
KUBE = GOLDEN / "kube_minimal" / "input"


def run(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)


def test_version_from_package_metadata() -> None:
    from importlib import metadata
    want = f"iac-translate {metadata.version('iac-translate')}"
    for args in (["--version"], ["version"]):
        r = run(*args)
        assert r.exit_code == 0 and r.stdout.strip() == want


@pytest.mark.parametrize("word,near", [("transalte", "translate"), ("lnt", "lint"),
                                       ("reprot", "report")])
def test_mistyped_command_suggests_and_exits_2(word: str, near: str) -> None:
    r = run(word, "x", "--stdout")
    assert r.exit_code == 2
    assert f"did you mean `{near}`?" in r.stderr and "does not exist" not in r.output


def test_unknown_word_is_no_such_command_or_path() -> None:
    r = run("zzqq", "--stdout")
    assert r.exit_code == 2 and "no such command or path `zzqq`" in r.stderr


def test_help_word_shows_help() -> None:
    r = run("help")
    assert r.exit_code == 0 and "Commands:" in r.stdout and "translate" in r.stdout
    r = run("help", "lint")
    assert r.exit_code == 0 and " lint [OPTIONS] PATHS..." in r.stdout
    assert run("help", "lnt").exit_code == 2


def test_stdout_with_out_is_a_usage_error(tmp_path: Path) -> None:
    r = run(str(KUBE), "--stdout", "--out", str(tmp_path / "o"))
    assert r.exit_code == 2 and not (tmp_path / "o").exists()


def test_summary_line_counts_and_worst_codes(tmp_path: Path) -> None:
    out = tmp_path / "gke"
    r = run(str(KUBE), "--out", str(out))
    last = r.stderr.strip().splitlines()[-1]
    assert last == (f"iac-translate: wrote 2 files to {out}; 0 errors, "
                    "4 warnings (IT302 x2, IT308, IT336), 7 infos"), last
    again = run(str(KUBE), "--out", str(out), "-q").stderr.strip().splitlines()
    assert again == [f"iac-translate: {out} is up to date (2 files unchanged); 0 errors, "
                     "4 warnings (IT302 x2, IT308, IT336), 7 infos"]  # -q: errors, summary
    printed = run(str(KUBE), "--stdout").stderr.strip().splitlines()[-1]
    assert printed.startswith("iac-translate: printed 2 files; 0 errors")


def test_paths_are_relative_to_the_cwd_in_every_format(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(GOLDEN / "lossy_unknown_argument" / "input", repo / "infra")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, given, want in ((repo, "infra", "infra/main.tf"),
                             (repo, str(repo / "infra"), "infra/main.tf"),
                             (elsewhere, str(repo / "infra"), "../repo/infra/main.tf"),
                             (repo / "infra", ".", "main.tf")):
        monkeypatch.chdir(cwd)
        text = run(given, "--stdout").stderr
        assert f"\n{want}:" in "\n" + text, (cwd, given, text)
        doc = json.loads(run(given, "--stdout", "--format", "json").stderr)
        assert {d["file"] for d in doc["diagnostics"] if d["file"]} == {want}
        log = json.loads(run("lint", given, "--format", "sarif").stdout)["runs"][0]
        uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
                for res in log["results"] for loc in res.get("locations", [])}
        bases = {loc["physicalLocation"]["artifactLocation"]["uriBaseId"]
                 for res in log["results"] for loc in res.get("locations", [])}
        assert uris == {want} and bases == {"%SRCROOT%"}


def test_color_option_and_no_color() -> None:
    src = str(GOLDEN / "lossy_unknown_argument" / "input")
    assert "\x1b[33m" in run(src, "--stdout", "--color", "always").stderr
    assert "\x1b[" not in run(src, "--stdout", "--color", "never").stderr
    assert "\x1b[" not in run(src, "--stdout", env={"NO_COLOR": "1"}).stderr  # not a TTY


def test_no_color_only_when_set_and_non_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.compiler import cli_output
    monkeypatch.setattr(cli_output.sys.stderr, "isatty", lambda: True, raising=False)
    monkeypatch.setenv("NO_COLOR", "")
    assert cli_output.use_color("auto")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not cli_output.use_color("auto") and cli_output.use_color("always")


def test_spinner_only_on_a_terminal_and_only_after_the_delay() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True
    quick, slow, pipe = Tty(), Tty(), io.StringIO()
    with Spinner("x", quick, delay=5):
        pass
    with Spinner("translating", slow, delay=0.01):
        time.sleep(0.2)
    with Spinner("x", pipe, delay=0):
        time.sleep(0.05)
    assert quick.getvalue() == "" and pipe.getvalue() == ""
    assert "translating" in slow.getvalue() and slow.getvalue().endswith("\r\x1b[K")


def test_terraform_to_k8s_is_an_error_and_writes_no_chart(tmp_path: Path) -> None:
    for target in ("k8s", "helm"):
        r = run(str(KUBE), "--target", target, "--out", str(tmp_path / target))
        assert r.exit_code == 1 and "error[IT015]" in r.stderr and "--target gke" in r.stderr
        assert not (tmp_path / target).exists()


def test_ai_inputs_to_gke_are_errors_naming_the_k8s_command(tmp_path: Path) -> None:
    r = run(str(GOLDEN / "ai_app_body" / "input" / "app.json"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 1 and "error[IT015]" in r.stderr and "IT101" not in r.stderr
    assert "--target k8s --cluster gke" in r.stderr and not (tmp_path / "o").exists()


def test_ai_directory_to_gke_is_an_estate_of_workloads(tmp_path: Path) -> None:
    r = run(str(GOLDEN / "ai_job_body" / "input"), "--out", str(tmp_path / "o"))
    assert r.exit_code == 0 and "IT015" not in r.stderr, r.stderr
    assert (tmp_path / "o" / "kubernetes" / "kustomization.yaml").is_file()
    assert not (tmp_path / "o" / "terraform").exists()


def test_empty_directory_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    for target in ("gke", "k8s", "helm"):
        r = run(str(tmp_path / "empty"), "--target", target, "--out", str(tmp_path / target))
        assert r.exit_code == 1 and "error[IT016]" in r.stderr, r.stderr
        assert not (tmp_path / target).exists()


def test_report_on_the_wrong_kind_says_so() -> None:
    # A file named alone (a directory is an estate: its workloads are translated too).
    job = next((GOLDEN / "ai_job_body" / "input").iterdir())
    r = run("report", str(job))
    assert r.exit_code == 1 and "IT015" in r.stderr
    r = run("report", str(KUBE), "--target", "k8s")
    assert r.exit_code == 1 and "IT015" in r.stderr


def test_out_inside_the_input_is_refused_before_writing(tmp_path: Path) -> None:
    work = tmp_path / "mod"
    shutil.copytree(KUBE, work)
    r = run(str(work), "--out", str(work / "gke"))
    assert r.exit_code == 1 and "error[IT010]" in r.stderr
    assert not (work / "gke").exists() and sorted(os.listdir(work)) == ["main.tf"]


def test_codes_lists_every_code() -> None:
    r = run("codes")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == len(CODES)
    assert "IT301  warning  approximated mapping" in r.stdout
    doc = json.loads(run("codes", "--format", "json").stdout)
    assert [c["code"] for c in doc["codes"]] == sorted(CODES)


def test_explain_code_and_unknown_code() -> None:
    r = run("explain", "it302")
    assert r.exit_code == 0 and r.stdout.startswith("IT302 (warning): argument dropped")
    assert CODES["IT302"].detail in r.stdout and "warning[IT302]" in r.stdout
    bad = run("explain", "IT3011")
    assert bad.exit_code == 2 and "did you mean" in bad.stderr and "`IT301`" in bad.stderr


@pytest.mark.parametrize("code", sorted(examples()))
def test_each_code_example_produces_its_code(code: str) -> None:
    out = example_output(code)
    assert code in CODES and out is not None and f"[{code}]:" in out[1]
