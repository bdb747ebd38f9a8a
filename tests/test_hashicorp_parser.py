"""Outside check: HashiCorp's own HCL parser reads every emitted file and rejects our err_ cases.

Needs node and npm (the npm registry is reachable on this project's machines); the package is
installed once into tests/.npm (git-ignored).  Without node the test is skipped, saying why.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from golden_cases import GOLDEN

HERE = Path(__file__).resolve().parent
PREFIX = HERE / ".npm"
PACKAGE = "@cdktf/hcl2json@0.21.0"


@pytest.fixture(scope="module")
def hcl2json() -> Path:
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node/npm not installed: HashiCorp's HCL parser check was NOT run")
    if not (PREFIX / "node_modules" / "@cdktf" / "hcl2json").is_dir():
        p = subprocess.run(["npm", "install", "--silent", "--no-audit", "--no-fund",
                            "--prefix", str(PREFIX), PACKAGE], capture_output=True, text=True)
        if p.returncode != 0:
            pytest.skip(f"could not install {PACKAGE}: {p.stderr.strip()[:200]}")
    return PREFIX / "node_modules"


def _check(modules: Path, files: list[Path]) -> list[dict[str, object]]:
    p = subprocess.run(["node", str(HERE / "schema" / "hcl_syntax_check.js"),
                        *map(str, files)], capture_output=True, text=True,
                       env=dict(os.environ, NODE_PATH=str(modules)))
    assert p.returncode == 0, p.stderr
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


def test_every_emitted_file_parses(hcl2json: Path) -> None:
    files = sorted(GOLDEN.glob("*/expected/*/**/*.tf"))
    assert len(files) >= 40
    results = _check(hcl2json, files)
    assert len(results) == len(files)
    bad = [r for r in results if not r["ok"]]
    assert not bad, bad


def test_error_cases_are_errors_for_hashicorp_too(hcl2json: Path) -> None:
    # The HCL syntax cases (IT101); other err_ cases hold valid HCL given to the wrong target.
    files = sorted(f for f in GOLDEN.glob("err_*/input/*.tf")
                   if any("IT101" in d.read_text(encoding="utf-8")
                          for d in f.parent.parent.glob("expected/*/diagnostics.txt")))
    assert len(files) >= 2
    assert all(not r["ok"] for r in _check(hcl2json, files))
