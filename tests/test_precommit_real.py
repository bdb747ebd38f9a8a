"""The shipped hooks run by the real `pre-commit` (try-repo) in a temporary git repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "ovh-platform"

if shutil.which("git") is None or not (ROOT / ".git").exists():
    pytest.skip("pre-commit try-repo needs git and this project as a git checkout",
                allow_module_level=True)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")  # one hook environment for the module


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.com", "-c", "user.name=t", *args],
                   cwd=repo, check=True, capture_output=True)


def _try(repo: Path, home: Path, hook: str, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home)}
    scope = ["--files", *files] if files else ["--all-files"]
    return subprocess.run([sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook,
                           *scope], cwd=repo, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLE, tmp_path / "src")
    (tmp_path / "iac-translate.yaml").write_text(
        "translations:\n  - inputs: [src]\n    target: gke\n    out: out/gke\n",
        encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    _git(tmp_path, "commit", "-qm", "sources")
    return tmp_path


def test_check_hook_fails_on_stale_output_and_passes_when_fresh(repo: Path, home: Path) -> None:
    stale = _try(repo, home, "iac-translate-check")
    assert stale.returncode == 1, stale.stdout + stale.stderr
    assert "Failed" in stale.stdout and "`out/gke/kube.tf` is missing" in stale.stdout
    subprocess.run([sys.executable, "-m", "iac_translate.compiler.cli", "check", "--fix"],
                   cwd=repo, check=True, capture_output=True)
    _git(repo, "add", "-A")
    fresh = _try(repo, home, "iac-translate-check")
    assert fresh.returncode == 0 and "Passed" in fresh.stdout, fresh.stdout
    kube = repo / "src" / "kube.tf"
    kube.write_text(kube.read_text(encoding="utf-8").replace('name          = "gpu-l4"',
                                                             'name          = "gpu-l4-v2"'),
                    encoding="utf-8")
    assert '"gpu-l4-v2"' in kube.read_text(encoding="utf-8")
    _git(repo, "add", "-A")
    edited = _try(repo, home, "iac-translate-check")
    assert edited.returncode == 1 and "differs from a fresh translation" in edited.stdout


def test_lint_hook_fails_on_an_endpoint_and_honours_inline_ignore(repo: Path,
                                                                   home: Path) -> None:
    endpoint = 'locals {\n  s3 = "https://s3.gra.io.cloud.ovh.net"%s\n}\n'
    (repo / "src" / "backup.tf").write_text(endpoint % "", encoding="utf-8")
    _git(repo, "add", "-A")
    found = _try(repo, home, "iac-translate-lint", "src/backup.tf", "src/README.md")
    assert found.returncode == 1, found.stdout + found.stderr
    assert "backup.tf:2:8: warning[IT221]" in found.stdout and "README.md" not in found.stdout
    (repo / "src" / "backup.tf").write_text(endpoint % "  # iac-translate:ignore IT221",
                                            encoding="utf-8")
    _git(repo, "add", "-A")
    quiet = _try(repo, home, "iac-translate-lint", "src/backup.tf")
    assert quiet.returncode == 0 and "Passed" in quiet.stdout, quiet.stdout


def test_lint_hook_finds_a_plaintext_key_in_a_makefile(tmp_path: Path, home: Path) -> None:
    (tmp_path / "Makefile").write_text(
        "train:\n\tovhai job run --name t -e HF_TOKEN=hf_plaintext0123456789abc "
        "pytorch/pytorch:2.3 -- python train.py\n", encoding="utf-8")
    (tmp_path / "docs.md").write_text("No commands here.\n", encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    found = _try(tmp_path, home, "iac-translate-lint")
    assert found.returncode == 1, found.stdout + found.stderr
    assert "Makefile:2:" in found.stdout and "warning[IT222]" in found.stdout
    assert "hf_plaintext0123456789abc" not in found.stdout  # the key is never echoed


def test_lint_hook_passes_on_our_own_outputs(tmp_path: Path, home: Path) -> None:
    for example, target in (("ai-workloads", "k8s"), ("ai-workloads", "helm"),
                            ("ovh-platform", "gke")):
        subprocess.run([sys.executable, "-m", "iac_translate.compiler.cli",
                        str(ROOT / "examples" / example), "--target", target, "--out",
                        str(tmp_path / "deploy" / target)], check=True, capture_output=True)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", "-A")
    clean = _try(tmp_path, home, "iac-translate-lint")
    assert clean.returncode == 0 and "Passed" in clean.stdout, clean.stdout + clean.stderr
    assert "warning[" not in clean.stdout and "error[" not in clean.stdout
