"""Rendering the output files on two cores: a forked child renders while the parent checks."""

from __future__ import annotations

import gc
import mmap
import os
import pickle
import struct
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import IO, TypeVar

B = TypeVar("B")

# Below this many blocks a fork (a few milliseconds, more with a large heap) gains nothing.
MIN_BLOCKS = 1000
_ENV = "IAC_TRANSLATE_JOBS"  # "1": never fork (debugging, comparing)
# Shared by parent and child: how many files of the order the child has taken (from the
# front), and the lowest one the parent has taken (from the back). Neither side waits for
# the other: both end together whatever the checks cost against the rendering (a fixed
# share left one core idle as either changed).
_TAKEN, _LOW = 0, 8


def render_files(files: dict[str, list[B]], render: Callable[[str, list[B]], str],
                 work: Callable[[], set[str]],
                 release: Callable[[], None] = lambda: None) -> dict[str, str]:
    """`render(path, blocks)` of every file of `files` (non-empty ones, in path order) after
    `work` has run; `release` (dropping every other reference to the blocks) once they are
    no longer needed.

    `work` may edit blocks; it returns the paths whose blocks it edited. With a large
    output and fork available, a child renders files (as they were before `work`), largest
    first, while the parent runs `work`; then the parent renders from the smallest up until
    it meets the child, and renders again the files `work` edited among the child's. A file
    both took is rendered twice (the same text), one neither took or a child that fails:
    the parent renders it itself (a hand-over damaged after the child succeeded raises).
    The result is the same text either way (rendering reads the blocks and nothing else)."""
    paths = [p for p in sorted(files) if files[p]]
    total = sum(len(files[p]) for p in paths)
    # A library caller's other threads would be copied mid-flight into the child (locks
    # held by them stay held there): fork only a single-threaded process.
    if total < MIN_BLOCKS or not hasattr(os, "fork") or os.environ.get(_ENV) == "1" or \
            threading.active_count() > 1:
        work()
        out = {p: render(p, files[p]) for p in paths}
        release()
        return out
    order = sorted(paths, key=lambda p: (-len(files[p]), p))
    shared = mmap.mmap(-1, 16)
    struct.pack_into("qq", shared, 0, 0, len(order))
    child = _fork_render(order, files, render, shared)
    edited = work()
    paths = [p for p in sorted(files) if files[p]]  # (as `work` left them)
    out = {p: render(p, files[p]) for p in edited if p in files and files[p]}
    if child is not None:
        for j in range(len(order) - 1, -1, -1):
            struct.pack_into("q", shared, _LOW, j)
            if struct.unpack_from("q", shared, _TAKEN)[0] > j:
                break  # the child has it
            p = order[j]
            if p not in out and files.get(p):
                out[p] = render(p, files[p])
    if child is not None and _finished(child):
        # The blocks go before the child's texts are read: those reuse the blocks' memory
        # instead of adding to the peak; what neither rendered is rendered first.
        theirs = set(order[:struct.unpack_from("q", shared, _TAKEN)[0]])
        out.update((p, render(p, files[p])) for p in paths if p not in out and p not in theirs)
        files = {}
        release()
        out.update((p, text) for p, text in _read(child[1]) if p not in out)
    else:
        out.update((p, render(p, files[p])) for p in paths if p not in out)
        files = {}
        release()
    shared.close()
    return {p: out[p] for p in paths}


def _fork_render(order: list[str], files: dict[str, list[B]],
                 render: Callable[[str, list[B]], str],
                 shared: mmap.mmap) -> tuple[int, IO[bytes]] | None:
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
            for i, p in enumerate(order):
                if struct.unpack_from("q", shared, _LOW)[0] <= i:
                    break  # the parent has it
                struct.pack_into("q", shared, _TAKEN, i + 1)
                pickle.dump((p, render(p, files[p])), out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()
            code = 0
        finally:
            os._exit(code)
    return pid, out


def _finished(child: tuple[int, IO[bytes]]) -> bool:
    """Whether the child rendered and handed over every one of its files."""
    pid, out = child
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        return True
    out.close()
    return False


def _read(out: IO[bytes]) -> Iterator[tuple[str, str]]:
    with out:
        out.seek(0)
        while True:
            try:
                path, text = pickle.load(out)
            except EOFError:
                return
            yield path, text
