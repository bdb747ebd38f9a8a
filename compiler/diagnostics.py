"""Coded, positioned diagnostics and the sink that collects them across all stages."""

from __future__ import annotations

from dataclasses import dataclass, field

from .codes import Severity, lookup
from .secrets import redact
from .span import Span


@dataclass(frozen=True, order=True, slots=True, init=False)
class Diagnostic:
    """One finding: a registered code, a message and the source span it is about."""

    span: Span | None
    code: str
    message: str
    severity: Severity = field(compare=False)
    hint: str = field(default="", compare=False)

    def __init__(self, span: Span | None, code: str, message: str, severity: Severity,
                 hint: str = "") -> None:
        # Frozen, so the slots are set through their descriptors (a generated __init__ and
        # __post_init__ went through object.__setattr__ seven times per diagnostic).
        # Messages reach CI logs and SARIF uploads: every one is redacted where it is built.
        _span(self, span)
        _code(self, code)
        _message(self, redact(message))
        _severity(self, severity)
        _hint(self, redact(hint))

    def moved(self, span: Span | None) -> Diagnostic:
        """The same finding at another span (a path made relative): its texts were redacted
        when it was built, and redacting them again was most of a warm `check`."""
        return redacted(span, self.code, self.message, self.severity, self.hint)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        s = self.span
        return (s.file if s else "", s.line if s else 0, s.column if s else 0,
                self.code, self.message)

    def to_dict(self) -> dict[str, object]:
        s = self.span
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "file": s.file if s else None,
            "line": s.line if s else None,
            "column": s.column if s else None,
        }


_new = object.__new__
_span, _code, _message, _severity, _hint = (
    Diagnostic.__dict__[name].__set__ for name in ("span", "code", "message", "severity", "hint"))


def redacted(span: Span | None, code: str, message: str, severity: Severity,
             hint: str) -> Diagnostic:
    """A Diagnostic of texts redacted before (moved, or read back from the cache): built
    without redacting them again."""
    d = _new(Diagnostic)
    _span(d, span)
    _code(d, code)
    _message(d, message)
    _severity(d, severity)
    _hint(d, hint)
    return d


class Sink:
    """Collects diagnostics; stages report here instead of raising for user errors."""

    def __init__(self) -> None:
        self._items: list[Diagnostic] = []
        self._seen: set[tuple[object, ...]] = set()
        # (source span, target address) for each emitted object: the report's provenance.
        self.trace: list[tuple[Span, str]] = []

    def produced(self, source: Span, address: str) -> None:
        self.trace.append((source, address))

    def add(self, code: str, span: Span | None, message: str, hint: str = "") -> Diagnostic:
        entry = lookup(code)
        diag = Diagnostic(span, code, message, entry.severity, hint)
        # One flat tuple per finding (sort_key's fields and the hint): nested, the keys were
        # 11 MB at 20,000 resources.
        key = (span.file, span.line, span.column, code, diag.message, hint) if span else \
            ("", 0, 0, code, diag.message, hint)
        if key not in self._seen:  # the same finding reached twice is reported once
            self._seen.add(key)
            self._items.append(diag)
        return diag

    def extend(self, diags: list[Diagnostic]) -> None:
        for d in diags:
            key = (*d.sort_key(), d.hint)
            if key not in self._seen:
                self._seen.add(key)
                self._items.append(d)

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self._items)

    def sorted(self) -> list[Diagnostic]:
        return sorted(self._items, key=Diagnostic.sort_key)
