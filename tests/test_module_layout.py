"""Local modules reached through `../` are read and laid out so their sources still resolve."""

from __future__ import annotations

import posixpath
from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.compiler.frontends.loader import module_sources

KUBE = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}
'''


def _write(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")


def test_parent_modules_are_read_and_sources_resolve(tmp_path: Path) -> None:
    _write(tmp_path, {
        "envs/prod/main.tf": 'module "a" {\n  source = "../../modules/a"\n}\n',
        "modules/a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
        "modules/b/main.tf": KUBE})
    result = translate(tmp_path / "envs" / "prod", "gke")
    assert "modules/b/main.tf" in result.files
    assert "google_container_cluster" in result.files["modules/b/main.tf"]
    for rel, text in result.files.items():
        for src in module_sources(text):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))
            assert any(f.startswith(target + "/") for f in result.files), (rel, src)
    assert not [d for d in result.diagnostics if d.code == "IT204"]


def test_link_out_of_the_widened_tree_is_not_read(tmp_path: Path) -> None:
    _write(tmp_path, {"repo/envs/prod/main.tf": 'module "a" {\n  source = "../../modules/a"\n}\n',
                      "repo/modules/a/main.tf": 'module "b" {\n  source = "../b"\n}\n',
                      "outside/main.tf": KUBE})
    (tmp_path / "repo/modules/b").symlink_to(tmp_path / "outside")
    result = translate(tmp_path / "repo/envs/prod", "gke")
    assert [d for d in result.diagnostics if d.code == "IT011"]
    assert not any("google_container_cluster" in t for t in result.files.values())


def test_json_and_commented_sources() -> None:
    assert module_sources('  source = "../x" # shared\n') == ["../x"]
    assert module_sources('{"module": {"a": {"source": "../../m"}}}') == ["../../m"]
    assert module_sources('{\n  "source": "../../m"\n}') == ["../../m"]


def test_an_example_calling_the_top_module_reaches_it(tmp_path: Path) -> None:
    # The layout of published modules: examples/basic calls `../../` (or `../..`), the top
    # directory of the input; the call must know that module (its arguments map through).
    _write(tmp_path, {
        "main.tf": KUBE.replace('"GRA11"', "var.region") + 'variable "region" {}\n',
        "examples/basic/main.tf": 'module "k" {\n  source = "../../"\n  region = "GRA11"\n}\n',
        "examples/other/main.tf": 'module "k" {\n  source = "../.."\n  region = "GRA11"\n}\n'})
    for example in ("basic", "other"):
        result = translate(tmp_path / "examples" / example, "gke")
        assert not [d for d in result.diagnostics if d.code in ("IT204", "IT349")], example
        assert 'region = "europe-west1"' in result.files[f"examples/{example}/main.tf"]
