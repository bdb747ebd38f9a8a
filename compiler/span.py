"""Source positions: 1-based line/column spans relative to the input root."""

from __future__ import annotations

from typing import NamedTuple


class Span(NamedTuple):
    """A region of one source file; `file` is POSIX and relative, never absolute.

    A NamedTuple rather than a frozen dataclass: parsing creates one per node, and tuple
    construction is several times cheaper.
    """

    file: str
    line: int
    column: int
    end_line: int = 0
    end_column: int = 0

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"

    def to_end(self, other: Span | None) -> Span:
        """Return a span from this start to the end of `other` (same file)."""
        if other is None:
            return self
        return Span(self.file, self.line, self.column, other.end_line, other.end_column)

