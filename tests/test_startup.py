"""Start-up stays light: --version, --help, codes and plain lint import no heavy module."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from iac_translate.compiler import cli_output
from iac_translate.compiler.frontends import loader
from iac_translate.targets import mapping

HEAVY = ("jsonschema", "lark", "yaml", "jinja2", "hcl2")

# Runs the CLI in a fresh interpreter and prints which heavy modules it imported.
_PROBE = """
import json, sys
sys.argv = ["iac-translate", *sys.argv[1:]]
from iac_translate.compiler.cli import main
try:
    main()
except SystemExit:
    pass
heavy = sorted({m.split(".")[0] for m in sys.modules} & set({heavy!r}))
ours = sorted(m for m in sys.modules if m.startswith("iac_translate.targets"))
sys.stderr.write("\\nMODULES " + json.dumps(heavy + ours) + "\\n")
""".replace("{heavy!r}", repr(HEAVY))


def imported(*args: str, cwd: Path | None = None) -> tuple[list[str], str]:
    run = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True,
                         text=True, cwd=cwd, timeout=120)
    line = [x for x in run.stderr.splitlines() if x.startswith("MODULES ")][-1]
    return json.loads(line[len("MODULES "):]), run.stdout


@pytest.mark.parametrize("args", [["--version"], ["-V"], ["--help"], ["codes"],
                                  ["version"], ["help"]])
def test_light_commands_import_nothing_heavy(args: list[str]) -> None:
    mods, out = imported(*args)
    assert mods == [], f"{args} imported {mods}"
    assert out  # the command did run


def test_translate_help_still_lists_the_targets() -> None:
    # The target list is computed when shown (it needs the targets package).
    mods, out = imported("translate", "--help")
    assert "[aks|eks|gke|helm|k8s|scaleway]" in out
    assert "jsonschema" not in mods and "lark" not in mods


def test_version_is_the_installed_one() -> None:
    from importlib import metadata

    from iac_translate.compiler.cli_group import version
    try:
        expected = metadata.version("iac-translate")
    except metadata.PackageNotFoundError:
        expected = "0+unknown"
    assert version() == expected
    _, out = imported("--version")
    assert out == f"iac-translate {expected}\n"


def test_lint_of_plain_terraform_needs_no_schema_or_grammar(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "ovh_cloud_project_kube" "k" {\n'
                                      '  service_name = "x"\n  region = "GRA7"\n}\n')
    mods, _ = imported("lint", "main.tf", cwd=tmp_path)
    assert "jsonschema" not in mods and "lark" not in mods


def test_translation_validates_no_shipped_table(tmp_path: Path) -> None:
    (tmp_path / "main.tf").write_text('resource "ovh_cloud_project_kube" "k" {\n'
                                      '  service_name = "x"\n  name = "k"\n'
                                      '  region = "GRA7"\n}\n')
    mods, out = imported("main.tf", "--target", "gke", "--stdout", cwd=tmp_path)
    assert "jsonschema" not in mods
    assert "google_container_cluster" in out


def test_overrides_are_still_validated() -> None:
    with pytest.raises(mapping.MappingError, match="gke/regions.json"):
        mapping.load_tables("gke", {"gke/regions.json": {"families": {"GRA": {"region": 7}}}})


@pytest.mark.parametrize("rel", sorted(mapping._FILES))
def test_every_shipped_table_is_valid(rel: str) -> None:
    # Run time no longer validates the shipped tables: the suite does, for each one.
    mapping._validate(rel, mapping._shipped(rel))


def test_cli_suffixes_are_the_loaders() -> None:
    assert cli_output.SUFFIXES == loader.SUFFIXES
