"""How a translation uses its process: the cyclic collector paused, cache entries written aside."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from . import cache
from .diagnostics import Diagnostic


@contextmanager
def no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector: translation builds large acyclic trees (freed by reference
    counting), and collector passes over them cost about a fifth of the parse time."""
    was_enabled = gc.isenabled()
    gc.disable()
    _gc_paused.append(was_enabled)
    try:
        yield
    finally:
        _gc_paused.pop()
        if _gc_frozen and not _gc_paused:
            _gc_frozen.clear()
            gc.unfreeze()
        if was_enabled:
            gc.enable()
        else:
            gc.disable()


_gc_paused: list[bool] = []  # per nested pause: was the collector on before it
_gc_frozen: list[bool] = []


def model_built() -> None:
    """Lowering leaves cycles (recursive closures) that would pile up until the end of the
    run (a fifth of the peak memory): the model is frozen, so the collector never scans it
    again, and the collector runs again over what the lowering allocates."""
    if _gc_paused and _gc_paused[0] and not gc.isenabled():
        if gc.get_freeze_count() == 0:
            gc.freeze()
            _gc_frozen.append(True)
        if _gc_frozen:  # (frozen by us: the next root of an estate, after `lowered`)
            gc.enable()


def lowered() -> None:
    """The lowering's cycles are gone with it: the collector pauses again until the end of the
    translation (what is left to build, sorted diagnostics and the cache entry, is acyclic;
    three full passes over it found nothing and cost 0.2 s at 20,000 resources)."""
    if _gc_frozen and gc.isenabled():
        gc.disable()


def put(key: str, files: dict[str, str], diags: list[Diagnostic], trace: Any) -> None:
    """The cache entry of a cold run; when the command line exits after this translation, a
    forked child writes it while the process prints and writes its outputs (0.5 s at 20,000
    resources), and the process waits for it before exiting (`wait_for_writers`)."""
    if _process_ends() and hasattr(os, "fork"):
        try:
            pid = os.fork()
        except OSError:
            pid = -1
        if pid == 0:
            code = 1
            try:
                gc.disable()
                cache.put(key, cache.result_out(files, diags, trace))
                code = 0
            finally:
                os._exit(code)
        if pid > 0:
            _writers.append(pid)
            return
    cache.put(key, cache.result_out(files, diags, trace))


_writers: list[int] = []  # cache writers still running


def wait_for_writers() -> None:
    while _writers:
        try:
            os.waitpid(_writers.pop(), 0)
        except ChildProcessError:
            pass


def _process_ends() -> bool:
    """The command line runs this translation and exits after it (cli_group.process_ends);
    looked up, not imported: a library caller has no command line."""
    group = sys.modules.get(f"{__package__}.cli_group")
    return bool(group is not None and group.process_ends())
