"""Recursive-descent HCL parser (precedence climbing for operators) over `lexer` tokens."""

from __future__ import annotations

import re

from ..ir import expr as E
from ..span import Span
from .ast import Attribute, Block, Body
from .lexer import (EOF, HEREDOC, IDENT, NL, NUMBER, OP, STRING, TEMPLATE, LexError, LineIndex,
                    Token, skip_interpolation, tokenize, unescape)

_BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
           "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_KEYWORD_LITERALS = {"true": True, "false": False, "null": None}
_DIRECTIVE = re.compile(r"\s*(if|for|else|endif|endfor)\b")
_FOR_HEAD = re.compile(r"\s*for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s")


class ParseError(Exception):
    """A syntax error at an absolute offset; the frontend turns it into an IT1xx diagnostic."""

    def __init__(self, offset: int, message: str, code: str = "IT101") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code


def parse_body_text(text: str, file: str) -> Body:
    """Parse a whole configuration file; raises ParseError on the first syntax error."""
    p = Parser(text, file, 0, len(text), LineIndex(text), ignore_newlines=False)
    body = p.parse_body(closing=False)
    return body


def parse_expression_text(text: str, file: str, start: int = 0, end: int | None = None,
                          index: LineIndex | None = None) -> E.Expr:
    """Parse one expression occupying text[start:end] (used for templates and .tf.json)."""
    end = len(text) if end is None else end
    p = Parser(text, file, start, end, index or LineIndex(text), ignore_newlines=True)
    e = p.parse_expr()
    t = p.peek()
    if t.kind != EOF:
        p.fail(t, f"unexpected {describe(t)} after the expression")
    return e


def describe(t: Token) -> str:
    if t.kind == EOF:
        return "end of file"
    if t.kind == NL:
        return "newline"
    if t.kind in (STRING, TEMPLATE):
        return "string"
    return f"'{t.value}'" if t.kind == OP else f"{t.kind.lower()} '{t.value}'"


