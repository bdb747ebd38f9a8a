"""Filesystem promises on untrusted repositories: never outside --out, never over an input,
all at once or not at all, one run at a time, links followed only inside the input tree."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from iac_translate.compiler import safewrite
from iac_translate.compiler.api import translate
from iac_translate.compiler.cli import main
from iac_translate.compiler.freshness import write

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
MODULE = GOLDEN / "local_module" / "input"
AI = GOLDEN / "ai_app_body" / "input"


def run(*args: str):
    return CliRunner().invoke(main, list(args))


def snapshot(d: Path) -> dict[str, bytes]:
    return {p.relative_to(d).as_posix(): p.read_bytes() for p in sorted(d.rglob("*"))
            if p.is_file() and not p.is_symlink()}


def module_copy(tmp_path: Path) -> Path:
    work = tmp_path / "in"
    shutil.copytree(MODULE, work)
    assert any(p.parts[-3:-1] for p in work.rglob("modules/*/*.tf")), "case needs a module"
    return work


def test_module_files_are_never_overwritten(tmp_path: Path) -> None:
    work = module_copy(tmp_path)
    before = snapshot(work)
    r = run(str(work / "main.tf"), "--out", str(work))
    assert r.exit_code == 1 and "error[IT010]" in r.output
    assert snapshot(work) == before


def test_symlink_into_the_inputs_is_refused(tmp_path: Path) -> None:
    work = module_copy(tmp_path)
    before = snapshot(work)
    out = tmp_path / "out"
    out.mkdir()
    (out / "modules").symlink_to(work / "modules")
    r = run(str(work), "--out", str(out))
    assert r.exit_code == 1 and "error[IT008]" in r.output and "symbolic link" in r.output
    assert "Traceback" not in r.output
    assert snapshot(work) == before
    assert sorted(p.name for p in out.iterdir()) == ["modules"]  # nothing else was written


@pytest.mark.parametrize("target,src", [("gke", MODULE), ("k8s", AI)])
def test_links_inside_out_never_lead_outside(tmp_path: Path, target: str, src: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "file"
    victim.write_text("precious\n")
    first = translate(src, target)
    rel = sorted(first.files)[0]
    out = tmp_path / "out"
    (out / rel).parent.mkdir(parents=True, exist_ok=True)
    (out / rel).symlink_to(victim)
    r = run(str(src), "--target", target, "--out", str(out))
    assert r.exit_code == 1 and "error[IT008]" in r.output
    assert victim.read_text() == "precious\n" and sorted(os.listdir(elsewhere)) == ["file"]
    # A linked directory: nothing may land in it either.
    (out / rel).unlink()
    if "/" in rel:
        shutil.rmtree(out / rel.split("/")[0])
        (out / rel.split("/")[0]).symlink_to(elsewhere)
        r = run(str(src), "--target", target, "--out", str(out))
        assert r.exit_code == 1 and "error[IT008]" in r.output
        assert sorted(os.listdir(elsewhere)) == ["file"]


def test_library_paths_outside_out_are_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for rel in ("../x.tf", "/etc/x.tf", "a/../../x.tf", "a//b.tf", "./x.tf"):
        n, diags = write({rel: "x\n", "ok.tf": "y\n"}, out, [])
        assert n == 0 and [d.code for d in diags] == ["IT008"], (rel, diags)
        assert not out.exists() and not (tmp_path / "x.tf").exists()


def test_text_that_is_not_unicode_is_refused(tmp_path: Path) -> None:
    n, diags = write({"a.tf": "ok\n", "b.tf": "bad \ud800\n"}, tmp_path / "out", [])
    assert n == 0 and [d.code for d in diags] == ["IT009"] and not (tmp_path / "out").exists()


def test_output_path_that_is_a_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = translate(MODULE, "gke")
    rel = sorted(first.files)[-1]
    (out / rel).mkdir(parents=True)
    (out / "keep.txt").write_text("mine\n")
    before = snapshot(out)
    r = run(str(MODULE), "--out", str(out))
    assert r.exit_code == 1 and "error[IT009]" in r.output and "is a directory" in r.output
    assert "Traceback" not in r.output and snapshot(out) == before


def test_out_below_a_regular_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    r = run(str(MODULE), "--out", str(tmp_path / "f" / "out"))
    assert r.exit_code == 1 and "error[IT009]" in r.output and "Traceback" not in r.output
    assert (tmp_path / "f").read_text() == "x"


def test_out_is_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    r = run(str(MODULE), "--out", str(tmp_path / "link"))
    assert r.exit_code == 1 and "error[IT008]" in r.output
    assert not os.listdir(tmp_path / "real")


def test_rewrite_keeps_user_files_and_unchanged_inodes(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run(str(MODULE), "--out", str(out)).exit_code == 0
    (out / "NOTES.md").write_text("mine\n")
    stat = {p: (out / p).stat().st_ino for p in snapshot(out)}
    assert run(str(MODULE), "--out", str(out)).exit_code == 0
    assert (out / "NOTES.md").read_text() == "mine\n"
    assert {p: (out / p).stat().st_ino for p in snapshot(out)} == stat  # nothing rewritten
    assert not [p for p in tmp_path.iterdir() if ".iac-translate-" in p.name]


def test_swap_without_renameat2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safewrite, "_renameat2", None)
    out = tmp_path / "out"
    for text in ("one\n", "two\n"):
        n, diags = write({"a/b.tf": text, "c.tf": text}, out, [])
        assert not diags and n == 2 and (out / "a/b.tf").read_text() == text
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


# A child process that writes a version of the tree slowly, so it can be killed or raced.
_WRITER = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from iac_translate.compiler import safewrite
    def slow_open(*args, **kwargs):  # each file written takes a while
        time.sleep(float(sys.argv[3]))
        return open(*args, **kwargs)
    safewrite.open = slow_open
    tag = sys.argv[2]
    files = {f"d{i}/f{i}.tf": f"{tag} {i}\\n" for i in range(20)}
    print("start", flush=True)
    n, diags = safewrite.write(files, Path(sys.argv[1]), set())
    assert not diags, diags
""")


