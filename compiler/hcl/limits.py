"""The parser's input limits: nesting depth, items and number sizes (located IT109/IT116/IT111)."""

from __future__ import annotations

import math
from dataclasses import fields

from ..guard import MAX_INT_DIGITS
from ..ir import expr as E
from .lexer import Token


class ParseError(Exception):
    """A syntax error at an absolute offset; the frontend turns it into an IT1xx diagnostic."""

    def __init__(self, offset: int, message: str, code: str = "IT101") -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.code = code


class LimitsMixin:
    """Depth and number checks of `Parser` (which provides depth, starts and peek)."""

    depth: int
    starts: list[int]
    max_depth: int  # the active limits (compiler/limits.py), read once per parse
    max_items: int

    def peek(self) -> Token:  # provided by Parser
        raise NotImplementedError

    def enter(self) -> None:
        """One level deeper; recursion is bounded here rather than by Python's stack."""
        self.depth += 1
        if self.depth > self.max_depth:
            raise ParseError(self.peek()[2], f"nesting deeper than {self.max_depth} levels "
                             "(blocks, brackets, templates or unary operators)", "IT109")

    def too_many(self, items: int, t: Token) -> None:
        """IT116 at the first value past the `items` limit of one list, object, call or body."""
        if items >= self.max_items:
            raise ParseError(t[2], f"more than {self.max_items} values in one list, object, "
                             "call or block (limit `items`; raise it with --limit "
                             "items=N)", "IT116")

    def check_depth(self, e: E.Expr, start: int, end: int) -> None:
        """Operator and attribute chains (`a + b + ...`, `a.b.c...`) build trees deeper than
        their brackets; later passes recurse on them.  Only expressions long enough to be that
        deep are walked (a level takes at least two characters)."""
        if end - start <= 2 * self.max_depth:
            return
        stack = [(e, 1)]
        pop, push = stack.pop, stack.append
        while stack:
            node, d = pop()
            if d > self.max_depth:
                at = node.span or e.span
                offset = self.starts[at.line - 1] + at.column - 1 if at else start
                raise ParseError(offset, f"expression nested deeper than {self.max_depth} levels "
                                 "(a long chain of operators or attributes?)", "IT109")
            for name in _child_fields(node):
                v = getattr(node, name)
                if isinstance(v, tuple):
                    for item in v:
                        if isinstance(item, E.Expr):
                            push((item, d + 1))
                        elif isinstance(item, tuple):  # object items: (key, value)
                            for x in item:
                                if isinstance(x, E.Expr):
                                    push((x, d + 1))
                elif isinstance(v, E.Expr):
                    push((v, d + 1))

    def _digits(self, t: Token) -> None:
        """Python refuses int() past 4300 digits, and a float literal may overflow to inf."""
        v = t[1]
        if v.isdigit():
            if len(v) > MAX_INT_DIGITS:
                self.fail_code(t, f"integer literal with more than {MAX_INT_DIGITS} digits",
                               "IT111")
        elif math.isinf(float(v)):
            self.fail_code(t, "number literal too large for a 64-bit float", "IT111")

    def fail_code(self, t: Token, message: str, code: str) -> None:
        raise ParseError(t[2], message, code)


_CHILD_FIELDS: dict[type, tuple[str, ...]] = {}


def _child_fields(node: E.Expr) -> tuple[str, ...]:
    """Fields that may hold sub-expressions, per node class (dataclasses.fields is slow)."""
    names = _CHILD_FIELDS.get(type(node))
    if names is None:
        names = tuple(f.name for f in fields(node) if f.name != "span" and
                      f.type not in ("str", "bool", "str | None", "int"))
        _CHILD_FIELDS[type(node)] = names
    return names
