"""Architecture rules: module size, one-line module docstrings, no dependency on ../shared."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted(p for d in ("compiler", "targets", "grammars") for p in (ROOT / d).rglob("*.py"))


def test_modules_are_small() -> None:
    big = [f"{p.relative_to(ROOT)} ({n})" for p in SOURCES
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not big, big


def test_every_module_has_a_one_line_docstring() -> None:
    for p in SOURCES:
        doc = ast.get_docstring(ast.parse(p.read_text(encoding="utf-8")))
        assert doc and "\n" not in doc.strip().split("\n\n")[0], p


def test_product_never_reads_shared() -> None:
    for p in SOURCES:
        assert "../shared" not in p.read_text(encoding="utf-8"), p


def test_compiler_imports_targets_only_through_the_api() -> None:
    for p in (ROOT / "compiler").rglob("*.py"):
        if p.name == "api.py":
            continue
        tree = ast.parse(p.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert "targets" not in node.module, p