class Parser:
    def __init__(self, text: str, file: str, start: int, end: int, index: LineIndex,
                 ignore_newlines: bool) -> None:
        self.text = text
        self.file = file
        self.index = index
        try:
            self.toks = tokenize(text, start, end)
        except LexError as e:
            raise ParseError(e.offset, e.message, e.code) from None
        self.p = 0
        self.nl_ignore = [ignore_newlines]

    # -- token helpers ------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        line, col = self.index.pos(start)
        eline, ecol = self.index.pos(end)
        return Span(self.file, line, col, eline, ecol)

    def _from(self, node: E.Expr, end: int) -> Span:
        """Span from the start of `node` to absolute offset `end`."""
        s = node.span
        eline, ecol = self.index.pos(end)
        if s is None:
            return Span(self.file, eline, ecol, eline, ecol)
        return Span(s.file, s.line, s.column, eline, ecol)

    def peek(self) -> Token:
        t = self.toks[self.p]
        if t.kind == NL and self.nl_ignore[-1]:
            while self.toks[self.p].kind == NL:
                self.p += 1
            t = self.toks[self.p]
        return t

    def fail(self, t: Token, message: str) -> ParseError:
        raise ParseError(t.start, message)

    def expect(self, value: str, what: str = "") -> Token:
        t = self.peek()
        if t.kind != OP or t.value != value:
            self.fail(t, f"expected '{value}'{what} but found {describe(t)}")
        self.p += 1
        return t

    def is_op(self, t: Token, value: str) -> bool:
        return t.kind == OP and t.value == value

    def unclosed(self, t: Token, opener: Token, what: str, closer: str) -> None:
        """At end of input inside brackets, point at the opening bracket (as HCL does)."""
        if t.kind == EOF:
            self.fail(opener, f"unterminated {what}: there is no closing '{closer}' before the "
                              "end of the file")

    # -- bodies -------------------------------------------------------------------------
    def parse_body(self, closing: bool, opener: Token | None = None) -> Body:
        items: list[Attribute | Block] = []
        toks = self.toks
        while True:
            t = toks[self.p]
            if t.kind == NL:
                self.p += 1
                continue
            if t.kind == EOF:
                if closing:
                    self.fail(opener or t, "unclosed configuration block: there is no closing "
                                           "'}' for this block before the end of the file")
                break
            if t.kind == OP and t.value == "}":
                if closing:
                    break
                self.fail(t, "unexpected '}' with no open block")
            if t.kind != IDENT:
                self.fail(t, f"expected an argument name or a block type, found {describe(t)}")
            self.p += 1
            nt = toks[self.p]
            if nt.kind == OP and nt.value == "=":
                self.p += 1
                value = self.parse_expr()
                self._end_of_item("argument")
                items.append(Attribute(t.value, value, self.span(t.start, t.end).to_end(value.span)))
            else:
                items.append(self._block(t))
        return Body(tuple(items))

    def _end_of_item(self, what: str) -> None:
        t = self.toks[self.p]
        if t.kind == NL:
            self.p += 1
        elif not (t.kind == EOF or (t.kind == OP and t.value == "}")):
            self.fail(t, f"unexpected {describe(t)}: an {what} must end with a newline")

    def _block(self, head: Token) -> Block:
        labels: list[str] = []
        label_spans: list[Span] = []
        while True:
            t = self.toks[self.p]
            if t.kind in (IDENT, STRING):
                labels.append(t.value)
                label_spans.append(self.span(t.start, t.end))
                self.p += 1
            elif self.is_op(t, "{"):
                break
            elif t.kind == TEMPLATE:
                self.fail(t, "block labels cannot contain template interpolations")
            else:
                self.fail(t, f"expected '=' or a block body after '{head.value}', "
                             f"found {describe(t)}")
        opener = self.toks[self.p]
        self.p += 1
        body = self.parse_body(closing=True, opener=opener)
        close = self.toks[self.p]
        self.p += 1
        self._end_of_item("block")
        return Block(head.value, tuple(labels), body, self.span(head.start, close.end),
                     tuple(label_spans))

    # -- expressions --------------------------------------------------------------------
    def parse_expr(self) -> E.Expr:
        cond = self.parse_binary(0)
        t = self.peek()
        if t.kind == OP and t.value == "?":
            self.p += 1
            then = self.parse_expr()
            self.expect(":", " in the conditional expression")
            other = self.parse_expr()
            return E.Conditional(cond, then, other, span=join(cond, other))
        return cond

    def parse_binary(self, min_prec: int) -> E.Expr:
        left = self.parse_unary()
        while True:
            t = self.peek()
            if t.kind != OP:
                return left
            prec = _BINARY.get(t.value)
            if prec is None or prec <= min_prec:
                return left
            self.p += 1
            right = self.parse_binary(prec)
            left = E.Binary(t.value, left, right, span=join(left, right))

    def parse_unary(self) -> E.Expr:
        t = self.peek()
        if t.kind == OP and t.value in ("-", "!"):
            self.p += 1
            operand = self.parse_unary()
            return E.Unary(t.value, operand, span=self.span(t.start, t.end).to_end(operand.span))
        return self.parse_postfix(self.parse_primary())

    def parse_postfix(self, node: E.Expr) -> E.Expr:
        while True:
            t = self.peek()
            if t.kind != OP:
                return node
            v = t.value
            if v == ".":
                self.p += 1
                n = self.toks[self.p]
                self.p += 1
                if n.kind == IDENT:
                    node = E.GetAttr(node, n.value, span=self._from(node, n.end))
                elif n.kind == NUMBER and n.value.isdigit():
                    key = E.Literal(int(n.value), n.value, span=self.span(n.start, n.end))
                    node = E.Index(node, key, True, span=self._from(node, n.end))
                else:
                    self.fail(n, f"expected an attribute name after '.', found {describe(n)}")
            elif v == "[":
                self.p += 1
                self.nl_ignore.append(True)
                key = self.parse_expr()
                close = self.expect("]", " to close the index")
                self.nl_ignore.pop()
                node = E.Index(node, key, span=self._from(node, close.end))
            elif v == "[*]" or v == ".*":
                self.p += 1
                node = E.Splat(node, v == "[*]", span=self._from(node, t.end))
            else:
                return node

    def parse_primary(self) -> E.Expr:
        t = self.peek()
        k = t.kind
        self.p += 1
        if k == IDENT:
            name = t.value
            if name in _KEYWORD_LITERALS:
                return E.Literal(_KEYWORD_LITERALS[name], span=self.span(t.start, t.end))
            n = self.toks[self.p]
            if n.kind == OP and n.value == "(":
                return self._call(t)
            return E.Var(name, span=self.span(t.start, t.end))
        if k == STRING:
            return E.Literal(t.value, span=self.span(t.start, t.end))
        if k == NUMBER:
            v = t.value
            num: int | float = int(v) if v.isdigit() else float(v)
            return E.Literal(num, v, span=self.span(t.start, t.end))
        if k == TEMPLATE:
            return self._template(t)
        if k == HEREDOC:
            return self._heredoc(t)
        if k == OP:
            if t.value == "(":
                self.nl_ignore.append(True)
                inner = self.parse_expr()
                close = self.expect(")", " to close the parenthesis")
                self.nl_ignore.pop()
                return E.Parens(inner, span=self.span(t.start, close.end))
            if t.value == "[":
                return self._tuple(t)
            if t.value == "{":
                return self._object(t)
        self.p -= 1
        self.fail(t, f"expected an expression, found {describe(t)}")
        raise AssertionError  # unreachable

    def _call(self, name: Token) -> E.Expr:
        self.p += 1  # "("
        self.nl_ignore.append(True)
        args: list[E.Expr] = []
        expand = False
        while True:
            t = self.peek()
            if self.is_op(t, ")"):
                break
            args.append(self.parse_expr())
            t = self.peek()
            if self.is_op(t, "..."):
                self.p += 1
                expand = True
                t = self.peek()
            if self.is_op(t, ","):
                self.p += 1
            elif not self.is_op(t, ")"):
                self.unclosed(t, name, "function call", ")")
                self.fail(t, f"expected ',' or ')' in the call to {name.value}(), "
                             f"found {describe(t)}")
        close = self.toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Call(name.value, tuple(args), expand, span=self.span(name.start, close.end))

    def _starts_for(self) -> bool:
        t = self.peek()
        if t.kind != IDENT or t.value != "for":
            return False
        n = self.toks[self.p + 1]
        return n.kind == IDENT

    def _tuple(self, open_: Token) -> E.Expr:
        self.nl_ignore.append(True)
        if self._starts_for():
            result: E.Expr = self._for(open_, "]")
            self.nl_ignore.pop()
            return result
        items: list[E.Expr] = []
        while True:
            t = self.peek()
            if self.is_op(t, "]"):
                break
            items.append(self.parse_expr())
            t = self.peek()
            if self.is_op(t, ","):
                self.p += 1
            elif not self.is_op(t, "]"):
                self.unclosed(t, open_, "tuple constructor", "]")
                self.fail(t, f"expected ',' or ']' in the list, found {describe(t)}")
        close = self.toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Tuple(tuple(items), span=self.span(open_.start, close.end))

    def _object(self, open_: Token) -> E.Expr:
        self.nl_ignore.append(True)
        if self._starts_for():
            result: E.Expr = self._for(open_, "}")
            self.nl_ignore.pop()
            return result
        self.nl_ignore[-1] = False  # newlines separate object elements
        items: list[tuple[E.Expr, E.Expr]] = []
        toks = self.toks
        while True:
            t = toks[self.p]
            if t.kind == NL:
                self.p += 1
                continue
            if self.is_op(t, "}"):
                break
            self.unclosed(t, open_, "object constructor", "}")
            key = self.parse_expr()
            t = self.peek()
            if not (self.is_op(t, "=") or self.is_op(t, ":")):
                self.fail(t, f"expected '=' after the object key, found {describe(t)}")
            self.p += 1
            self.nl_ignore.append(True)  # a value may continue after `=` on the next line
            while toks[self.p].kind == NL:
                self.p += 1
            self.nl_ignore.pop()
            value = self.parse_expr()
            items.append((key, value))
            t = toks[self.p]
            if self.is_op(t, ",") or t.kind == NL:
                self.p += 1
            elif not self.is_op(t, "}"):
                self.unclosed(t, open_, "object constructor", "}")
                self.fail(t, f"expected ',', a newline or '}}' after the object element, "
                             f"found {describe(t)}")
        close = toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Object(tuple(items), span=self.span(open_.start, close.end))

    def _for(self, open_: Token, closer: str) -> E.Expr:
        self.p += 1  # "for"
        first = self.peek()
        self.p += 1
        key_var: str | None = None
        value_var = first.value
        t = self.peek()
        if self.is_op(t, ","):
            self.p += 1
            second = self.peek()
            if second.kind != IDENT:
                self.fail(second, "expected a variable name after ',' in the for expression")
            self.p += 1
            key_var, value_var = first.value, second.value
        t = self.peek()
        if t.kind != IDENT or t.value != "in":
            self.fail(t, f"expected 'in' in the for expression, found {describe(t)}")
        self.p += 1
        coll = self.parse_expr()
        self.expect(":", " after the for expression's collection")
        key: E.Expr | None = None
        value = self.parse_expr()
        if closer == "}":
            self.expect("=>", " in the object for expression")
            key, value = value, self.parse_expr()
        grouping = False
        t = self.peek()
        if closer == "}" and self.is_op(t, "..."):
            self.p += 1
            grouping = True
            t = self.peek()
        cond: E.Expr | None = None
        if t.kind == IDENT and t.value == "if":
            self.p += 1
            cond = self.parse_expr()
        close = self.expect(closer, " to close the for expression")
        return E.ForExpr(key_var, value_var, coll, value, key, cond, grouping,
                         span=self.span(open_.start, close.end))

    # -- templates ----------------------------------------------------------------------
    def _template(self, t: Token) -> E.Expr:
        parts = self._template_parts(t.start + 1, t.end - 1, quoted=True)
        span = self.span(t.start, t.end)
        if all(isinstance(p, str) for p in parts):
            return E.Literal("".join(p for p in parts if isinstance(p, str)), span=span)
        return E.Template(tuple(parts), span=span)

    def _heredoc(self, t: Token) -> E.Expr:
        indent = t.value.startswith("-")
        marker = t.value.lstrip("-")
        body_start = self.text.index("\n", t.start) + 1
        content_end = self.text.rfind("\n", t.start, t.end) + 1
        parts = self._template_parts(body_start, content_end, quoted=False)
        if indent:
            parts = dedent_parts(parts)
        return E.Template(tuple(parts), marker, indent, span=self.span(t.start, t.end))

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
                close = skip_interpolation(text, i + 2, end)
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
            raise ParseError(e.offset, e.message) from None
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
            inner = parse_expression_text(text, self.file, ia, ib, self.index)
            return E.Interp(inner, strip_left, strip_right, span=span)
        m = _DIRECTIVE.match(text, ia, ib)
        if not m:
            raise ParseError(ia, "unknown template directive: expected if, for, else, endif "
                                 "or endfor")
        word = m.group(1)
        expr: E.Expr | None = None
        head = ""
        if word == "if":
            expr = parse_expression_text(text, self.file, m.end(), ib, self.index)
        elif word == "for":
            fm = _FOR_HEAD.match(text, ia, ib)
            if not fm:
                raise ParseError(ia, "malformed %{for} directive: expected 'for x in ...'")
            head = f"{fm.group(1)}, {fm.group(2)}" if fm.group(2) else fm.group(1)
            expr = parse_expression_text(text, self.file, fm.end(), ib, self.index)
        elif text[m.end():ib].strip():
            raise ParseError(m.end(), f"unexpected text after %{{{word}}}")
        return E.Directive(word, head, expr, strip_left, strip_right, span=span)


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


def join(a: E.Expr, b: E.Expr) -> Span | None:
    if a.span is None or b.span is None:
        return a.span or b.span
    return a.span.to_end(b.span)
