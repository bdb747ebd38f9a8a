"""The pre-commit hooks and `iac-translate check` over a project configuration."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import config, project
from iac_translate.compiler.cli import main
from pre_commit.clientlib import load_manifest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ovh-platform"


def _project(tmp_path: Path, body: str, name: str = "iac-translate.yaml") -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "src")
    (tmp_path / name).write_text(body, encoding="utf-8")
    return tmp_path


CFG = "translations:\n  - inputs: [src]\n    target: gke\n    out: out/gke\n"


def _check(cwd: Path, *args: str) -> tuple[int, str]:
    """`iac-translate check ARGS` run from `cwd`, as the pre-commit hook runs it."""
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(old)
    return r.exit_code, r.output


def test_manifest_is_valid_for_pre_commit() -> None:
    hooks = load_manifest(str(ROOT / ".pre-commit-hooks.yaml"))
    by_id = {h["id"]: h for h in hooks}
    assert set(by_id) == {"iac-translate-lint", "iac-translate-check"}
    for hook in hooks:  # each entry is a real subcommand of the installed console script
        argv = shlex.split(hook["entry"])
        assert argv[0] == "iac-translate" and argv[1] in main.commands
    files = re.compile(by_id["iac-translate-lint"]["files"])
    assert all(files.search(n) for n in ("a.tf", "b.tf.json", "job.yaml", "run.sh",
                                         "README.md", "Makefile", "ci/train.mk"))
    assert not files.search("main.py")  # tests/test_lint_own.py: exactly what lint reads
    assert by_id["iac-translate-check"]["pass_filenames"] is False


def test_check_reports_missing_then_fix_writes_then_fresh(tmp_path: Path) -> None:
    root = _project(tmp_path, CFG)
    code, err = _check(root)
    assert code == 1 and "iac-translate.yaml:4:10: error[IT007]: `out/gke/kube.tf` is missing" \
        in err
    code, err = _check(root, "--fix")
    assert code == 0 and "wrote 14 files to out/gke" in err
    assert (root / "out/gke/kube.tf").is_file()
    code, err = _check(root, "-q")  # fresh: only the summary line, warnings counted there
    assert code == 0 and re.fullmatch(r"iac-translate: 0 errors, [1-9]\d* warnings \(IT3.*\), "
                                      r"\d+ infos\n", err), err


def test_check_finds_stale_and_extra_files_and_fix_keeps_extra(tmp_path: Path) -> None:
    root = _project(tmp_path, CFG)
    _check(root, "--fix")
    (root / "out/gke/kube.tf").write_text("# edited by hand\n", encoding="utf-8")
    (root / "out/gke/old.tf").write_text("# from an older translation\n", encoding="utf-8")
    code, err = _check(root)
    assert code == 1
    assert "`out/gke/kube.tf` differs from a fresh translation" in err
    assert "`out/gke/old.tf` is no longer produced" in err and "help: delete it" in err
    code, err = _check(root, "--fix")
    assert code == 1 and "out/gke/kube.tf" not in err and "old.tf" in err  # the user deletes
    assert (root / "out/gke/old.tf").is_file()


def test_source_change_makes_output_stale(tmp_path: Path) -> None:
    root = _project(tmp_path, CFG)
    _check(root, "--fix")
    kube = root / "src" / "kube.tf"
    kube.write_text(kube.read_text(encoding="utf-8") + "\n# touched\n", encoding="utf-8")
    assert _check(root)[0] == 0  # a comment does not change the translation
    kube.write_text(kube.read_text(encoding="utf-8") +
                    'resource "ovh_cloud_project_containerregistry" "extra" {\n'
                    '  service_name = "p"\n  name = "extra"\n  region = "GRA"\n}\n',
                    encoding="utf-8")
    code, err = _check(root)
    assert code == 1 and "differs from a fresh translation" in err


def test_pyproject_table_and_options(tmp_path: Path) -> None:
    body = ('[project]\nname = "infra"\n\n[tool.iac-translate]\n'
            'mapping_overrides = {}\n'
            '[[tool.iac-translate.translations]]\ninputs = ["src"]\ntarget = "gke"\n'
            'out = "gke"\n')
    root = _project(tmp_path, body, "pyproject.toml")
    found = config.find(root / "src")
    assert found == root / "pyproject.toml"
    cfg = config.load(found)
    assert cfg.translations[0].out == "gke" and cfg.root == root
    outcome = project.run(cfg)[0]
    assert outcome.freshness is not None and "kube.tf" in outcome.freshness.missing


@pytest.mark.parametrize("body, expected", [
    ("translations: []\n", "translations: [] should be non-empty"),
    ("translations:\n  - inputs: [src]\n    target: aws\n    out: o\n",
     "translations/0/target: 'aws' is not one of"),
    ("translations:\n  - inputs: [src]\n    target: k8s\n    out: o\n"
     "    options: {gpu_api: cuda}\n", "translations/0/options/gpu_api: 'cuda' is not one of"),
    ("translations: [\n", "cannot read the configuration"),
    ("decision: {}\ntranslations:\n  - {inputs: [a], target: gke, out: o}\n",
     "(top level): Additional properties are not allowed ('decision'"),
    ("suppressions: [IT223]\n", "no `translations` to check"),
])
def test_bad_configuration_is_it006(tmp_path: Path, body: str, expected: str) -> None:
    (tmp_path / "iac-translate.yaml").write_text(body, encoding="utf-8")
    code, err = _check(tmp_path)
    assert code == 2 and "error[IT006]" in err and expected in err, err


def test_no_configuration_is_it006(tmp_path: Path) -> None:
    code, err = _check(tmp_path, "--config", str(tmp_path / "nope.yaml"))
    assert code == 2 and "error[IT006]" in err and "nope.yaml" in err


def test_translation_errors_are_shown_and_fail(tmp_path: Path) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "main.tf").write_text('resource "x" {\n', encoding="utf-8")
    (tmp_path / "iac-translate.yaml").write_text(CFG, encoding="utf-8")
    code, err = _check(tmp_path)
    assert code == 1 and "error[IT1" in err and "cannot check" in err


def test_fix_never_overwrites_an_input(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "ovh_cloud_project_containerregistry" "r" {\n'
                                      '  service_name = "p"\n  name = "r"\n'
                                      '  region = "GRA"\n}\n', encoding="utf-8")
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [main.tf]\n    target: gke\n    out: .\n", encoding="utf-8")
    before = (tmp_path / "main.tf").read_text(encoding="utf-8")
    code, err = _check(tmp_path, "--fix")
    assert code == 1 and "iac-translate.yaml:4:10: error[IT010]: `out` `.` is the input " \
        "directory" in err, err
    assert "no longer produced" not in err  # the configuration is not "extra": never delete it
    assert (tmp_path / "main.tf").read_text(encoding="utf-8") == before



def test_config_suppressions_silence_lint_codes(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "ovh_cloud_project_containerregistry" "r" {\n'
                                      '  service_name = "p"\n  name = "r"\n'
                                      '  region = "GRA"\n}\n', encoding="utf-8")
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        before = CliRunner().invoke(main, ["lint", "main.tf"])
        (tmp_path / "iac-translate.yaml").write_text(
            CFG + "suppressions: [IT223]\n", encoding="utf-8")
        after = CliRunner().invoke(main, ["lint", "main.tf"])
        (tmp_path / "iac-translate.yaml").write_text(CFG + "suppressions: [IT2]\n",
                                                      encoding="utf-8")
        bad = CliRunner().invoke(main, ["lint", "main.tf"])
    finally:
        os.chdir(old)
    assert "IT223" in before.output and "IT220" in before.output
    assert "IT223" not in after.output and "IT220" in after.output
    assert bad.exit_code == 2 and "error[IT006]" in bad.output and "suppressions/0" in bad.output


def test_decisions_are_defaults_that_entries_override(tmp_path: Path) -> None:
    (tmp_path / "iac-translate.yaml").write_text(
        "decisions: {gpu_api: dra, expose: ingress}\n"
        "translations:\n"
        "  - {inputs: [ai], target: k8s, out: a}\n"
        "  - {inputs: [ai], target: k8s, out: b, options: {expose: gateway}}\n",
        encoding="utf-8")
    cfg = config.load(tmp_path / "iac-translate.yaml")
    first, second = (project.options_of(cfg, t) for t in cfg.translations)
    assert (first.gpu_api, first.expose) == ("dra", "ingress")
    assert (second.gpu_api, second.expose) == ("dra", "gateway")
