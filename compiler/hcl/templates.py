"""Template strings and heredocs: literal text, `${...}` interpolations and `%{...}` directives."""

from __future__ import annotations

import re
from sys import intern

from ..ir import expr as E
from ..span import Span
from .lexer import LexError, LineIndex, Token, skip_interpolation, unescape

# `${a.b.c}`: a reference, most interpolations; read without a parser of its own.
_TRAVERSAL = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z_][A-Za-z0-9_\-]*)*")
_DIRECTIVE = re.compile(r"\s*(if|for|else|endif|endfor)\b")
_FOR_HEAD = re.compile(r"\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s")


class TemplateMixin:
    """Template decoding for the parser; sub-expressions are parsed by the parser itself."""

    text: str
    file: str
    index: LineIndex
    max_depth: int
    chains: bool  # the parser's token mode, kept by the expressions inside its templates

    def span(self, start: int, end: int) -> Span:
        raise NotImplementedError

    def _from(self, node: E.Expr, end: int) -> Span:
        raise NotImplementedError

    def _level(self) -> int:
        """Nesting the template's own expressions start from (at least 1: never top level)."""
        return max(1, getattr(self, "depth", 0) + 1)

    def _template(self, t: Token) -> E.Expr:
        parts = self._template_parts(t[2] + 1, t[3] - 1, quoted=True)
        span = self.span(t[2], t[3])
        if all(isinstance(p, str) for p in parts):
            return E.Literal("".join(p for p in parts if isinstance(p, str)), span=span)
        return E.Template(tuple(parts), span=span)

    def _heredoc(self, t: Token) -> E.Expr:
        indent = t[1].startswith("-")
        marker = t[1].lstrip("-")
        body_start = self.text.index("\n", t[2]) + 1
        content_end = self.text.rfind("\n", t[2], t[3]) + 1
        parts = self._template_parts(body_start, content_end, quoted=False)
        if indent:
            parts = dedent_parts(parts)
        return E.Template(tuple(parts), marker, indent, span=self.span(t[2], t[3]))

    def _template_parts(self, start: int, end: int, quoted: bool) -> list[E.TemplatePart]:
        text = self.text
        parts: list[E.TemplatePart] = []
        lit_start = i = start
        while i < end:
            c = text[i]
            if c == "\\" and quoted:
                i += 2
                continue
            if (c == "$" or c == "%") and text.startswith("{", i + 1):
                if i > start and text[i - 1] == c and _escaped_marker(text, i - 1, lit_start):
                    i += 2
                    continue
                self._flush(parts, lit_start, i, quoted)
                try:
                    close = skip_interpolation(text, i + 2, end)
                except LexError as e:
                    from .parser import ParseError
                    raise ParseError(e.offset, e.message, e.code) from None
                parts.append(self._interp(c, i + 2, close))
                i = lit_start = close + 1
                continue
            i += 1
        self._flush(parts, lit_start, end, quoted)
        return parts

    def _flush(self, parts: list[E.TemplatePart], a: int, b: int, quoted: bool) -> None:
        if b <= a:
            return
        raw = self.text[a:b]
        try:
            s = unescape(raw, a) if quoted else raw.replace("$${", "${").replace("%%{", "%{")
        except LexError as e:
            from .parser import ParseError
            raise ParseError(e.offset, e.message, e.code) from None
        if parts and isinstance(parts[-1], str):
            parts[-1] += s
        else:
            parts.append(s)

    def _interp(self, kind: str, a: int, b: int) -> E.TemplatePart:
        text = self.text
        strip_left = text.startswith("~", a)
        strip_right = b > a and text[b - 1] == "~"
        ia = a + 1 if strip_left else a
        ib = b - 1 if strip_right else b
        span = self.span(a - 2, b + 1)
        if kind == "$":
            inner = self._reference(ia, ib)
            if inner is None:
                from .parser import parse_expression_text
                inner = parse_expression_text(text, self.file, ia, ib, self.index,
                                              self._level(), self.chains)
            return E.Interp(inner, strip_left, strip_right, span=span)
        from .parser import ParseError, parse_expression_text
        m = _DIRECTIVE.match(text, ia, ib)
        if not m:
            raise ParseError(ia, "unknown template directive: expected if, for, else, endif "
                                 "or endfor")
        word = m.group(1)
        expr: E.Expr | None = None
        head = ""
        if word == "if":
            expr = parse_expression_text(text, self.file, m.end(), ib, self.index,
                                         self._level(), self.chains)
        elif word == "for":
            fm = _FOR_HEAD.match(text, ia, ib)
            if not fm:
                raise ParseError(ia, "malformed %{for} directive: expected 'for x in ...'")
            head = f"{fm.group(1)}, {fm.group(2)}" if fm.group(2) else fm.group(1)
            expr = parse_expression_text(text, self.file, fm.end(), ib, self.index,
                                         self._level(), self.chains)
        elif text[m.end():ib].strip():
            raise ParseError(m.end(), f"unexpected text after %{{{word}}}")
        return E.Directive(word, head, expr, strip_left, strip_right, span=span)


    def _reference(self, a: int, b: int) -> E.Expr | None:
        """text[a:b] as parse_expression_text reads it when it is a bare `a.b.c` (no blank,
        no keyword root, nesting within the limit), else None."""
        if self._level() >= self.max_depth or _TRAVERSAL.fullmatch(self.text, a, b) is None:
            return None
        names = self.text[a:b].split(".")
        root = names[0]
        if root in ("true", "false", "null"):
            return None
        node: E.Expr = E.Var(intern(root), span=self.span(a, a + len(root)))
        if len(names) == 1:
            return node
        first = node
        for name in names[1:]:
            node = E.GetAttr(node, intern(name))
        object.__setattr__(node, "span", self._from(first, b))  # as the parser's postfix
        return node


def _escaped_marker(text: str, i: int, lit_start: int) -> bool:
    """True if text[i] starts an escape (`$$` or `%%`) not itself preceded by the same char."""
    n = 0
    j = i
    while j >= lit_start and text[j] == text[i]:
        n += 1
        j -= 1
    return n % 2 == 1


def dedent_parts(parts: list[E.TemplatePart]) -> list[E.TemplatePart]:
    """Strip the common leading whitespace of a `<<-` heredoc from its literal line starts."""
    lines_starts: list[str] = []
    at_line_start = True
    for p in parts:
        if isinstance(p, str):
            for k, line in enumerate(p.split("\n")):
                if k > 0 or at_line_start:
                    lines_starts.append(line)
            at_line_start = p.endswith("\n")
        else:
            at_line_start = False
    widths = [len(s) - len(s.lstrip(" \t")) for s in lines_starts if s.strip()]
    n = min(widths) if widths else 0
    if n == 0:
        return parts
    out: list[E.TemplatePart] = []
    at_line_start = True
    for p in parts:
        if isinstance(p, str):
            pieces = p.split("\n")
            fixed = [(s[n:] if s[:n].strip() == "" else s.lstrip(" \t"))
                     if (k > 0 or at_line_start) else s for k, s in enumerate(pieces)]
            out.append("\n".join(fixed))
            at_line_start = p.endswith("\n")
        else:
            out.append(p)
            at_line_start = False
    return out


