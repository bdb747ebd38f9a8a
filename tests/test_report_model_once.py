"""`report` reads its objects from the model its translation built: every file parsed once."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler import api, report
from iac_translate.compiler.frontends import loader

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ovh-platform"


def _builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = loader.build_model

    def counted(*args: object, **kw: object) -> object:
        calls.append(1)
        return real(*args, **kw)
    monkeypatch.setattr(loader, "build_model", counted)
    return calls


def test_report_parses_each_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _builds(monkeypatch)
    kept, _ = report.build(EXAMPLE)
    assert len(calls) == 1 and kept.entries
    assert not api._kept  # nothing is kept once the report is built
    # The same report as when the model is parsed a second time.
    monkeypatch.setattr(api, "kept_model", lambda *a: None)
    calls.clear()
    again, _ = report.build(EXAMPLE)
    assert len(calls) == 2 and again == kept


def test_a_plain_translation_keeps_no_model(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _builds(monkeypatch)
    api.translate(EXAMPLE)
    api.translate(EXAMPLE)
    assert len(calls) == 2 and not api._kept
