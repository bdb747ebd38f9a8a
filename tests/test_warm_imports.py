"""A warm re-run (a cache hit) imports no reader, schema checker or target, and reads its
configuration once; start-up costs that a cache hit need not pay stay out of it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from iac_translate.compiler import cache, config

SRC = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "abc"
  name         = "k1"
  region       = "GRA7"
}
'''

# Third-party and own modules only a cold run (or a first read of the configuration) needs.
HEAVY = ("jsonschema", "lark", "yaml", "tomllib", "ctypes", "hcl2")
OWN_HEAVY = ("iac_translate.compiler.hcl.parser", "iac_translate.compiler.ir.nodes",
             "iac_translate.compiler.ir.ai", "iac_translate.compiler.frontends.ai_shape",
             "iac_translate.compiler.frontends.terraform", "iac_translate.compiler.passes")

# Runs the CLI in a fresh interpreter; the last stderr line lists the heavy modules loaded.
_PROBE = f"""
import json, sys
sys.argv = ["iac-translate", *sys.argv[1:]]
from iac_translate.compiler.cli import main
code = 0
try:
    main()
except SystemExit as e:
    code = e.code
heavy = {HEAVY!r}
own = {OWN_HEAVY!r}
found = sorted({{m.split(".")[0] for m in sys.modules}} & set(heavy))
found += sorted(m for m in sys.modules if m.startswith("iac_translate.targets.")
                or m.startswith(own))
sys.stderr.write("\\nMODULES " + json.dumps(found) + "\\n")
sys.exit(code)
"""


def _run(args: list[str], cwd: Path, cache_dir: Path) -> tuple[list[str], str, int]:
    """(heavy modules imported, stderr without the probe's line, exit code)."""
    env = {k: v for k, v in os.environ.items() if k != "IAC_TRANSLATE_NO_CACHE"}
    env.update(IAC_TRANSLATE_CACHE_DIR=str(cache_dir), NO_COLOR="1")
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=180)
    err, _, line = done.stderr.rstrip("\n").rpartition("\nMODULES ")
    return json.loads(line), err, done.returncode


def _project(root: Path, cfg_text: str | None = None) -> None:
    (root / "ovh").mkdir()
    (root / "ovh" / "main.tf").write_text(SRC, encoding="utf-8")
    (root / "iac-translate.yaml").write_text(
        cfg_text or "translations:\n  - inputs: [ovh]\n    target: gke\n    out: gke\n",
        encoding="utf-8")


@pytest.mark.parametrize("fresh", [False, True], ids=["stale-out", "fresh-out"])
def test_warm_check_imports_nothing_heavy_and_says_the_same(tmp_path: Path,
                                                            fresh: bool) -> None:
    _project(tmp_path)
    if fresh:
        _run(["check", "--fix"], tmp_path, tmp_path / "fix-cache")
    cold, cold_err, cold_code = _run(["check"], tmp_path, tmp_path / "cache")
    # The probe sees them when they are loaded: a cold run reads YAML, checks the schema,
    # parses and lowers with the target.
    for m in ("yaml", "jsonschema", "iac_translate.compiler.hcl.parser",
              "iac_translate.targets.gke.target"):
        assert m in cold, cold
    warm, warm_err, warm_code = _run(["check"], tmp_path, tmp_path / "cache")
    assert warm == [], f"a warm check imported {warm}"
    assert (warm_err, warm_code) == (cold_err, cold_code)
    assert cold_code == (0 if fresh else 1)


def test_warm_translate_imports_no_reader_nor_target(tmp_path: Path) -> None:
    _project(tmp_path)
    args = ["ovh", "--target", "gke", "--out", "gke"]
    cold, cold_err, _ = _run(args, tmp_path, tmp_path / "cache")
    assert "iac_translate.targets.gke.target" in cold
    warm, warm_err, _ = _run(args, tmp_path, tmp_path / "cache")
    # (ctypes: writing --out, even when nothing changed, locks it through safewrite)
    assert [m for m in warm if m != "ctypes"] == [], f"a warm translate imported {warm}"
    assert "unchanged" in warm_err.splitlines()[-1]  # the summary: nothing rewritten


