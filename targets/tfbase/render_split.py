"""Rendering the output files on two cores: a forked child renders most while the parent checks."""

from __future__ import annotations

import gc
import os
import pickle
import sys
import tempfile
from collections.abc import Callable
from typing import IO, TypeVar

B = TypeVar("B")

# Below this many blocks a fork (a few milliseconds, more with a large heap) gains nothing.
MIN_BLOCKS = 1000
# The parent's share of the rendering besides its own work (the self-check costs about 0.6 of
# the rendering): the child takes the rest, so that both end together.
PARENT_SHARE = 0.2
_ENV = "IAC_TRANSLATE_JOBS"  # "1": never fork (debugging, comparing)


def render_files(files: dict[str, list[B]], render: Callable[[list[B]], str],
                 work: Callable[[], set[str]]) -> dict[str, str]:
    """`render` of every file of `files` (non-empty ones, in path order) after `work` has run.

    `work` may edit blocks; it returns the paths whose blocks it edited. With a large
    output and fork available, a child renders most files (as they were before `work`) while
    the parent runs `work` and renders the rest, then renders again the files `work` edited
    among the child's. Any failure of the child: the parent renders its files itself. The
    result is the same text either way (rendering reads the blocks and nothing else)."""
    paths = [p for p in sorted(files) if files[p]]
    total = sum(len(files[p]) for p in paths)
    if total < MIN_BLOCKS or not hasattr(os, "fork") or os.environ.get(_ENV) == "1":
        work()
        return {p: render(files[p]) for p in paths}
    theirs = _child_share(paths, files, total)
    child = _fork_render(theirs, files, render)
    edited = work()
    paths = [p for p in sorted(files) if files[p]]  # (as `work` left them)
    out = {p: render(files[p]) for p in paths if p not in theirs or p in edited}
    got = _collect(child) if child is not None else None
    for p in paths:
        if p not in out:
            out[p] = got[p] if got is not None and p in got else render(files[p])
    return {p: out[p] for p in paths}


def _child_share(paths: list[str], files: dict[str, list[B]], total: int) -> set[str]:
    """The largest files first until the child holds 1 - PARENT_SHARE of the blocks."""
    share: set[str] = set()
    held = 0
    for p in sorted(paths, key=lambda p: -len(files[p])):
        if held >= total * (1 - PARENT_SHARE):
            break
        share.add(p)
        held += len(files[p])
    return share


def _fork_render(paths: set[str], files: dict[str, list[B]],
                 render: Callable[[list[B]], str]) -> tuple[int, IO[bytes]] | None:
    try:
        # A file, not a pipe: the child never waits for the busy parent to read, and it holds
        # one text at a time (the whole output kept for a pipe was 14 MB more peak RSS).
        out = tempfile.TemporaryFile()
    except OSError:
        return None
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        pid = os.fork()
    except OSError:
        out.close()
        return None
    if pid == 0:  # the child: render, hand the texts over, and leave without any clean-up
        code = 1
        try:
            gc.disable()  # it lives a few seconds and allocates no cycles worth collecting
            for p in sorted(paths):
                pickle.dump((p, render(files[p])), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            code = 0
        finally:
            os._exit(code)
    return pid, out


def _collect(child: tuple[int, IO[bytes]]) -> dict[str, str] | None:
    pid, out = child
    _, status = os.waitpid(pid, 0)
    got: dict[str, str] = {}
    with out:
        if os.waitstatus_to_exitcode(status) != 0:
            return None
        out.seek(0)
        try:
            while True:
                path, text = pickle.load(out)
                got[path] = text
        except EOFError:
            return got
        except Exception:  # noqa: BLE001 - a damaged hand-over: the parent renders instead
            return None
