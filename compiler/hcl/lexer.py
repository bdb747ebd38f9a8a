"""Tokenizer for HCL native syntax: one master regex, manual scans for templates and heredocs."""

from __future__ import annotations

import re
from bisect import bisect_right
from sys import intern

# Token kinds.  Quoted strings without interpolation are STRING (value already unescaped);
# those with `${`/`%{` are TEMPLATE (value = raw inner text, decoded by the parser).
IDENT, NUMBER, STRING, TEMPLATE, HEREDOC, OP, NL, EOF = (
    "IDENT", "NUMBER", "STRING", "TEMPLATE", "HEREDOC", "OP", "NL", "EOF")
# `a.b.c` written without blanks, as one token (value "a.b.c"), when the parser asks for it:
# a sixth of all tokens are the dots and names of such references.
CHAIN = "CHAIN"

# Leading blanks are consumed by the same match as the token that follows them: one regex
# call per token instead of two halves the lexer's time.  Neither a lazy `/\*(?:.|\n)*?\*/`
# nor a repeated prefix `(?:blanks|\\\n)*` is in it: either doubled the time of every match
# (the engine keeps backtracking state for them at each token).  So a block comment is found
# by `str.find` after its `/*` (an unterminated one is the operators `/` and `*`), and a line
# continuation is a match of its own.
_MASTER = re.compile(
    r"""[ \t\r\f]*
    (?:(?P<ident>[A-Za-z_][A-Za-z0-9_\-]*)
    |(?P<nl>\n)
    |(?P<comment>\#[^\n]*|//[^\n]*)
    |(?P<bcomment>/\*)
    |(?P<heredoc><<-?[A-Za-z_][A-Za-z0-9_\-]*[ \t]*\r?\n)
    |(?P<op>[,{}():?\]]|=(?![=>])|\[(?!\s*\*\s*\])|\.\.\.|==|!=|<=|>=|&&|\|\||=>|\[\s*\*\s*\]|\.\*|[-+*/%<>!?:=,.(){}\[\]])
    |(?P<string>"[^"\\\n$%]*(?:(?:\$\$\{|%%\{|\\["\\nrt]|\$(?!\{)|%(?!\{))[^"\\\n$%]*)*")
    |(?P<quote>")
    |(?P<number>[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)
    |(?P<cont>\\\r?\n))?
    """,
    re.VERBOSE,
)
# The same, reading a name followed by `.name` links as a CHAIN (group `chain`).
_MASTER_CHAINS = re.compile(_MASTER.pattern.replace(
    r"(?P<ident>[A-Za-z_][A-Za-z0-9_\-]*)",
    r"(?P<ident>[A-Za-z_][A-Za-z0-9_\-]*)(?P<chain>(?:\.[A-Za-z_][A-Za-z0-9_\-]*)+)?"),
    re.VERBOSE)
assert _MASTER_CHAINS.pattern != _MASTER.pattern

_SIMPLE_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


class LexError(Exception):
    """A lexical error at an absolute offset (converted to IT1xx by the caller)."""

    def __init__(self, offset: int, message: str, code: str = "IT101") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code


# One token: (kind, value, start, end), `start`/`end` absolute character offsets into the
# source text.  A plain tuple rather than a class: a tuple display costs a sixth of a slotted
# class's __init__, the lexer makes one per token, and a list of them is what marshal moves
# between processes without conversion.  Readers index it: t[0] kind, t[1] value, t[2] start,
# t[3] end.
Token = tuple[str, str, int, int]


class LineIndex:
    """Maps absolute offsets to 1-based (line, column)."""

    def __init__(self, text: str) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # One int object per line number, shared by every span on that line (past 256,
        # each `i + 1` would be a new object: a sixth of the model's memory).
        self.lines = list(range(1, len(self.starts) + 1))

    def pos(self, offset: int) -> tuple[int, int]:
        i = bisect_right(self.starts, offset) - 1
        return self.lines[i], offset - self.starts[i] + 1


