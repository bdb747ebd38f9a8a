"""Warm re-runs of lint and check: read back from the cache, equal to a cold run."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler import cache, config, lint, project
from iac_translate.compiler.diagnostics import Diagnostic
from iac_translate.compiler.frontends import loader

SRC = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "abc"
  name         = "k1"
  region       = "GRA7"
  endpoint     = "https://s3.gra.io.cloud.ovh.net"
}
'''


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(d))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    return d


def _rows(diags: list[Diagnostic]) -> list[tuple[object, ...]]:
    return [(d.span, d.code, d.message, d.severity, d.hint) for d in diags]


def _module(tmp_path: Path, text: str = SRC) -> Path:
    m = tmp_path / "mod"
    m.mkdir(exist_ok=True)
    (m / "main.tf").write_text(text, encoding="utf-8")
    return m


def test_lint_warm_equals_cold_without_parsing(cache_dir: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    m = _module(tmp_path)
    cold = lint.lint([m])
    assert {d.code for d in cold} >= {"IT220", "IT221"}
    assert not cache_dir.exists()  # the library never uses the cache by itself
    with cache.enabled():
        assert _rows(lint.lint([m])) == _rows(cold)
        monkeypatch.setattr(loader, "build_model", lambda *a: pytest.fail("parsed again"))
        assert _rows(lint.lint([m])) == _rows(cold)


def test_lint_entry_depends_on_text_and_suppressions(cache_dir: Path, tmp_path: Path) -> None:
    m = _module(tmp_path)
    with cache.enabled():
        lint.lint([m])
        assert "IT221" not in {d.code for d in lint.lint([m], ("IT221",))}
        (m / "main.tf").write_text(SRC.replace("https://s3.gra.io.cloud.ovh.net", "x"),
                                   encoding="utf-8")
        assert "IT221" not in {d.code for d in lint.lint([m])}
    assert len(list(cache_dir.rglob("*.json"))) == 3


def test_damaged_lint_entry_is_a_miss(cache_dir: Path, tmp_path: Path) -> None:
    m = _module(tmp_path)
    cold = lint.lint([m])
    with cache.enabled():
        lint.lint([m])
        (entry,) = cache_dir.rglob("*.json")
        text = entry.read_text(encoding="utf-8")
        entry.write_text(text.replace('"IT221"', '"IT999999"'), encoding="utf-8")
        assert _rows(lint.lint([m])) == _rows(cold)


def test_moved_diagnostic_keeps_its_redacted_texts() -> None:
    from iac_translate.compiler.span import Span
    d = Diagnostic(Span("a.tf", 3, 4), "IT221", "password = hunter2hunter2",
                   lint.Severity.WARNING, "hint")
    moved = d.moved(Span("x/a.tf", 3, 4))
    assert moved.span == Span("x/a.tf", 3, 4)
    assert (moved.code, moved.message, moved.severity, moved.hint) == \
        (d.code, d.message, d.severity, d.hint)
    assert moved == Diagnostic(Span("x/a.tf", 3, 4), d.code, d.message, d.severity, d.hint)


def test_check_warm_equals_cold(cache_dir: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    _module(tmp_path)
    path = tmp_path / "iac-translate.yaml"
    path.write_text("translations:\n  - inputs: [mod]\n    target: gke\n    out: gke\n",
                    encoding="utf-8")
    cfg = config.load(path)
    cold = project.report(cfg, path)
    with cache.enabled():
        project.report(cfg, path)
        monkeypatch.setattr(loader, "build_model", lambda *a: pytest.fail("parsed again"))
        warm = project.report(cfg, path)
    assert _rows(warm.diagnostics) == _rows(cold.diagnostics)
    assert any(d.span and d.span.file == "mod/main.tf" for d in warm.diagnostics)
    assert warm.diff == cold.diff


def test_report_warm_equals_cold_without_parsing(cache_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.compiler import report, report_render
    m = _module(tmp_path, SRC + 'resource "ovh_cloud_project_storage" "b" {\n'
                '  service_name = "abc"\n  region_name = "GRA"\n  name = "b1"\n}\n'
                'module "x" {\n  source = "./m"\n}\n')
    (m / "m").mkdir()
    (m / "m" / "v.tf").write_text('variable "a" {}\n', encoding="utf-8")
    cold, _ = report.build([m], "gke")
    assert cold.entries and cold.runbook
    with cache.enabled():
        report.build([m], "gke")
        monkeypatch.setattr(loader, "build_model", lambda *a: pytest.fail("parsed again"))
        warm, _ = report.build([m], "gke")
    assert report_render.as_json(warm) == report_render.as_json(cold)
    assert report_render.as_markdown(warm) == report_render.as_markdown(cold)
