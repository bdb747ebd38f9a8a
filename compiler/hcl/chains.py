"""References in one step: `a.b.c` chains of names, from tokens or from one CHAIN token."""

from __future__ import annotations

from sys import intern

from ..ir import expr as E
from ..span import Span
from .lexer import EOF, IDENT, NL, OP, Token

_KEYWORD_LITERALS = {"true": True, "false": False, "null": None}
# Tokens that end an expression: neither an operator, `?` nor a postfix (`.`, `[`) after it.
_ENDS = {",", "}", "]", ")", ":", "=", "=>", "..."}
_set = object.__setattr__  # (expression nodes are immutable for everyone but their maker)


class ChainMixin:
    """What the parser's primary and postfix levels build for a chain, without their calls."""

    toks: list[Token]
    p: int
    nl_ignore: list[bool]

    def span(self, start: int, end: int) -> Span:
        raise NotImplementedError

    def _from(self, node: E.Expr, end: int) -> Span:
        raise NotImplementedError

    def _chain(self, t: Token) -> E.Expr | None:
        """`a.b.c` followed by a token that ends the expression, as the levels below build it
        (a Var with its span, GetAttr links, the outermost spanning the chain), or None for
        anything else (a keyword or call root, an index, a newline the brackets skip)."""
        toks = self.toks
        i = self.p + 1
        while True:  # toks[i] is a "." after a name
            n = toks[i + 1]
            if n[0] != IDENT:
                return None
            i += 2
            n = toks[i]
            if n[0] == OP:
                if n[1] == ".":
                    continue
                if n[1] in _ENDS:
                    break
                return None
            if n[0] == EOF or (n[0] == NL and not self.nl_ignore[-1]):
                break
            return None
        if t[1] in _KEYWORD_LITERALS:
            return None
        node: E.Expr = E.Var(t[1], span=self.span(t[2], t[3]))
        first = node
        for k in range(self.p + 2, i, 2):
            node = E.GetAttr(node, toks[k][1])
        _set(node, "span", self._from(first, toks[i - 1][3]))
        self.p = i
        return node

    def _links(self, t: Token) -> tuple[E.Expr, E.Expr]:
        """The root and the outermost link of a CHAIN token, built as the primary and postfix
        levels build `a`, `.b`, `.c` (the outermost link's span is the caller's)."""
        names = t[1].split(".")
        root, a = names[0], t[2]
        span = self.span(a, a + len(root))
        first: E.Expr = E.Literal(_KEYWORD_LITERALS[root], span=span) \
            if root in _KEYWORD_LITERALS else E.Var(intern(root), span=span)
        node = first
        for name in names[1:]:
            node = E.GetAttr(node, intern(name))
        return first, node

