"""`iac-translate check`: a fresh but lossy output shows its warnings; `--diff` what is stale."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler.cli import main

ROOT = Path(__file__).resolve().parent.parent
CFG = "translations:\n  - inputs: [src]\n    target: gke\n    out: out/gke\n"


def _check(cwd: Path, *args: str) -> tuple[int, str, str]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        r = CliRunner().invoke(main, ["check", *args])
    finally:
        os.chdir(old)
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "examples" / "ovh-platform", tmp_path / "src")
    (tmp_path / "iac-translate.yaml").write_text(CFG, encoding="utf-8")
    assert _check(tmp_path, "--fix")[0] == 0
    return tmp_path


def test_fresh_but_lossy_shows_warnings_at_their_source_and_passes(root: Path) -> None:
    code, out, err = _check(root)
    assert code == 0 and out == ""
    assert "src/registry.tf:14:1: warning[IT301]" in err and "error[" not in err
    assert "info[" not in err and "info[" in _check(root, "-v")[2]
    assert "warning[" not in _check(root, "-q")[2]
    sub = root / "src"  # paths follow the current directory, as every command prints them
    code, _, err = _check(sub, "--config", "../iac-translate.yaml")
    assert code == 0 and "registry.tf:14:1: warning[IT301]" in err and "src/" not in err


def test_stale_message_says_the_refresh_command(root: Path) -> None:
    (root / "out/gke/kube.tf").write_text("# edited\n", encoding="utf-8")
    code, _, err = _check(root)
    assert code == 1 and "help: run `iac-translate check --fix` to regenerate it" in err
    assert err.rstrip().endswith("1 out-of-date file, refresh with `iac-translate check --fix`")
    code, _, err = _check(root / "src", "--config", "../iac-translate.yaml")
    assert "`iac-translate check --fix --config ../iac-translate.yaml`" in err


def test_diff_is_unified_and_applies(root: Path) -> None:
    kube = root / "src/kube.tf"
    kube.write_text(kube.read_text(encoding="utf-8").replace('"gpu-l4"', '"gpu-l4-v2"'),
                    encoding="utf-8")
    (root / "out/gke/outputs.tf").unlink()
    (root / "out/gke/old.tf").write_text("# older\n", encoding="utf-8")
    main_tf = root / "out/gke/main.tf"
    main_tf.write_text(main_tf.read_text(encoding="utf-8") + "# no newline", encoding="utf-8")
    code, diff, _ = _check(root, "--diff")
    assert code == 1
    heads = [line for line in diff.splitlines() if line.startswith(("--- ", "+++ "))]
    assert heads == ["--- a/out/gke/kube.tf", "+++ b/out/gke/kube.tf",
                     "--- a/out/gke/main.tf", "+++ b/out/gke/main.tf",
                     "--- a/out/gke/old.tf", "+++ /dev/null",
                     "--- /dev/null", "+++ b/out/gke/outputs.tf"]
    assert any(line.startswith("-") and '"gpu-l4"' in line for line in diff.splitlines())
    assert any(line.startswith("+") and '"gpu-l4-v2"' in line for line in diff.splitlines())
    assert "\\ No newline at end of file" in diff
    assert _check(root)[1] == ""  # no diff without --diff
    if shutil.which("git") is None:
        pytest.skip("git apply checks the diff applies")
    (root / "d.patch").write_text(diff, encoding="utf-8")
    subprocess.run(["git", "apply", "-p1", "--unsafe-paths", "d.patch"], cwd=root, check=True,
                   capture_output=True)
    (root / "d.patch").unlink()
    assert _check(root, "-q")[0] == 0  # applying the diff is the refresh


def test_diff_with_fix_shows_what_was_written(root: Path) -> None:
    (root / "out/gke/kube.tf").write_text("# edited\n", encoding="utf-8")
    code, diff, err = _check(root, "--fix", "--diff")
    assert code == 0 and "--- a/out/gke/kube.tf" in diff and "wrote 1 file to out/gke" in err
    assert _check(root, "--diff")[1] == ""
