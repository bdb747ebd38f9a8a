"""Differential oracle: our parser agrees with python-hcl2 on every fixture and example."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import hcl2
import pytest
from hcl_normal import from_hcl2, from_ours
from iac_translate.compiler.hcl.parser import parse_body_text

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(p for p in list((ROOT / "golden").glob("*/input/**/*.tf")) +
               list((ROOT / "examples").rglob("*.tf"))
               if "err_" not in str(p))


def _compare(text: str, name: str) -> None:
    ours = from_ours(parse_body_text(text, name))
    theirs = from_hcl2(hcl2.loads(text))
    assert ours == theirs


def test_enough_files() -> None:
    assert len(FILES) >= 40


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_same_structure_as_python_hcl2(path: Path) -> None:
    _compare(path.read_text(encoding="utf-8"), path.name)


def test_generated_bench_module(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(ROOT / "bench" / "gen_ovh.py"), "60", str(tmp_path)],
                   check=True, capture_output=True)
    files = sorted(tmp_path.rglob("*.tf"))
    assert files
    for f in files:
        _compare(f.read_text(encoding="utf-8"), f.name)
