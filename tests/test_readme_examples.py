"""The README's library examples run as written (from the repository root)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_BLOCK = re.compile(r"```python\n(.*?)```", re.S)


def _library_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Library\n"):]
    section = section[:section.index("\n## ", 1)]
    return _BLOCK.findall(section)


def test_each_library_function_has_an_example() -> None:
    joined = "\n".join(_library_examples())
    for name in ("translate", "lint", "check", "build"):
        assert re.search(rf"\b{name}\(", joined), name


@pytest.mark.parametrize("code", _library_examples(), ids=lambda c: c.split("import ")[1][:40])
def test_example_runs(code: str) -> None:
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, "README.md", "exec"), {"__name__": "readme_example"})  # noqa: S102
    finally:
        os.chdir(old)