def test_pyproject_configuration_is_found_and_read_warm(tmp_path: Path) -> None:
    (tmp_path / "ovh").mkdir()
    (tmp_path / "ovh" / "main.tf").write_text(SRC, encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.iac-translate]\ntranslations = [{inputs = ["ovh"], target = "gke", '
        'out = "gke"}]\n', encoding="utf-8")
    cold, cold_err, code = _run(["check"], tmp_path, tmp_path / "cache")
    assert "tomllib" in cold and code == 1 and "gke" in cold_err
    warm, warm_err, _ = _run(["check"], tmp_path, tmp_path / "cache")
    assert "tomllib" not in warm and warm_err == cold_err


@pytest.fixture()
def counted_parse(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every configuration text config.load parses (YAML/TOML), from a clean process memo."""
    seen: list[str] = []
    real = config._parse

    def parse(path: Path, text: str) -> object:
        seen.append(text)
        return real(path, text)
    monkeypatch.setattr(config, "_parse", parse)
    monkeypatch.setattr(config, "_known", {})
    return seen


def test_a_configuration_is_parsed_once_per_text(tmp_path: Path, counted_parse: list[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    _project(tmp_path)
    path = tmp_path / "iac-translate.yaml"
    with cache.enabled():
        first = config.load(path)
        second = config.load(path)  # the command's limits, then the command: one parse
        assert len(counted_parse) == 1 and first == second
        second.translations[0].options["gpu_api"] = "dra"  # a caller's change stays its own
        assert config.load(path).translations[0].options == {}
        monkeypatch.setattr(config, "_known", {})  # another process: the cache remembers
        assert config.load(path) == first and len(counted_parse) == 1
        path.write_text("translations:\n  - inputs: [ovh]\n    target: eks\n    out: x\n",
                        encoding="utf-8")
        assert config.load(path).translations[0].target == "eks"
        assert len(counted_parse) == 2


def test_data_json_cannot_hold_is_parsed_each_time(tmp_path: Path,
                                                   counted_parse: list[str]) -> None:
    # A YAML date (free-form mapping overrides) has no JSON form: never remembered, so
    # never read back as something else.
    _project(tmp_path, "translations:\n  - inputs: [ovh]\n    target: gke\n    out: gke\n"
                       "mapping_overrides:\n  note: 2026-01-02\n")
    path = tmp_path / "iac-translate.yaml"
    for _ in range(2):
        assert str(config.load(path).mapping_overrides["note"]) == "2026-01-02"
    assert len(counted_parse) == 2


def test_a_bad_configuration_is_reported_each_time(tmp_path: Path,
                                                   counted_parse: list[str]) -> None:
    _project(tmp_path, "translations:\n  - inputs: [ovh]\n    target: gke\n")
    for _ in range(2):
        with pytest.raises(config.ConfigError, match="out"):
            config.load(tmp_path / "iac-translate.yaml")
    (tmp_path / "iac-translate.yaml").write_bytes(b"translations: \xff\n")
    with pytest.raises(config.ConfigError, match="cannot read"):
        config.load(tmp_path / "iac-translate.yaml")


def test_code_digest_lines_follow_code_and_data_files_only(tmp_path: Path) -> None:
    tree = tmp_path / "compiler"
    (tree / "sub" / "__pycache__").mkdir(parents=True)
    (tree / "a.py").write_text("x = 1\n")
    (tree / "sub" / "t.json").write_text("{}")
    (tree / "sub" / "g.lark").write_text("start: x")
    (tree / "notes.txt").write_text("not code")
    (tree / "sub" / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"\0")

    def lines() -> list[str]:
        out: list[str] = []
        cache._stat_lines(str(tree), "compiler/", out)
        return sorted(out)
    before = lines()
    assert [x.split("\0")[0] for x in before] == ["compiler/a.py", "compiler/sub/g.lark",
                                                   "compiler/sub/t.json"]
    (tree / "a.py").write_text("x = 22\n")  # another size
    edited = lines()
    assert edited != before
    st = os.stat(tree / "sub" / "t.json")
    os.utime(tree / "sub" / "t.json", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert lines() != edited  # same size, another time
    assert cache.code_digest() == cache.code_digest()  # computed once, then kept
