"""Recursive-descent HCL parser (precedence climbing for operators) over `lexer` tokens."""

from __future__ import annotations

from bisect import bisect_right

from .. import limits
from ..ir import expr as E
from ..span import Span
from .ast import Attribute, Block, Body
from .chains import _ENDS, _KEYWORD_LITERALS, ChainMixin
from .constructors import ConstructorMixin
from .lexer import (
    CHAIN,
    EOF,
    HEREDOC,
    IDENT,
    NL,
    NUMBER,
    OP,
    STRING,
    TEMPLATE,
    LexError,
    LineIndex,
    Token,
    tokenize,
)
from .limits import LimitsMixin, ParseError
from .templates import TemplateMixin

_BINARY = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
           "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_LEAVES = (STRING, NUMBER, IDENT, CHAIN)  # tokens that may be a whole expression alone


# Both entry points parse with CHAIN tokens (lexer.CHAIN: `a.b.c` read in one step) and,
# on a syntax error, parse again without: every message and position is the one the plain
# token stream gives, and a text that parses gives the same tree either way.


def parse_body_text(text: str, file: str) -> Body:
    """Parse a whole configuration file; raises ParseError on the first syntax error."""
    index = LineIndex(text)
    try:
        return Parser(text, file, 0, len(text), index, False, chains=True).parse_body(False)
    except ParseError:
        return Parser(text, file, 0, len(text), index, False, chains=False).parse_body(False)


def parse_expression_text(text: str, file: str, start: int = 0, end: int | None = None,
                          index: LineIndex | None = None, depth: int = 0,
                          chains: bool | None = None) -> E.Expr:
    """Parse one expression occupying text[start:end] (used for templates and .tf.json);
    `depth` is the nesting already entered (a template inside an expression).  A template's
    parser passes its own `chains`: only the outermost parse tries again on an error (each
    level doing so would parse nested templates 2^depth times)."""
    end = len(text) if end is None else end
    index = index or LineIndex(text)
    if chains is not None:
        return _expression(text, file, start, end, index, depth, chains)
    try:
        return _expression(text, file, start, end, index, depth, True)
    except ParseError:
        return _expression(text, file, start, end, index, depth, False)


def _expression(text: str, file: str, start: int, end: int, index: LineIndex, depth: int,
                chains: bool) -> E.Expr:
    p = Parser(text, file, start, end, index, ignore_newlines=True, chains=chains)
    p.depth = depth
    e = p.parse_expr()
    t = p.peek()
    if t[0] != EOF:
        p.fail(t, f"unexpected {describe(t)} after the expression")
    if depth == 0:
        p.check_depth(e, start, end)
    return e


def describe(t: Token) -> str:
    if t[0] == EOF:
        return "end of file"
    if t[0] == NL:
        return "newline"
    if t[0] in (STRING, TEMPLATE):
        return "string"
    return f"'{t[1]}'" if t[0] == OP else f"{t[0].lower()} '{t[1]}'"


# Span's own constructor is a Python function around this: spans are made for every node.
_new = tuple.__new__
_set = object.__setattr__  # (expression nodes are frozen for everyone but their maker)


