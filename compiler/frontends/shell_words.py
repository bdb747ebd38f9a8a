"""Split one shell command line into words exactly as POSIX sh does (no expansion)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from iac_translate.grammars import parser
from lark import Token, Tree
from lark.exceptions import LarkError

from ..span import Span


class SplitError(Exception):
    def __init__(self, span: Span, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


@dataclass(frozen=True)
class Word:
    text: str
    span: Span
    quoted: bool = False  # some part was quoted or escaped: never a shell operator


def words(text: str, file: str, line: int = 1, column: int = 1) -> list[Word]:
    """Shell words of `text`; positions are absolute in `file` (`text` starts at line:column).

    POSIX removes every backslash-newline outside single quotes before it splits words
    (XCU 2.2.1, 2.2.3), so `"cd x && \\<newline> run"` is one word `cd x &&  run`: that
    removal is done first, keeping a map back to the original offsets for the spans.
    """
    clean, where = _join_continuations(text)
    try:
        tree = parser("shell_words").parse(clean)
    except LarkError as e:
        pos = getattr(e, "pos_in_stream", None)
        at = where[min(pos, len(where) - 1)] if isinstance(pos, int) and where else 0
        raise SplitError(_span(text, file, line, column, at, at + 1),
                         "cannot split the command line: a quote is not closed") from None
    out = []
    for w in tree.children:
        if isinstance(w, Tree) and w.data == "word":
            start, end = where[w.meta.start_pos], where[w.meta.end_pos - 1] + 1
            out.append(Word("".join(_piece(p) for p in w.children),
                            _span(text, file, line, column, start, end),
                            any(p.data != "bare" for p in w.children)))
    return out


def _join_continuations(text: str) -> tuple[str, list[int]]:
    """`text` without backslash-newlines (outside single quotes), and for each kept
    character its offset in `text` (plus one past the end)."""
    out: list[str] = []
    where: list[int] = []
    i, n, quote = 0, len(text), ""
    while i < n:
        c = text[i]
        if quote == "'":
            quote = "" if c == "'" else quote
        elif c == "\\":
            m = re.match(r"\\\r?\n", text[i:i + 3])
            if m:  # a line continuation: removed
                i += len(m.group(0))
                continue
            if i + 1 < n:  # an escaped character is kept with its backslash
                out += [c, text[i + 1]]
                where += [i, i + 1]
                i += 2
                continue
        elif c in "'\"" and not quote:
            quote = c
        elif c == '"' and quote == '"':
            quote = ""
        out.append(c)
        where.append(i)
        i += 1
    where.append(n)
    return "".join(out), where


def _span(text: str, file: str, line: int, column: int, start: int, end: int) -> Span:
    def pos(offset: int) -> tuple[int, int]:
        nl = text.count("\n", 0, offset)
        if nl == 0:
            return line, column + offset
        return line + nl, offset - text.rfind("\n", 0, offset)
    a, b = pos(start), pos(max(end, start + 1))
    return Span(file, a[0], a[1], b[0], b[1])


def _piece(p: Tree) -> str:
    tok = p.children[0]
    assert isinstance(tok, Token)
    v = str(tok)
    if p.data == "squoted":
        return v[1:-1]
    if p.data == "dquoted":  # inside double quotes a backslash escapes only $ ` " \
        return re.sub(r'\\([\\"$`])', r"\1", v[1:-1])
    if p.data == "escaped":
        return v[1:]
    return v
