"""Determinism: byte-identical reruns, input block order irrelevant, no volatile data in output."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from golden_cases import cases
from iac_translate.compiler.api import translate
from iac_translate.compiler.hcl.parser import parse_body_text

CASES = [c for c in cases() if not c.name.startswith("err_")]


def _shuffled_copy(src: Path, dst: Path, seed: int) -> None:
    """Copy an input tree with the top-level blocks of every .tf file in a random order."""
    rng = random.Random(seed)
    for path in sorted(src.rglob("*")):
        if not path.is_file():
            continue
        target = dst / path.relative_to(src)
        target.parent.mkdir(parents=True, exist_ok=True)
        text = path.read_text(encoding="utf-8")
        if path.suffix != ".tf":
            target.write_text(text, encoding="utf-8")
            continue
        lines = text.splitlines(keepends=True)
        body = parse_body_text(text, path.name)
        chunks = ["".join(lines[i.span.line - 1:i.span.end_line]) for i in body.items]
        rng.shuffle(chunks)
        target.write_text("\n".join(chunks), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_rerun_and_shuffle_give_identical_files(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # The whole input tree: a case may translate a subdirectory calling ../../modules.
    tree = case.path / "input"
    top = tree if tree in case.input.parents else case.input
    _shuffled_copy(top, tmp_path / "in", seed=len(case.name))
    # Every target of the case: an order of the input's blocks showed in eks and aks
    # outputs of cases whose first target is gke (subnets, node groups, rule priorities).
    for target in case.targets:
        first = translate(case.input, target)
        again = translate(case.input, target)
        assert first.files == again.files, target
        assert first.diagnostics == again.diagnostics, target
        shuffled = translate(tmp_path / "in" / case.input.relative_to(top), target)
        assert shuffled.files == first.files, target
        codes = sorted((d.code, d.message) for d in first.diagnostics)
        assert sorted((d.code, d.message) for d in shuffled.diagnostics) == codes, target


def test_no_volatile_data_in_outputs() -> None:
    for case in CASES:
        for rel, text in translate(case.input, case.targets[0]).files.items():
            assert not rel.startswith("/") and ".." not in rel
            assert str(Path.cwd()) not in text and "/tmp/" not in text
            assert not re.search(r"20\d\d-\d\d-\d\dT\d\d:", text), f"timestamp in {rel}"
            assert text.endswith("\n") and not text.endswith("\n\n"), rel
            assert "\r" not in text
