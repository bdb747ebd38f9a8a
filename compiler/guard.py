"""One guard for every entry point: an unexpected failure is a diagnostic, never a traceback."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn, ParamSpec, TypeVar, cast

from .diagnostics import Diagnostic, Sink
from .span import Span

P = ParamSpec("P")
T = TypeVar("T")

# Deepest nesting the readers accept (HCL blocks and expressions, YAML/JSON collections).
# Real configurations and manifests stay under about 20; the bound keeps every later stage
# (IR passes, writers, deepcopy) far from Python's recursion limit.  Documented as IT109.
MAX_DEPTH = 64
# Python refuses int(str) beyond this many digits (sys.int_info.str_digits_check_threshold
# default); readers reject longer integer literals with IT111 instead of raising.
MAX_INT_DIGITS = 4300
INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1

_SURROGATE = re.compile("[\ud800-\udfff]")


class Failure(Exception):
    """An entry point without a diagnostics channel (explain) failed: carries the IT9xx/IT1xx
    diagnostic for the CLI to print."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


def diagnostic(e: BaseException) -> Diagnostic:
    """The diagnostic for an exception that escaped every reader.

    Never embeds str(e): errors from YAML, JSON or int() quote the input, which may hold a
    credential.  The exception class and our own file:line are enough to report the bug.
    """
    sink = Sink()
    if isinstance(e, RecursionError):
        return sink.add("IT109", None, f"the input is nested too deeply to process (more than "
                        f"{MAX_DEPTH} levels)", "flatten the nesting")
    if isinstance(e, MemoryError):
        return sink.add("IT113", None, "the input is too large to process in memory",
                        "split it into smaller files")
    return sink.add("IT901", None, f"internal error: {e.__class__.__name__} (at {_where(e)}); "
                    "please report it with the input that caused it")


def _where(e: BaseException) -> str:
    """Our innermost frame (file:line), else the innermost frame of all."""
    import traceback  # (only an internal error needs it: 1 ms of every start-up)
    frames = traceback.extract_tb(e.__traceback__)
    ours = [f for f in frames if "iac_translate" in f.filename or "/compiler/" in f.filename
            or "/targets/" in f.filename]
    if not (ours or frames):
        return "?"
    f = (ours or frames)[-1]
    return f"{Path(f.filename).name}:{f.lineno}"


def call(fn: Callable[[], T], fallback: Callable[[Diagnostic], T]) -> T:
    """fn(), or fallback(diagnostic) when it raises anything but an exit or an interrupt."""
    try:
        return fn()
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except Failure as f:
        return fallback(f.diagnostic)
    except BaseException as e:  # noqa: BLE001 - the whole point: never a traceback
        return fallback(diagnostic(e))


def entry(fallback: Callable[[Diagnostic], T]) -> Callable[[Callable[P, T]], Callable[P, T]]:
    """Decorator form of `call` for a library entry point."""
    def wrap(fn: Callable[P, T]) -> Callable[P, T]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> T:
            return call(lambda: fn(*args, **kwargs), fallback)
        return guarded
    return wrap


def raising(fn: Callable[P, T]) -> Callable[P, T]:
    """Guard for entry points that return no diagnostics (explain): failures are raised as a
    Failure carrying the diagnostic, for the CLI to print."""
    def fail(d: Diagnostic) -> NoReturn:
        raise Failure(d)
    return entry(cast(Callable[[Diagnostic], T], fail))(fn)


def check_text(rel: str, text: str, sink: Sink) -> bool:
    """False (with IT110 at the character) when in-memory text holds a lone surrogate, which no
    file can contain and no writer can encode."""
    m = _SURROGATE.search(text)
    if m is None:
        return True
    line = text.count("\n", 0, m.start()) + 1
    col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
    sink.add("IT110", Span(rel, line, col, line, col + 1), "the text holds a lone UTF-16 "
             "surrogate, which is not a Unicode character")
    return False


def unencodable(files: dict[str, str]) -> list[str]:
    """Output files a UTF-8 writer would fail on (the backstop behind the readers' checks)."""
    return sorted(p for p, text in files.items()
                  if not text.isascii() and _SURROGATE.search(text))  # (ASCII: at C speed)


def cli_line(e: BaseException) -> str:
    """The single stderr line the CLI prints for an exception that escaped a command."""
    d = e.diagnostic if isinstance(e, Failure) else diagnostic(e)
    where = f"{d.span}: " if d.span else ""
    return f"{where}{d.severity.value}[{d.code}]: {d.message}"