def unescape(raw: str, offset: int) -> str:
    """Decode a quoted string body's escapes (`\\n`, `\\uXXXX`, `$${`, `%%{`)."""
    if "\\" not in raw and "$${" not in raw and "%%{" not in raw:
        return raw
    out: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        c = raw[i]
        if c == "\\":
            nxt = raw[i + 1:i + 2]
            if nxt in _SIMPLE_ESCAPES:
                out.append(_SIMPLE_ESCAPES[nxt])
                i += 2
            elif nxt in ("u", "U"):
                width = 4 if nxt == "u" else 8
                hexd = raw[i + 2:i + 2 + width]
                if len(hexd) != width or not all(h in "0123456789abcdefABCDEF" for h in hexd):
                    raise LexError(offset + i, "invalid unicode escape in string")
                cp = int(hexd, 16)
                if 0xD800 <= cp <= 0xDBFF and raw.startswith("\\u", i + 6) and nxt == "u":
                    low = raw[i + 8:i + 12]  # a UTF-16 pair, as JSON writes astral characters
                    if len(low) == 4 and all(h in "0123456789abcdefABCDEF" for h in low) and \
                            0xDC00 <= int(low, 16) <= 0xDFFF:
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (int(low, 16) - 0xDC00)
                        i += 6
                if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
                    raise LexError(offset + i, f"\\{nxt}{hexd} is not a Unicode character "
                                   "(beyond U+10FFFF, or a lone UTF-16 surrogate)", "IT110")
                out.append(chr(cp))
                i += 2 + width
            else:
                raise LexError(offset + i, f"invalid escape sequence \\{nxt} in string")
        elif raw.startswith("$${", i) or raw.startswith("%%{", i):
            out.append(raw[i + 1:i + 3])
            i += 3
        else:
            out.append(c)
            i += 1
    return "".join(out)


# The only characters the template and interpolation scanners act on.
_TEMPLATE_STOP = re.compile(r'["\n\\$%]')
_INTERP_STOP = re.compile(r'["{}]')


def scan_template(text: str, i: int, end: int) -> int:
    """Given `i` just after an opening quote, return the offset of the closing quote."""
    search = _TEMPLATE_STOP.search
    while i < end:
        m = search(text, i, end)  # jump over plain text in C: one step per special character
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == '"':
            return i
        if c == "\n":
            raise LexError(i, "unterminated string: a quoted string cannot span lines", "IT103")
        if c == "\\":
            i += 2
        elif text.startswith("$${", i) or text.startswith("%%{", i):
            i += 3
        elif text.startswith("${", i) or text.startswith("%{", i):
            i = skip_interpolation(text, i + 2, end) + 1
        else:
            i += 1
    raise LexError(end, "unterminated string", "IT103")


def skip_interpolation(text: str, i: int, end: int) -> int:
    """Given `i` just after `${`, return the offset of the matching `}`."""
    depth = 0
    search = _INTERP_STOP.search
    while i < end:
        m = search(text, i, end)
        if m is None:
            break
        i = m.start()
        c = text[i]
        if c == '"':
            i = scan_template(text, i + 1, end) + 1
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            if depth == 0:
                return i
            depth -= 1
        i += 1
    raise LexError(end, "unterminated template interpolation: missing }", "IT103")


def _heredoc_end(text: str, body_start: int, marker: str, end: int) -> tuple[int, int]:
    """Return (content_end, token_end) of a heredoc whose body starts at `body_start`."""
    i = body_start
    while i <= end:
        nl = text.find("\n", i, end)
        line_end = end if nl == -1 else nl
        if text[i:line_end].strip() == marker:
            return i, line_end
        if nl == -1:
            break
        i = nl + 1
    raise LexError(end, f"unterminated heredoc: no closing {marker} line", "IT103")


