"""The result cache: warm runs equal cold ones; damaged, concurrent and stale entries are safe."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from iac_translate.compiler import api, cache, limits

SRC = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "abc"
  name         = "k1"
  region       = "GRA7"
  bogus        = 1
}
'''


@pytest.fixture()
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    d = tmp_path / "cache"
    monkeypatch.setenv("IAC_TRANSLATE_CACHE_DIR", str(d))
    monkeypatch.delenv("IAC_TRANSLATE_NO_CACHE", raising=False)
    return d


def _module(tmp_path: Path, text: str = SRC) -> Path:
    m = tmp_path / "mod"
    m.mkdir(exist_ok=True)
    (m / "main.tf").write_text(text, encoding="utf-8")
    return m


def _entries(d: Path) -> list[Path]:
    return sorted(p for p in d.rglob("*.json"))


def _same(a: api.Result, b: api.Result) -> None:
    assert a.files == b.files
    assert a.trace == b.trace and a.read == b.read
    assert [(d.span, d.code, d.message, d.severity, d.hint) for d in a.diagnostics] == \
        [(d.span, d.code, d.message, d.severity, d.hint) for d in b.diagnostics]


def test_warm_run_equals_cold_and_is_read_back(cache_dir: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    m = _module(tmp_path)
    cold = api.translate([m], "gke")
    with cache.enabled():
        first = api.translate([m], "gke")
        assert len(_entries(cache_dir)) == 1
        # A hit must not parse or lower anything: make both impossible.
        from iac_translate.compiler.frontends import loader
        monkeypatch.setattr(loader, "build_model", lambda *a: pytest.fail("parsed again"))
        warm = api.translate([m], "gke")
    _same(cold, first)
    _same(cold, warm)
    assert any(d.code == "IT202" for d in warm.diagnostics)


def test_library_and_no_cache_env_never_use_it(cache_dir: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    m = _module(tmp_path)
    api.translate([m], "gke")
    assert not cache_dir.exists()
    monkeypatch.setenv("IAC_TRANSLATE_NO_CACHE", "1")
    with cache.enabled():
        api.translate([m], "gke")
    assert not cache_dir.exists()


@pytest.mark.parametrize("damage", ["truncate", "garbage", "wrong-key", "bad-shape", "empty",
                                    "unknown-code"])
def test_damaged_entry_is_a_miss_and_rewritten(cache_dir: Path, tmp_path: Path,
                                               damage: str) -> None:
    m = _module(tmp_path)
    with cache.enabled():
        cold = api.translate([m], "gke")
        (entry,) = _entries(cache_dir)
        raw = entry.read_bytes()
        data = json.loads(raw)
        if damage == "truncate":
            entry.write_bytes(raw[: len(raw) // 2])
        elif damage == "garbage":
            entry.write_bytes(b"\x00\xff not json")
        elif damage == "wrong-key":
            data["key"] = "0" * 64
            entry.write_text(json.dumps(data))
        elif damage == "bad-shape":
            data["data"]["diagnostics"] = [[None, "IT202"]]
            entry.write_text(json.dumps(data))
        elif damage == "unknown-code":
            data["data"]["diagnostics"] = [[None, "IT999", "x", ""]]
            entry.write_text(json.dumps(data))
        else:
            entry.write_bytes(b"")
        again = api.translate([m], "gke")
        _same(cold, again)
        assert json.loads(entry.read_bytes()) == json.loads(raw)  # rewritten whole


def test_changed_input_options_or_limits_are_other_entries(cache_dir: Path,
                                                           tmp_path: Path) -> None:
    m = _module(tmp_path)
    with cache.enabled():
        api.translate([m], "gke")
        api.translate([m], "gke", api.TranslateOptions(harden=False))
        api.translate([m], "gke", api.TranslateOptions(mapping_overrides={
            "gke/regions.json": {"families": {"GRA": {"region": "europe-west9",
                                                      "zones": ["europe-west9-a"]}}}}))
        with limits.using(limits.parse_options(["items=100"])):
            api.translate([m], "gke")
        assert len(_entries(cache_dir)) == 4
        (m / "main.tf").write_text(SRC.replace("k1", "k2"), encoding="utf-8")
        changed = api.translate([m], "gke")
    assert "k2" in "".join(changed.files.values())
    assert len(_entries(cache_dir)) == 5


def test_tool_version_change_invalidates(cache_dir: Path, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    m = _module(tmp_path)
    with cache.enabled():
        api.translate([m], "gke")
        monkeypatch.setattr(cache, "_code_digest", "another build")
        api.translate([m], "gke")
    assert len(_entries(cache_dir)) == 2
    monkeypatch.setattr(cache, "SCHEMA", cache.SCHEMA + 1)
    (entry, _) = _entries(cache_dir)
    with cache.enabled():
        assert cache.get(entry.stem) is None  # an entry of an older layout is a miss


def test_concurrent_writers_leave_one_whole_entry(cache_dir: Path, tmp_path: Path) -> None:
    m = _module(tmp_path)
    with cache.enabled():
        cold = api.translate([m], "gke")
    (entry,) = _entries(cache_dir)
    k = entry.stem
    with cache.enabled():
        payload = cache.get(k)
    errors: list[BaseException] = []

    def writer() -> None:
        try:
            with cache.enabled():
                for _ in range(30):
                    cache.put(k, payload)
                    got = cache.get(k)
                    assert got == payload  # a reader never sees half an entry
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)
    threads = [threading.Thread(target=writer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert not [p for p in entry.parent.iterdir() if p.name.endswith(".tmp")]
    with cache.enabled():
        _same(cold, api.translate([m], "gke"))


def test_concurrent_processes(cache_dir: Path, tmp_path: Path) -> None:
    m = _module(tmp_path)
    code = ("import sys; from pathlib import Path; from iac_translate.compiler import api, cache\n"
            "with cache.enabled():\n"
            "    r = api.translate([Path(sys.argv[1])], 'gke')\n"
            "print(len(r.files), len(r.diagnostics))\n")
    env = {**os.environ, "IAC_TRANSLATE_CACHE_DIR": str(cache_dir)}
    env.pop("IAC_TRANSLATE_NO_CACHE", None)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(m)], env=env,
                              stdout=subprocess.PIPE, text=True) for _ in range(3)]
    outs = {p.communicate(timeout=120)[0] for p in procs}
    assert len(outs) == 1 and all(p.returncode == 0 for p in procs)
    assert len(_entries(cache_dir)) == 1


def test_unsafe_directory_is_not_used(cache_dir: Path, tmp_path: Path) -> None:
    cache_dir.mkdir(mode=0o777)
    os.chmod(cache_dir, 0o777)  # others could plant entries: no caching at all
    m = _module(tmp_path)
    with cache.enabled():
        api.translate([m], "gke")
    assert _entries(cache_dir) == []


def test_cli_no_cache_and_default_dir(cache_dir: Path, tmp_path: Path) -> None:
    m = _module(tmp_path)
    env = {**os.environ, "IAC_TRANSLATE_CACHE_DIR": str(cache_dir)}
    env.pop("IAC_TRANSLATE_NO_CACHE", None)
    cmd = [str(Path(sys.executable).parent / "iac-translate"), str(m), "--target", "gke",
           "--stdout", "-q"]
    subprocess.run([*cmd, "--no-cache"], env=env, capture_output=True, timeout=120)
    assert _entries(cache_dir) == []
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert len(_entries(cache_dir)) == 1
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert (first.stdout, first.stderr, first.returncode) == \
        (second.stdout, second.stderr, second.returncode)
    env.pop("IAC_TRANSLATE_CACHE_DIR")
    env["XDG_CACHE_HOME"] = str(tmp_path / "xdg")
    assert cache.directory() == cache_dir  # (this process still has the override)
    subprocess.run(cmd, env=env, capture_output=True, timeout=120)
    assert len(_entries(tmp_path / "xdg" / "iac-translate")) == 1


def test_old_entries_are_pruned(cache_dir: Path, tmp_path: Path,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 2)
    m = _module(tmp_path)
    with cache.enabled():
        first = api.translate([m], "gke")
        for name in ("k2", "k3"):
            os.utime(_entries(cache_dir)[0], (1, 1))  # older than what follows
            (m / "main.tf").write_text(SRC.replace("k1", name), encoding="utf-8")
            api.translate([m], "gke")
        assert len(_entries(cache_dir)) == 2
        (m / "main.tf").write_text(SRC, encoding="utf-8")
        _same(first, api.translate([m], "gke"))  # evicted: computed again, same result
