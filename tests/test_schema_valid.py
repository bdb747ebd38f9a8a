"""Every emitted .tf file is checked against the real provider schemas (google, helm, k8s)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_cases import GOLDEN
from iac_translate.compiler.api import translate
from schema.tfcheck import check_text, load_schemas

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def schemas():  # type: ignore[no-untyped-def]
    return load_schemas(SCHEMAS)


def _golden_tf() -> list[Path]:
    return sorted(GOLDEN.glob("*/expected/*/**/*.tf"))


def test_there_are_emitted_files_to_check() -> None:
    assert len(_golden_tf()) >= 30


@pytest.mark.parametrize("path", _golden_tf(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_golden_output_matches_provider_schema(path: Path, schemas) -> None:  # type: ignore[no-untyped-def]
    errors = [f for f in check_text(path.read_text(encoding="utf-8"), str(path), schemas)
              if f.severity == "error"]
    assert not errors, "\n".join(f"{f.file}:{f.line}: {f.message}" for f in errors)


@pytest.mark.parametrize("example", sorted(p for p in EXAMPLES.iterdir()
                                           if p.is_dir() and any(p.rglob("*.tf"))),
                         ids=lambda p: p.name)
def test_example_translation_matches_schema(example: Path, schemas) -> None:  # type: ignore[no-untyped-def]
    result = translate(example, "gke")
    assert result.files and not result.has_errors, result.diagnostics
    for rel, text in result.files.items():
        errors = [f for f in check_text(text, rel, schemas) if f.severity == "error"]
        assert not errors, "\n".join(f"{f.file}:{f.line}: {f.message}" for f in errors)


def test_schema_checker_rejects_a_bad_argument(schemas) -> None:  # type: ignore[no-untyped-def]
    bad = 'resource "google_container_cluster" "x" {\n  name = "a"\n  node_count_typo = 1\n}\n'
    assert any(f.severity == "error" for f in check_text(bad, "bad.tf", schemas))