def tokenize(text: str, start: int = 0, end: int | None = None, chains: bool = False
             ) -> list[Token]:
    """Tokenize text[start:end]; consecutive newlines collapse into one NL token.  With
    `chains`, `a.b.c` (no blank inside) is one CHAIN token instead of five."""
    end = len(text) if end is None else end
    master = _MASTER_CHAINS if chains else _MASTER
    toks: list[Token] = []
    append = toks.append
    last_nl = True  # suppress leading newlines
    i = start
    while i < end:
        # finditer runs the regex loop in C; only templates and heredocs, which need a manual
        # scan, break out of it and restart after the scanned text.
        restart = -1
        for m in master.finditer(text, i, end):
            kind = m.lastgroup
            j = m.end()
            if kind is None:
                if j >= end:
                    break
                if j == m.start():
                    raise LexError(j, f"unexpected character {text[j]!r}")
                continue
            if kind == "chain":
                a = m.start("ident")
                append((CHAIN, text[a:j], a, j))
                last_nl = False
            elif kind == "ident":
                # Interned: the same names recur in every block, and the IR keeps them.
                append((IDENT, intern(m.group(kind)), m.start(kind), j))
                last_nl = False
            elif kind == "op":
                v = m.group(kind)
                append((OP, "[*]" if v[0] == "[" and len(v) > 2 else v, m.start(kind), j))
                last_nl = False
            elif kind == "nl":
                if not last_nl:
                    append((NL, "\n", j - 1, j))
                    last_nl = True
            elif kind == "comment":
                continue
            elif kind == "string":
                a = m.start(kind)
                value = unescape(text[a + 1:j - 1], a + 1)
                # Short values repeat (regions, flavors, names): one object each
                append((STRING, intern(value) if len(value) <= 48 else value, a, j))
                last_nl = False
            elif kind == "number":
                append((NUMBER, m.group(kind), m.start(kind), j))
                last_nl = False
            elif kind == "quote":
                a = m.start(kind)
                close = scan_template(text, a + 1, end)
                append((TEMPLATE, text[a + 1:close], a, close + 1))
                last_nl = False
                restart = close + 1
                break
            elif kind == "bcomment":
                a = m.start(kind)
                close = text.find("*/", a + 2, end)
                if close < 0:
                    append((OP, "/", a, a + 1))
                    last_nl = False
                    restart = a + 1
                else:
                    restart = close + 2
                break
            elif kind == "cont":
                continue
            else:  # heredoc
                a = m.start(kind)
                head = m.group(kind).rstrip()
                _, stop = _heredoc_end(text, j, head.lstrip("<-"), end)
                # value is "EOT" or "-EOT"; the parser re-reads the body between the
                # opening line and the closing marker line from the source text.
                append((HEREDOC, head[2:], a, stop))
                last_nl = False
                restart = stop
                break
        if restart < 0:
            break
        i = restart
    if not last_nl:
        append((NL, "\n", end, end))
    append((EOF, "", end, end))
    return toks


def brackets(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """What formatting needs of `tokenize(text)`, without building tokens: (offset, +1 or -1)
    of each bracket token, and (start, end) of each template or heredoc (text that may span
    lines).  Lexes exactly as tokenize does and raises the same LexError."""
    marks: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    end = len(text)
    i = 0
    while i < end:
        restart = -1
        for m in _MASTER.finditer(text, i, end):
            kind = m.lastgroup
            j = m.end()
            if kind is None:
                if j >= end:
                    break
                if j == m.start():
                    raise LexError(j, f"unexpected character {text[j]!r}")
            elif kind == "op":
                v = m.group(kind)
                if len(v) == 1 and v in "{[(}])":
                    marks.append((m.start(kind), 1 if v in "{[(" else -1))
            elif kind == "string":
                a = m.start(kind)
                unescape(text[a + 1:j - 1], a + 1)  # only for its errors, as tokenize
            elif kind == "quote":
                a = m.start(kind)
                close = scan_template(text, a + 1, end)
                spans.append((a, close + 1))
                restart = close + 1
                break
            elif kind == "heredoc":
                a = m.start(kind)
                _, stop = _heredoc_end(text, j, m.group(kind).rstrip().lstrip("<-"), end)
                spans.append((a, stop))
                restart = stop
                break
            elif kind == "bcomment":
                a = m.start(kind)
                close = text.find("*/", a + 2, end)
                restart = a + 1 if close < 0 else close + 2  # `/` then `*`, as tokenize
                break
        if restart < 0:
            break
        i = restart
    return marks, spans
