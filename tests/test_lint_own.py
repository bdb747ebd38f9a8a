"""Lint and the pre-commit hook: every kind of file lint reads, and never this tool's outputs."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from iac_translate.compiler.api import translate
from iac_translate.compiler.cli import main
from iac_translate.compiler.frontends import ai_sources, loader
from iac_translate.compiler.lint import lint
from iac_translate.compiler.lint_own import hook_files_pattern

ROOT = Path(__file__).resolve().parent.parent
KEY = "hf_plaintextvalue0123456789"
CMD = f"ovhai job run --name j{{n}} -e HF_TOKEN={KEY} pytorch/pytorch:2.3 -- python t.py\n"
# One file of every kind lint reads in a directory, each holding a plaintext key.
KINDS = {
    "Makefile": "train:\n\t" + CMD, "makefile": "t:\n\t" + CMD, "GNUmakefile": "t:\n\t" + CMD,
    "ci/train.mk": "t:\n\t" + CMD, "README.md": "Run:\n\n    " + CMD, "run.sh": CMD,
    "run.bash": CMD, "notes.txt": CMD, "ci/pipeline.yml": "script: |\n  " + CMD,
    "ci/steps.yaml": "run: " + CMD,
    "job.json": '{"image": "pytorch/pytorch:2.3", "resources": {"cpu": 2}, "envVars": '
                '[{"name": "HF_TOKEN", "value": "KEY"}]}\n'.replace("KEY", KEY),
    "main.tf": 'variable "hf_token" {\n  default = "KEY"\n}\n'.replace("KEY", KEY),
    "main2.tf.json": '{"variable": {"hf_token": {"default": "KEY"}}}\n'.replace("KEY", KEY),
}


def _hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return next(h for h in hooks if h["id"] == "iac-translate-lint")


def test_hook_files_pattern_is_derived_from_what_lint_reads() -> None:
    assert _hook()["files"] == hook_files_pattern()
    files = re.compile(_hook()["files"])
    names = ["a.tf", "a.tf.json", "b.yaml", "b.yml", "c.json", "d.sh", "d.bash", "e.md",
             "f.txt", "g.mk", "Makefile", "sub/Makefile", "sub/GNUmakefile", "makefile",
             "a.py", "a.tfvars", "a.tfstate", "Makefile.bak", "NotAMakefile", "image.png",
             "Dockerfile", "x.markdown", "a.toml", "x.mdx", "ymlx"]
    for n in names:  # the regex and the directory walk agree on every name
        reads = ai_sources.candidate(n.rsplit("/", 1)[-1]) or n.endswith(loader.SUFFIXES)
        assert bool(files.search(n)) == reads, n
    assert all(files.search(n) for n in KINDS)


def test_every_kind_the_hook_passes_is_read(tmp_path: Path) -> None:
    for i, (rel, text) in enumerate(KINDS.items()):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text.replace("{n}", str(i)), encoding="utf-8")
    found = {d.span.file for d in lint([str(tmp_path)]) if d.code == "IT222" and d.span}
    assert found == set(KINDS)
    one_by_one = lint([str(tmp_path / r) for r in KINDS])  # as pre-commit passes them
    assert sum(d.code == "IT222" for d in one_by_one) == len(KINDS)  # each once


def _written(tmp_path: Path, example: str, target: str) -> Path:
    result = translate([str(ROOT / "examples" / example)], target)
    assert result.files and not result.has_errors
    out = tmp_path / target
    for rel, text in result.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return out


@pytest.mark.parametrize(("example", "target"), [("ai-workloads", "k8s"),
                                                 ("ai-workloads", "helm"),
                                                 ("ovh-platform", "gke")])
def test_own_outputs_lint_clean_file_by_file(tmp_path: Path, example: str,
                                             target: str) -> None:
    out = _written(tmp_path, example, target)
    paths = sorted(str(p) for p in out.rglob("*") if p.is_file()
                   and re.search(hook_files_pattern(), p.relative_to(out).as_posix()))
    assert paths
    diags = lint(paths)
    assert [d for d in diags if d.code >= "IT220" and not d.code.startswith("IT23")] == []
    assert all(d.severity.name == "INFO" for d in diags), [d.code for d in diags]
    if target == "k8s":  # one note per file, not one per document
        assert sorted(d.code for d in diags) == ["IT012"] * len(paths)


def test_configured_outputs_are_skipped_even_when_they_repeat_a_finding(
        tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    (src / "main.tf").write_text(KINDS["main.tf"], encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    (out / "main.tf").write_text(KINDS["main.tf"], encoding="utf-8")  # a carried literal
    both = [str(src / "main.tf"), str(out / "main.tf")]
    assert [d.span.file for d in lint(both) if d.code == "IT222" and d.span] == \
        ["out/main.tf", "src/main.tf"]
    kept = lint(both, outputs=(out,))
    assert [d.span.file for d in kept if d.code == "IT222" and d.span] == ["src/main.tf"]
    assert [d.span.file for d in kept if d.code == "IT012" and d.span] == ["out/main.tf"]


def test_lone_chart_file_and_foreign_manifest(tmp_path: Path) -> None:
    chart = tmp_path / "charts" / "web"
    (chart / "templates").mkdir(parents=True)
    (chart / "Chart.yaml").write_text("apiVersion: v2\nname: web\nversion: 0.1.0\n")
    (chart / "values.yaml").write_text("image: nginx\nresources: {}\n")
    (chart / "templates" / "d.yaml").write_text("{{- if .Values.on }}\nkind: x\n{{- end }}\n")
    for f in ("values.yaml", "templates/d.yaml"):
        diags = lint([str(chart / f)])
        assert [(d.code, "Helm chart" in d.message) for d in diags] == [("IT231", True)], f
    theirs = tmp_path / "deploy.yaml"  # someone else's manifest: no managed-by label of ours
    theirs.write_text("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n")
    assert [d.code for d in lint([str(theirs)])] == ["IT231"]


def test_cli_shows_skip_notes_only_with_verbose(tmp_path: Path) -> None:
    out = _written(tmp_path, "ai-workloads", "k8s")
    (tmp_path / "main.tf").write_text('resource "ovh_cloud_project" "p" {\n}\n')
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        args = ["lint", "main.tf", *(p.relative_to(tmp_path).as_posix()
                                     for p in sorted(out.iterdir()))]
        plain = CliRunner().invoke(main, args)
        verbose = CliRunner().invoke(main, [*args, "-v"])
    finally:
        os.chdir(old)
    assert plain.exit_code == 0 and "IT012" not in plain.output
    assert "info[IT220]" in plain.output  # findings that are infos are still shown
    assert "info[IT012]" in verbose.output and "k8s/" in verbose.output