class Parser(LimitsMixin, TemplateMixin, ConstructorMixin, ChainMixin):
    def __init__(self, text: str, file: str, start: int, end: int, index: LineIndex,
                 ignore_newlines: bool, chains: bool = False) -> None:
        self.text = text
        self.file = file
        self.index = index
        self.starts = index.starts
        self.chains = chains
        try:
            self.toks = tokenize(text, start, end, chains)
        except LexError as e:
            raise ParseError(e.offset, e.message, e.code) from None
        self.p = 0
        self.nl_ignore = [ignore_newlines]
        self.depth = 0  # blocks and expressions entered (IT109 past the depth limit)
        lim = limits.current()
        self.max_depth, self.max_items = lim.depth, lim.items

    # -- token helpers ------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        # Inlined LineIndex.pos: this runs once or twice per AST node.
        starts, lines = self.starts, self.index.lines
        a = bisect_right(starts, start) - 1
        b = a if a + 1 == len(starts) or end < starts[a + 1] else bisect_right(starts, end) - 1
        return _new(Span, (self.file, lines[a], start - starts[a] + 1, lines[b],
                           end - starts[b] + 1))

    def _from(self, node: E.Expr, end: int) -> Span:
        """Span from the start of `node` to absolute offset `end`."""
        s = node.span
        eline, ecol = self.index.pos(end)
        if s is None:
            return Span(self.file, eline, ecol, eline, ecol)
        return Span(s.file, s.line, s.column, eline, ecol)

    def peek(self) -> Token:
        t = self.toks[self.p]
        if t[0] == NL and self.nl_ignore[-1]:
            while self.toks[self.p][0] == NL:
                self.p += 1
            t = self.toks[self.p]
        return t

    def fail(self, t: Token, message: str) -> ParseError:
        raise ParseError(t[2], message)

    def expect(self, value: str, what: str = "") -> Token:
        t = self.peek()
        if t[0] != OP or t[1] != value:
            self.fail(t, f"expected '{value}'{what} but found {describe(t)}")
        self.p += 1
        return t

    def is_op(self, t: Token, value: str) -> bool:
        return t[0] == OP and t[1] == value

    def unclosed(self, t: Token, opener: Token, what: str, closer: str) -> None:
        """At end of input inside brackets, point at the opening bracket (as HCL does)."""
        if t[0] == EOF:
            self.fail(opener, f"unterminated {what}: there is no closing '{closer}' before the "
                              "end of the file")

    # -- bodies -------------------------------------------------------------------------
    def parse_body(self, closing: bool, opener: Token | None = None) -> Body:
        items: list[Attribute | Block] = []
        toks = self.toks
        while True:
            t = toks[self.p]
            if t[0] == NL:
                self.p += 1
                continue
            if t[0] == EOF:
                if closing:
                    self.fail(opener or t, "unclosed configuration block: there is no closing "
                                           "'}' for this block before the end of the file")
                break
            if t[0] == OP and t[1] == "}":
                if closing:
                    break
                self.fail(t, "unexpected '}' with no open block")
            if t[0] != IDENT:
                self.fail(t, f"expected an argument name or a block type, found {describe(t)}")
            if len(items) >= self.max_items:
                self.too_many(len(items), t)
            self.p += 1
            nt = toks[self.p]
            if nt[0] == OP and nt[1] == "=":
                self.p += 1
                v = toks[self.p]
                value: E.Expr
                if v[0] == STRING and toks[self.p + 1][0] == NL:
                    # Fast path for the most common shape, `name = "literal"`.
                    self.p += 2
                    value = E.Literal(v[1], span=self.span(v[2], v[3]))
                else:
                    value = self.parse_expr()
                    last = toks[self.p - 1][3]
                    if last - v[2] > 2 * self.max_depth:  # (check_depth's own test)
                        self.check_depth(value, v[2], last)
                    if toks[self.p][0] == NL:
                        self.p += 1
                    else:
                        self._end_of_item("argument")
                vs = value.span
                span = self.span(t[2], t[3]) if vs is None else _new(Span, (
                    self.file, *self.index.pos(t[2]), vs.end_line, vs.end_column))
                items.append(Attribute(t[1], value, span))
            else:
                items.append(self._block(t))
        return Body(tuple(items))

    def _end_of_item(self, what: str) -> None:
        t = self.toks[self.p]
        if t[0] == NL:
            self.p += 1
        elif not (t[0] == EOF or (t[0] == OP and t[1] == "}")):
            self.fail(t, f"unexpected {describe(t)}: an {what} must end with a newline")

    def _block(self, head: Token) -> Block:
        labels: list[str] = []
        label_spans: list[Span] = []
        while True:
            t = self.toks[self.p]
            if t[0] in (IDENT, STRING):
                labels.append(t[1])
                label_spans.append(self.span(t[2], t[3]))
                self.p += 1
            elif self.is_op(t, "{"):
                break
            elif t[0] == TEMPLATE:
                self.fail(t, "block labels cannot contain template interpolations")
            else:
                self.fail(t, f"expected '=' or a block body after '{head[1]}', "
                             f"found {describe(t)}")
        opener = self.toks[self.p]
        self.p += 1
        self.enter()
        body = self.parse_body(closing=True, opener=opener)
        self.depth -= 1
        close = self.toks[self.p]
        self.p += 1
        self._end_of_item("block")
        return Block(head[1], tuple(labels), body, self.span(head[2], close[3]),
                     tuple(label_spans))

    # -- expressions --------------------------------------------------------------------
    def parse_expr(self) -> E.Expr:
        t = self.toks[self.p]
        if t[0] in _LEAVES and self.depth < self.max_depth:
            # One token that ends the expression (`"a",`, `3]`, `x }`): what the operator,
            # postfix and primary levels would build, without a call per level.
            n = self.toks[self.p + 1]
            if (n[0] == OP and n[1] in _ENDS) or n[0] == EOF or (
                    n[0] == NL and not self.nl_ignore[-1]):
                if t[0] == CHAIN:
                    self.p += 1
                    first, node = self._links(t)
                    _set(node, "span", self._from(first, t[3]))
                    return node
                return self.parse_primary()
            if t[0] == IDENT and n[0] == OP and n[1] == ".":
                chain = self._chain(t)
                if chain is not None:
                    return chain
        self.enter()  # a ParseError ends the parse, so only normal returns step back out
        cond = self.parse_binary(0)
        t = self.peek()
        if t[0] == OP and t[1] == "?":
            self.p += 1
            then = self.parse_expr()
            self.expect(":", " in the conditional expression")
            other = self.parse_expr()
            self.depth -= 1
            return E.Conditional(cond, then, other, span=join(cond, other))
        self.depth -= 1
        return cond

    def parse_binary(self, min_prec: int) -> E.Expr:
        left = self.parse_unary()
        while True:
            t = self.peek()
            if t[0] != OP:
                return left
            prec = _BINARY.get(t[1])
            if prec is None or prec <= min_prec:
                return left
            self.p += 1
            right = self.parse_binary(prec)
            left = E.Binary(t[1], left, right, span=join(left, right))

    def parse_unary(self) -> E.Expr:
        t = self.peek()
        if t[0] == OP and t[1] in ("-", "!"):
            self.p += 1
            self.enter()
            operand = self.parse_unary()
            self.depth -= 1
            return E.Unary(t[1], operand, span=self.span(t[2], t[3]).to_end(operand.span))
        if t[0] == CHAIN:
            self.p += 1
            first, node = self._links(t)
            return self.parse_postfix(node, first, t[3])
        return self.parse_postfix(self.parse_primary())

    def parse_postfix(self, node: E.Expr, first: E.Expr | None = None, end: int = -1
                      ) -> E.Expr:
        """Postfix links after `node`; a CHAIN's links arrive built, with their root as
        `first` and the token's end as `end`."""
        # Inner links of a chain like `a.b[0].c` get no span of their own: only the whole
        # traversal is ever reported, and skipping them is a large share of parse time.
        if first is None:
            first = node
        while True:
            t = self.peek()
            if t[0] != OP:
                break
            v = t[1]
            if v == ".":
                self.p += 1
                n = self.toks[self.p]
                self.p += 1
                if n[0] == IDENT:
                    node = E.GetAttr(node, n[1])
                elif n[0] == NUMBER and n[1].isdigit():
                    self._digits(n)
                    num = E.Literal(int(n[1]), n[1], span=self.span(n[2], n[3]))
                    node = E.Index(node, num, True)
                else:
                    self.fail(n, f"expected an attribute name after '.', found {describe(n)}")
                end = n[3]
            elif v == "[":
                self.p += 1
                self.nl_ignore.append(True)
                key = self.parse_expr()
                close = self.expect("]", " to close the index")
                self.nl_ignore.pop()
                node = E.Index(node, key)
                end = close[3]
            elif v == "[*]" or v == ".*":
                self.p += 1
                node = E.Splat(node, v == "[*]")
                end = t[3]
            else:
                break
        if node is first:
            return node
        # The outermost link was made just above and nothing else holds it yet: its span is
        # set in place (dataclasses.replace, a copy by keyword, cost more than the link).
        _set(node, "span", self._from(first, end))
        return node

    def parse_primary(self) -> E.Expr:
        t = self.peek()
        k = t[0]
        self.p += 1
        if k == IDENT:
            name = t[1]
            if name in _KEYWORD_LITERALS:
                return E.Literal(_KEYWORD_LITERALS[name], span=self.span(t[2], t[3]))
            n = self.toks[self.p]
            if n[0] == OP and n[1] == "(":
                return self._call(t)
            return E.Var(name, span=self.span(t[2], t[3]))
        if k == STRING:
            return E.Literal(t[1], span=self.span(t[2], t[3]))
        if k == NUMBER:
            v = t[1]
            self._digits(t)
            num: int | float = int(v) if v.isdigit() else float(v)
            return E.Literal(num, v, span=self.span(t[2], t[3]))
        if k == TEMPLATE:
            return self._template(t)
        if k == HEREDOC:
            return self._heredoc(t)
        if k == OP:
            if t[1] == "(":
                self.nl_ignore.append(True)
                inner = self.parse_expr()
                close = self.expect(")", " to close the parenthesis")
                self.nl_ignore.pop()
                return E.Parens(inner, span=self.span(t[2], close[3]))
            if t[1] == "[":
                return self._tuple(t)
            if t[1] == "{":
                return self._object(t)
        self.p -= 1
        self.fail(t, f"expected an expression, found {describe(t)}")
        raise AssertionError  # unreachable


def join(a: E.Expr, b: E.Expr) -> Span | None:
    if a.span is None or b.span is None:
        return a.span or b.span
    return a.span.to_end(b.span)
