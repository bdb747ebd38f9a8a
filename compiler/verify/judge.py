"""The verdict of one fact: equal, mapped (a diagnostic or table explains it) or lost."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..diagnostics import Diagnostic
from ..secrets import redact
from ..span import Span
from .model import EQUAL, LOST, MAPPED, Expression, Fact, Row, same, show
from .values import refs


class Explainer:
    """The translation's diagnostics by file and line, to find those inside a source span."""

    def __init__(self, diagnostics: Iterable[Diagnostic]) -> None:
        self.by_line: dict[tuple[str, int], list[Diagnostic]] = {}
        for d in diagnostics:
            if d.span is not None:
                self.by_line.setdefault((d.span.file, d.span.line), []).append(d)

    def within(self, span: Span | None) -> list[Diagnostic]:
        """Diagnostics that start inside `span` (the source text of a fact)."""
        if span is None:
            return []
        end = (span.end_line, span.end_column) if span.end_line else (span.line, span.column)
        return [d for line in range(span.line, end[0] + 1)
                for d in self.by_line.get((span.file, line), ())
                if d.span is not None and (span.line, span.column) <= (d.span.line,
                                                                       d.span.column) <= end]

    def at(self, span: Span | None) -> list[Diagnostic]:
        """Diagnostics at exactly the start of `span` (about a whole object)."""
        if span is None:
            return []
        return [d for d in self.by_line.get((span.file, span.line), ())
                if d.span is not None and d.span.column == span.column]


_TODO = re.compile(r"TODO\((IT\d{3})\)")


def _codes(found: list[Diagnostic]) -> str:
    return ",".join(sorted({d.code for d in found}))


def judge(obj: str, fact: str, src: Fact | None, out: Fact | None, why: Explainer,
          target: str = "", whole: bool = False, owner: Span | None = None) -> Row | None:
    """The row of `fact`, or None when the source does not state it. A difference is
    explained by a diagnostic inside the fact's source text (`whole`: at the object's start)
    that names the output's value (or any, when the output has no value or computes it);
    diagnostics at the start of `owner` (the whole object) count too."""
    if src is None or src.value is None:
        return None
    output = out.value if out is not None else None

    def row(verdict: str, because: str = "") -> Row:
        return Row(obj, fact, masked(src.value), masked(output), verdict, because, src.span,
                   target)
    if out is not None and same(src.value, output):
        return row(EQUAL)
    near = why.at(src.span) if whole else why.within(src.span)
    near += [d for d in why.at(owner) if d not in near]
    if out is not None and isinstance(output, frozenset) and show(src.value) in output:
        return row(MAPPED, out.raw)  # one of the values the output's type allows
    if out is not None and src.expect is not None and same(src.expect, output):
        named = [d for d in near if _names(d, out, fact)]
        return row(MAPPED, _codes(named) or src.table)
    todo = _TODO.findall(show(output))
    if todo and any(d.code in todo for d in near):
        return row(MAPPED, _codes([d for d in near if d.code in todo]))  # a coded placeholder
    if output is None or isinstance(output, Expression):
        # Dropped or computed: said by any diagnostic but those that name a value, which
        # must then be in the output (in the expression, for a computed one).
        said = [d for d in near if d.code not in _NAMING or
                (isinstance(output, Expression) and _named_in(d, str(output)))]
        new = refs(output) - refs(src.value) if isinstance(src.value, Expression) else set()
        if new and isinstance(output, Expression) and not _wraps(str(output), str(src.value)):
            # It reads what the source does not (`var.other` for `each.value.flavor`): only a
            # diagnostic that names that explains it (one saying the value is computed at
            # plan time does not say from what).
            said = [d for d in said if any(_token(r, f"{d.message} {d.hint}") for r in new)]
        if said:
            return row(MAPPED, _codes(said))
    elif out is not None:
        named = [d for d in near if _names(d, out, fact)]
        if named:
            return row(MAPPED, _codes(named))
    if isinstance(output, Expression) and _unless_null(str(output), show(src.value)):
        return row(MAPPED, "conditional")  # the value, or null where autoscaling decides
    if isinstance(src.value, Expression) and isinstance(output, Expression) and \
            _wraps(str(output), str(src.value)):
        return row(MAPPED, "expression")  # the same expression, wrapped or rewritten
    return row(LOST)


def masked(value: Any) -> str:
    """The table's text of a value with credentials masked: a command line's words are
    checked together (`--api-key VALUE`), as secrets.redact reads a command."""
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, str) for v in value):
        joined = " ".join(value)
        hidden = redact(joined)
        if hidden != joined:
            return f"[{hidden}]"
    return redact(show(value))


def _wraps(out: str, src: str) -> bool:
    """The output computes the source expression as a whole operand (an argument of a
    function, a condition or a branch: `upper(x)`, `x ? [1] : []`, not `x + 1`), once the
    source's references to OVH objects are read as the output's."""
    def whole(inner: str, outer: str) -> bool:
        return re.search(rf"(?:^|[(\[,?:]\s*){re.escape(inner)}(?:\s*[)\],?:]|$)",
                         outer) is not None
    return whole(src, out) or (bool(refs(Expression(src))) and
                               whole(_REWRITTEN.sub("", src), _REWRITTEN.sub("", out)))


# References to resources (type.name.attribute): rewritten to the target's types.
_REWRITTEN = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\.[A-Za-z_][A-Za-z0-9_-]*"
                        r"(?:\.[A-Za-z_][A-Za-z0-9_]*)?")


def _unless_null(text: str, value: str) -> bool:
    m = re.fullmatch(r".+\?\s*(.+?)\s*:\s*(.+?)\s*", text)
    return bool(m) and {m.group(1), m.group(2)} == {"null", value} if m else False


# Codes that state the value the output has (a region or flavor mapped, a GPU substituted,
# a literal name changed): they explain a difference only when the output has that value.
_NAMING = {"IT306", "IT311", "IT324"}
# Codes that say a value was changed in kind, not mapped to another value (an argument
# dropped, approximated, kept computed): they explain any difference of their fact.
_CHANGES = {"IT301", "IT302", "IT309"}
# Credentials taken out of values (read from a Secret): they explain a changed command line
# or environment, nothing else.
_CREDENTIALS = {"IT312", "IT314", "IT316", "IT317"}
_SECRET_FACTS = {"command", "env_keys", "secret_env"}


def _names(d: Diagnostic, out: Fact, fact: str) -> bool:
    """Does `d` explain that the output has `out`? A value read from a named one (a machine
    type, a role, a node label) must be named by it, whatever the code."""
    text = f"{d.message} {d.hint}"
    shown = show(out.value)
    if any(_token(v, text) for v in (out.raw, shown) if v and v != "-"):
        return True
    if d.code in _CREDENTIALS and fact in _SECRET_FACTS:
        return True
    return d.code in _CHANGES and not out.raw


def _named_in(d: Diagnostic, text: str) -> bool:
    """The value a mapping diagnostic maps to (its last `quoted` word) is in `text`."""
    quoted = re.findall(r"`([^`]+)`", d.message)
    return bool(quoted) and _token(quoted[-1], text)


def _token(value: str, text: str) -> bool:
    """`value` written as a word of `text` (`1` is not in `l4-1-gpu`)."""
    return re.search(rf"(?<![\w.-]){re.escape(value)}(?![\w-]|\.\w)", text) is not None
