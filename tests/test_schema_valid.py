"""Every emitted .tf file is checked against the real provider schemas (google, aws, helm, k8s,
and scaleway from ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest
from golden_cases import GOLDEN
from iac_translate.compiler.api import translate
from schema import shared_schemas
from schema.tfcheck import check_text, load_schemas

SCHEMAS = Path(__file__).resolve().parent / "data" / "schemas"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def schemas():  # type: ignore[no-untyped-def]
    return load_schemas(SCHEMAS)


def _golden_tf() -> list[Path]:
    # Scaleway's outputs are checked below, against the schema only ../shared has.
    return sorted(p for p in GOLDEN.glob("*/expected/*/**/*.tf")
                  if p.relative_to(GOLDEN).parts[2] != "scaleway")


def _scaleway_tf() -> list[Path]:
    return sorted(GOLDEN.glob("*/expected/scaleway/**/*.tf"))


@pytest.fixture(scope="module")
def scw_schemas():  # type: ignore[no-untyped-def]
    """The shipped schemas plus scaleway 2.81.0 (skips, naming the path, without ../shared)."""
    return shared_schemas.with_shared("scaleway")


def _errors(text: str, rel: str, schemas) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{f.file}:{f.line}: {f.message}" for f in check_text(text, rel, schemas)
            if f.severity == "error"]


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


@pytest.mark.parametrize("path", _scaleway_tf(), ids=lambda p: str(p.relative_to(GOLDEN)))
def test_scaleway_golden_output_matches_provider_schema(path: Path, scw_schemas) -> None:  # type: ignore[no-untyped-def]
    errors = _errors(path.read_text(encoding="utf-8"), str(path), scw_schemas)
    assert not errors, "\n".join(errors)


@pytest.mark.parametrize("example", sorted(p for p in EXAMPLES.iterdir()
                                           if p.is_dir() and any(p.rglob("*.tf"))),
                         ids=lambda p: p.name)
def test_scaleway_example_translation_matches_schema(example: Path, scw_schemas) -> None:  # type: ignore[no-untyped-def]
    # (Errors of the translation itself are the families' tests: an IT305 placeholder is a
    # comment, so what is written must still be valid Scaleway Terraform.)
    result = translate(example, "scaleway")
    assert result.files
    errors = [e for rel, text in result.files.items() if rel.endswith(".tf")
              for e in _errors(text, rel, scw_schemas)]
    assert not errors, "\n".join(errors)


def test_scaleway_checker_rejects_a_bad_argument(scw_schemas) -> None:  # type: ignore[no-untyped-def]
    bad = ('resource "scaleway_vpc_private_network" "x" {\n  name = "a"\n'
           '  cidr_block = "10.0.0.0/16"\n}\n')
    assert _errors(bad, "bad.tf", scw_schemas)


def test_aks_goldens_are_checked_against_azurerm(schemas) -> None:  # type: ignore[no-untyped-def]
    """The AKS goldens are among the checked files, and the azurerm schema is loaded: an
    argument azurerm_resource_group does not have is an error."""
    assert any(p.relative_to(GOLDEN).parts[2] == "aks" for p in _golden_tf())
    bad = ('resource "azurerm_resource_group" "x" {\n  name = "a"\n  location = "westeurope"\n'
           '  region = "x"\n}\n')
    good = bad.replace('  region = "x"\n', "")
    assert _errors(bad, "bad.tf", schemas)
    assert not _errors(good, "good.tf", schemas)