def _writer(out: Path, tag: str, delay: float) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _WRITER, str(out), tag, str(delay)],
                            stdout=subprocess.PIPE, text=True)


def _tags(out: Path) -> set[str]:
    return {t.split()[0] for t in (p.read_text() for p in out.rglob("*.tf"))}


def test_kill_mid_write_leaves_the_old_output(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = _writer(out, "old", 0)
    assert first.wait(60) == 0
    before = snapshot(out)
    child = _writer(out, "new", 0.05)
    assert child.stdout is not None and child.stdout.readline() == "start\n"
    time.sleep(0.4)  # several files are in the stage, not all
    child.send_signal(signal.SIGKILL)
    child.wait(10)
    assert snapshot(out) == before  # intact: the new tree was never swapped in
    assert [p for p in tmp_path.iterdir() if ".iac-translate-" in p.name]  # a stage remains
    again = _writer(out, "new", 0)
    assert again.wait(60) == 0 and _tags(out) == {"new"} and len(snapshot(out)) == 20
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]  # the leftover is cleaned


def test_concurrent_runs_never_mix(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a, b = _writer(out, "a", 0.01), _writer(out, "b", 0.01)
    assert a.wait(60) == 0 and b.wait(60) == 0
    assert _tags(out) in ({"a"}, {"b"}) and len(snapshot(out)) == 20


def test_a_held_lock_gives_up_with_a_diagnostic(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    import fcntl
    monkeypatch.setattr(safewrite, "LOCK_WAIT_S", 0.2)
    fd = os.open(tmp_path, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        n, diags = write({"a.tf": "x\n"}, tmp_path / "out", [])
    finally:
        os.close(fd)
    assert n == 0 and [d.code for d in diags] == ["IT013"] and not (tmp_path / "out").exists()


def test_ai_output_inside_the_input_is_refused_and_never_read_back(tmp_path: Path) -> None:
    work = tmp_path / "ai"
    shutil.copytree(AI, work)
    r = run(str(work), "--target", "k8s", "--out", str(work / "k8s"))
    assert r.exit_code == 1 and "error[IT010]" in r.output and not (work / "k8s").exists()
    # An earlier output copied among the inputs is skipped, so the result does not grow.
    out = tmp_path / "out"
    assert run(str(work), "--target", "k8s", "--out", str(out)).exit_code == 0
    shutil.copytree(out, work / "old-output")
    again = translate(work, "k8s")
    assert sorted(again.files) == sorted(translate(AI, "k8s").files)
    assert any(d.code == "IT012" for d in again.diagnostics)


def test_symlink_loop_is_read_once(tmp_path: Path) -> None:
    work = tmp_path / "in"
    work.mkdir()
    (work / "self").symlink_to(".")
    (work / "main.tf").write_text('module "m" {\n  source = "./self/self"\n}\n')
    result = translate(work, "gke")
    assert not result.has_errors and sorted(result.files) == ["gke_scaffold.tf", "main.tf"]
    assert [d.code for d in result.diagnostics if d.code.startswith("IT01")] == ["IT012"]


def test_links_leaving_the_input_tree_are_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.tf").write_text('variable "leak" {\n  default = "x"\n}\n')
    (outside / "job.json").write_text('{"image": "busybox", "resources": {"cpu": 1}}\n')
    work = tmp_path / "in"
    shutil.copytree(GOLDEN / "kube_minimal" / "input", work)
    (work / "linked.tf").symlink_to(outside / "secret.tf")
    (work / "mods").symlink_to(outside)
    (work / "main.tf").write_text((work / "main.tf").read_text()
                                  + 'module "m" {\n  source = "./mods"\n}\n')
    result = translate(work, "gke")
    assert "leak" not in "".join(result.files.values())
    assert sorted(d.code for d in result.diagnostics if d.code == "IT011") == ["IT011"] * 2
    ai = translate(work, "k8s")
    assert any(d.code == "IT011" for d in ai.diagnostics)
    assert not any("busybox" in t for t in ai.files.values())


def test_binary_files_found_in_a_directory_are_skipped(tmp_path: Path) -> None:
    work = tmp_path / "ai"
    shutil.copytree(AI, work)
    (work / "secrets").mkdir()
    (work / "secrets" / "prod.yaml").write_bytes(b"\x00GITCRYPT\x00\xff\xfe")
    result = translate(work, "k8s")
    assert not result.has_errors and sorted(result.files) == sorted(translate(AI, "k8s").files)
    assert [d.code for d in result.diagnostics if d.code == "IT014"] == ["IT014"]
    named = translate(work / "secrets" / "prod.yaml", "k8s")  # named: it must be text
    assert "IT002" in {d.code for d in named.diagnostics}


def test_links_to_shared_files_of_the_repository_are_read(tmp_path: Path) -> None:
    # Per-cloud roots that link `../common/*.tf` (a common layout) are read, in a repository;
    # links leaving the repository are still refused.
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(GOLDEN / "kube_minimal" / "input", repo / "ovh")
    (repo / "common").mkdir()
    (repo / "common" / "shared.tf").write_text('variable "shared_name" {\n  default = "x"\n}\n')
    (repo / "ovh" / "shared.tf").symlink_to("../common/shared.tf")
    (repo / "scaleway").mkdir()
    (repo / "scaleway" / "shared.tf").symlink_to("../common/shared.tf")
    (tmp_path / "outside.tf").write_text('variable "leak" {\n  default = "y"\n}\n')
    (repo / "ovh" / "outside.tf").symlink_to(tmp_path / "outside.tf")
    result = translate(repo / "ovh", "gke")
    text = "".join(result.files.values())
    assert "shared_name" in text and "leak" not in text
    assert [d.code for d in result.diagnostics if d.code in ("IT011", "IT012")] == ["IT011"]
    both = translate([repo / "ovh", repo / "scaleway"], "gke")  # one file in two roots
    assert sum(t.count('variable "shared_name"') for t in both.files.values()) == 2
