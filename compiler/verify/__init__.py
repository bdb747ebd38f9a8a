"""`verify`: re-read a translation's output and compare it with the source, fact by fact."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .. import guard
from ..diagnostics import Diagnostic, Sink
from ..span import Span
from .model import EQUAL, LOST, MAPPED, Row, Verification

__all__ = ["EQUAL", "LOST", "MAPPED", "Row", "Verification", "verify"]


def verify(src: Any, out: str | Path | dict[str, str], target: str = "gke",
           options: Any = None) -> Verification:
    """Compare the intent of `src` (what `translate` accepts) with `out` as written (its
    --out directory, or {relative path: text}).

    The source is translated again in memory only for its diagnostics and trace (which
    diagnostic explains a difference, which output object comes from which source object);
    the output's facts are read from `out` itself. Nothing is printed or written.
    """
    from ..api import TranslateOptions
    options = options or TranslateOptions()
    sink = Sink()

    def run() -> Verification:
        from .run import compare
        return compare(src, out, target, options, sink)
    return guard.call(run, lambda d: Verification(target, (), (*sink.sorted(), d)))


def lost_diagnostics(rows: tuple[Row, ...]) -> list[Diagnostic]:
    """One IT353 per lost row, at the source text of the fact."""
    sink = Sink()
    for r in rows:
        if r.verdict == LOST:
            span = r.span if isinstance(r.span, Span) else None
            sink.add("IT353", span, f"{r.object}: {r.fact} {r.source} became {r.output} "
                     f"in the output{f' ({r.target})' if r.target else ''} and no "
                     "diagnostic of the translation says why")
    return sink.sorted()
