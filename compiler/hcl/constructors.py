"""Parsing of constructors: function calls, tuples, objects and `for` expressions."""

from __future__ import annotations

from ..ir import expr as E
from ..span import Span
from .lexer import IDENT, NL, Token


class ConstructorMixin:
    """Bracketed expressions; newline handling follows the parser's `nl_ignore` stack."""

    toks: list[Token]
    p: int
    nl_ignore: list[bool]

    def peek(self) -> Token:
        raise NotImplementedError

    def parse_expr(self) -> E.Expr:
        raise NotImplementedError

    def span(self, start: int, end: int) -> Span:
        raise NotImplementedError

    def fail(self, t: Token, message: str) -> Exception:
        raise NotImplementedError

    def expect(self, value: str, what: str = "") -> Token:
        raise NotImplementedError

    def is_op(self, t: Token, value: str) -> bool:
        raise NotImplementedError

    def unclosed(self, t: Token, opener: Token, what: str, closer: str) -> None:
        raise NotImplementedError

    def too_many(self, items: int, t: Token) -> None:  # provided by LimitsMixin
        raise NotImplementedError

    def _call(self, name: Token) -> E.Expr:
        self.p += 1  # "("
        self.nl_ignore.append(True)
        args: list[E.Expr] = []
        expand = False
        while True:
            t = self.peek()
            if self.is_op(t, ")"):
                break
            self.too_many(len(args), t)
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
                self.fail(t, f"expected ',' or ')' in the call to {name[1]}(), "
                             f"found {_describe(t)}")
        close = self.toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Call(name[1], tuple(args), expand, span=self.span(name[2], close[3]))

    def _starts_for(self) -> bool:
        t = self.peek()
        if t[0] != IDENT or t[1] != "for":
            return False
        n = self.toks[self.p + 1]
        return n[0] == IDENT

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
            self.too_many(len(items), t)
            items.append(self.parse_expr())
            t = self.peek()
            if self.is_op(t, ","):
                self.p += 1
            elif not self.is_op(t, "]"):
                self.unclosed(t, open_, "tuple constructor", "]")
                self.fail(t, f"expected ',' or ']' in the list, found {_describe(t)}")
        close = self.toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Tuple(tuple(items), span=self.span(open_[2], close[3]))

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
            if t[0] == NL:
                self.p += 1
                continue
            if self.is_op(t, "}"):
                break
            self.unclosed(t, open_, "object constructor", "}")
            self.too_many(len(items), t)
            key = self.parse_expr()
            t = self.peek()
            if not (self.is_op(t, "=") or self.is_op(t, ":")):
                self.fail(t, f"expected '=' after the object key, found {_describe(t)}")
            self.p += 1
            self.nl_ignore.append(True)  # a value may continue after `=` on the next line
            while toks[self.p][0] == NL:
                self.p += 1
            self.nl_ignore.pop()
            value = self.parse_expr()
            items.append((key, value))
            t = toks[self.p]
            if self.is_op(t, ",") or t[0] == NL:
                self.p += 1
            elif not self.is_op(t, "}"):
                self.unclosed(t, open_, "object constructor", "}")
                self.fail(t, f"expected ',', a newline or '}}' after the object element, "
                             f"found {_describe(t)}")
        close = toks[self.p]
        self.p += 1
        self.nl_ignore.pop()
        return E.Object(tuple(items), span=self.span(open_[2], close[3]))

    def _for(self, open_: Token, closer: str) -> E.Expr:
        self.p += 1  # "for"
        first = self.peek()
        self.p += 1
        key_var: str | None = None
        value_var = first[1]
        t = self.peek()
        if self.is_op(t, ","):
            self.p += 1
            second = self.peek()
            if second[0] != IDENT:
                self.fail(second, "expected a variable name after ',' in the for expression")
            self.p += 1
            key_var, value_var = first[1], second[1]
        t = self.peek()
        if t[0] != IDENT or t[1] != "in":
            self.fail(t, f"expected 'in' in the for expression, found {_describe(t)}")
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
        if t[0] == IDENT and t[1] == "if":
            self.p += 1
            cond = self.parse_expr()
        close = self.expect(closer, " to close the for expression")
        return E.ForExpr(key_var, value_var, coll, value, key, cond, grouping,
                         span=self.span(open_[2], close[3]))


def _describe(t: Token) -> str:
    from .parser import describe
    return describe(t)
