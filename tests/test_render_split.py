"""render_split: files rendered by a forked child are the text the parent would render."""

from __future__ import annotations

import os

import pytest
from golden_cases import cases, run
from iac_translate.targets.tfbase import render_split

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")

# Cases whose self-check adds placeholders (edits after the child has rendered) or that have
# many files, on both Terraform targets.
NAMES = ("selfcheck_required_args", "selfcheck_references", "module_library",
         "mixed_terraform_and_ai")


def _cases() -> list[tuple[object, str]]:
    return [(c, t) for c in cases() if c.name in NAMES for t in c.targets
            if t in ("gke", "eks")]


@pytest.mark.parametrize("case,target", _cases(), ids=lambda x: getattr(x, "name", x))
def test_forked_rendering_is_identical(case, target, monkeypatch) -> None:
    monkeypatch.setenv("IAC_TRANSLATE_JOBS", "1")
    alone, files_alone = run(case, target)
    monkeypatch.delenv("IAC_TRANSLATE_JOBS")
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    forks = []
    real_fork = render_split._fork_render
    monkeypatch.setattr(render_split, "_fork_render",
                        lambda *a: forks.append(1) or real_fork(*a))
    split, files_split = run(case, target)
    assert forks, "the child was never forked"
    assert files_split == files_alone
    assert split.diagnostics == alone.diagnostics


def _render(path: str, blocks: list[str]) -> str:
    return "".join(blocks)


def test_edits_of_the_work_are_rendered_again(monkeypatch) -> None:
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    files = {"a.tf": ["a"] * 5, "b.tf": ["b"] * 3, "c.tf": ["c"], "empty.tf": []}

    def work() -> set[str]:
        files["a.tf"].append("!")  # the child's largest file, edited after it was forked
        files["d.tf"] = ["d"]
        return {"a.tf"}

    released = []

    def release() -> None:  # the child's texts are read once the blocks are gone
        released.append(dict(files))
        files.clear()

    out = render_split.render_files(files, _render, work, release)
    assert out == {"a.tf": "aaaaa!", "b.tf": "bbb", "c.tf": "c", "d.tf": "d"}
    assert len(released) == 1 and not files
    assert list(out) == sorted(out)


def test_a_failing_child_leaves_the_rendering_to_the_parent(monkeypatch) -> None:
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    parent = os.getpid()

    def render(path: str, blocks: list[str]) -> str:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return "".join(blocks)

    files = {"a.tf": ["x"] * 9, "b.tf": ["y"]}
    released = []
    out = render_split.render_files(files, render, set, lambda: released.append(1))
    assert out == {"a.tf": "x" * 9, "b.tf": "y"} and released == [1]


def test_small_outputs_are_not_forked(monkeypatch) -> None:
    monkeypatch.setattr(render_split, "_fork_render", lambda *a: pytest.fail("forked"))
    files = {"a.tf": ["x"] * 3}
    assert render_split.render_files(files, _render, set) == {"a.tf": "xxx"}


def test_a_process_with_other_threads_is_not_forked(monkeypatch) -> None:
    # A pipeline calling the library from a threaded host: a fork would copy held locks.
    import threading
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    monkeypatch.setattr(render_split, "_fork_render", lambda *a: pytest.fail("forked"))
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        files = {"a.tf": ["x"] * 3}
        assert render_split.render_files(files, _render, set) == {"a.tf": "xxx"}
    finally:
        stop.set()
        other.join()


def test_the_parent_takes_files_from_the_back_once_its_work_is_done(monkeypatch) -> None:
    """A slow child does not hold the parent up: the parent renders from the smallest file up
    until the two meet, and every file is rendered exactly as alone."""
    import time
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    parent = os.getpid()
    mine: list[str] = []

    def render(path: str, blocks: list[str]) -> str:
        if os.getpid() == parent:
            mine.append(path)
        else:
            time.sleep(0.05)
        return "".join(blocks)

    files = {f"f{i:02}.tf": [str(i)] * (i + 1) for i in range(20)}
    want = {p: "".join(b) for p, b in files.items()}
    out = render_split.render_files(dict(files), render, lambda: time.sleep(0.3) or set())
    assert out == want
    assert mine and "f00.tf" in mine  # the smallest, the parent's first
    assert "f19.tf" not in mine  # the largest, the child's first
    assert len(mine) == len(set(mine))


def test_a_slow_parent_leaves_every_file_to_the_child(monkeypatch) -> None:
    import time
    monkeypatch.setattr(render_split, "MIN_BLOCKS", 1)
    parent = os.getpid()
    mine: list[str] = []

    def render(path: str, blocks: list[str]) -> str:
        if os.getpid() == parent:
            mine.append(path)
        return "".join(blocks)

    files = {f"f{i}.tf": ["x"] * (i + 1) for i in range(5)}
    out = render_split.render_files(files, render, lambda: time.sleep(0.5) or set())
    assert out == {f"f{i}.tf": "x" * (i + 1) for i in range(5)}
    assert mine == []  # the child had rendered them all by the time the work was done
