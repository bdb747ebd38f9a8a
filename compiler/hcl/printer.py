"""Print expression trees back to canonical HCL text (deterministic, `terraform fmt`-like)."""

from __future__ import annotations

import json
import re

from ..ir import expr as E
from .lexer import NL, LexError, tokenize

_PREC = {"||": 1, "&&": 2, "==": 3, "!=": 3, "<": 4, ">": 4, "<=": 4, ">=": 4,
         "+": 5, "-": 5, "*": 6, "/": 6, "%": 6}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*$")
_INLINE_OBJECT_MAX = 3  # objects with more elements, or nested values, go multi-line


# What json.dumps(ensure_ascii=False) escapes, and the template openers HCL escapes.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\]|[$%]\{')


# Short values recur (regions, flavors, names, labels): each is escaped once. Bounded, as
# the process may translate many inputs (the API, the cache warmer).
_QUOTED: dict[str, str] = {}
_QUOTED_MAX = 1 << 16


def quote(s: str) -> str:
    """A quoted HCL string literal whose value is exactly `s` (no interpolation)."""
    hit = _QUOTED.get(s)
    if hit is not None:
        return hit
    if _NEEDS_ESCAPE.search(s) is None:  # most strings: written as they are
        text = '"' + s + '"'
    else:
        body = json.dumps(s, ensure_ascii=False)[1:-1]
        text = '"' + body.replace("${", "$${").replace("%{", "%%{") + '"'
    if len(s) <= 64:
        if len(_QUOTED) >= _QUOTED_MAX:
            _QUOTED.clear()
        _QUOTED[s] = text
    return text


def _escape_template_text(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)[1:-1].replace("${", "$${").replace("%{", "%%{")


def is_identifier(s: str) -> bool:
    return bool(_IDENT.match(s)) and s not in ("true", "false", "null")


def short_hcl(e: E.Expr, width: int = 80) -> str:
    """`e` on one line, cut to `width` characters: how messages quote an expression."""
    text = re.sub(r"\s+", " ", to_hcl(e))
    return text if len(text) <= width else text[:width - 3] + "..."


def fmt_one_line(text: str) -> bool:
    """Whether `terraform fmt` sees `name = text` as one line (it aligns only those).

    A heredoc is one line to it (its body lines are string tokens, not newlines); a value
    that opens a bracket and continues on the next line is not.
    """
    if "\n" not in text:
        return True
    if text[:1] in ("[", "{") and text[1:2] == "\n":
        return False  # a bracket that opens the value's first line (no need to re-lex it)
    k = text.find("\n")
    first = text[:k]
    tail = first.rstrip()  # (the blanks a splat `[ * ]` may hold: all that `\s` matches)
    if tail and _NO_SPAN.search(first) is None and tail[-1] != "[" and not (
            tail[-1] == "*" and tail[:-1].rstrip()[-1:] == "["):
        # Nothing before the first newline can open a token that spans it (a string, a
        # template, a heredoc, a comment, a continuation, a `[ * ]` splat) nor hide the tokens
        # before it (a comment): the lexer either fails before it or makes it a newline token,
        # False both ways. (`yamlencode({`: re-lexing such values was a tenth of rendering.)
        return False
    try:
        toks = tokenize(text)
    except LexError:
        return False
    return not any(t[0] == NL and t[2] < len(text) for t in toks)


# Characters after which a newline may be inside a token, or not yield one (see fmt_one_line).
_NO_SPAN = re.compile(r'["<\\#/]')


def align_assignments(pairs: list[tuple[str, str, list[str]]], pad: str) -> list[str]:
    """`name = value` lines aligned as hclwrite's formatCells does.

    Each pair is (name, value text, lines written before it: comments, blank lines). `=` is
    aligned across a chain of consecutive one-line assignments; any line in between (a
    comment too) or a multi-line value (its first line opens a bracket) ends the chain.
    """
    out: list[str] = []
    chain: list[tuple[str, str]] = []

    def close() -> None:
        if not chain:
            return
        if len(chain) == 1:
            n, v = chain[0]
            out.append(f"{pad}{n} = {v}")
        else:
            width = max([len(n) for n, _ in chain])
            out.extend([f"{pad}{n.ljust(width)} = {v}" for n, v in chain])
        chain.clear()

    for name, value, before in pairs:
        if before:
            close()
            out.extend(before)
        if "\n" not in value or fmt_one_line(value):
            chain.append((name, value))
        else:
            close()
            out.append(f"{pad}{name} = {value}")
    close()
    return out


def to_hcl(e: E.Expr, indent: int = 0) -> str:
    """Render `e` at the given indentation level (spaces of the enclosing line)."""
    cls = e.__class__  # most emitted values are a name or a literal: no printer to set up
    if cls is E.Var:
        return e.name  # type: ignore[attr-defined]
    if cls is E.Literal:
        v = e.value  # type: ignore[attr-defined]
        return quote(v) if v.__class__ is str else _literal(e)  # type: ignore[arg-type]
    return _Printer(indent).value(e)


def _literal(e: E.Literal) -> str:
    v = e.value
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return quote(v)
    if e.raw is not None:
        return e.raw
    return repr(v)


def _solid(text: str) -> int:
    """Characters of `text` that no line breaking adds or removes (all but spaces, newlines
    and commas: a broken list gains trailing commas, a broken object loses its separators)."""
    return len(text) - text.count(" ") - text.count("\n") - text.count(",")


def _keyword(word: str, text: str) -> str:
    # terraform fmt reads `in (x)` as a call of `in` and writes `in(x)`: so do we.
    return f"{word}{text}" if text.startswith("(") else f"{word} {text}"


class _Printer:
    """Renders at one indentation; printers of one `to_hcl` call share a memo of
    (node, indent) -> text, so a subtree is never rendered twice at the same indentation."""

    def __init__(self, indent: int,
                 memo: dict[tuple[int, int], tuple[E.Expr, str]] | None = None) -> None:
        self.indent = indent
        self.memo: dict[tuple[int, int], tuple[E.Expr, str]] = {} if memo is None else memo

    def nested(self) -> _Printer:
        return _Printer(self.indent + 2, self.memo)

    def expr(self, e: E.Expr) -> str:
        cls = e.__class__
        if cls is E.Var:  # leaves (most nodes) print in one step: nothing to memoize
            return e.name  # type: ignore[attr-defined]
        if cls is E.Literal:
            return _literal(e)  # type: ignore[arg-type]
        if cls is E.GetAttr:
            # `a.b.c` (a name and attribute links, a third of all nodes): its names joined, as
            # p_GetAttr would write them link by link (a Var needs no parentheses).
            names = [e.name]  # type: ignore[attr-defined]
            obj = e.obj  # type: ignore[attr-defined]
            while obj.__class__ is E.GetAttr:
                names.append(obj.name)
                obj = obj.obj
            if obj.__class__ is E.Var:
                names.append(obj.name)
                names.reverse()
                return ".".join(names)
        key = (id(e), self.indent)
        hit = self.memo.get(key)
        if hit is not None and hit[0] is e:  # (the node is kept, so its id is not reused)
            return hit[1]
        fn = _DISPATCH.get(cls)
        text = str(getattr(self, "p_" + cls.__name__)(e) if fn is None else fn(self, e))
        self.memo[key] = (e, text)
        return text

    def value(self, e: E.Expr) -> str:
        """A whole attribute or object-item value: the one place a heredoc may stand.

        Its closing marker must be alone on its line, so a heredoc inside a list, a call or
        an operation (`EOT,`) would not parse; there it is printed as a quoted string.
        """
        if isinstance(e, E.Template) and e.heredoc is not None and e.parts \
                and isinstance(e.parts[-1], str) and e.parts[-1].endswith("\n"):
            return self.heredoc(e)  # (its body must end with a newline before the marker)
        return self.expr(e)

    def p_Literal(self, e: E.Literal) -> str:
        return _literal(e)

    def p_Var(self, e: E.Var) -> str:
        return e.name

    def operand(self, e: E.Expr) -> str:
        """An expression used before `.x`, `[i]` or `[*]`: operators bind looser, so wrap."""
        text = self.expr(e)
        return f"({text})" if isinstance(e, (E.Unary, E.Binary, E.Conditional)) else text

    def p_GetAttr(self, e: E.GetAttr) -> str:
        return f"{self.operand(e.obj)}.{e.name}"

    def p_Index(self, e: E.Index) -> str:
        if e.legacy and isinstance(e.key, E.Literal):
            return f"{self.operand(e.obj)}.{e.key.value}"
        return f"{self.operand(e.obj)}[{self.expr(e.key)}]"

    def p_Splat(self, e: E.Splat) -> str:
        return f"{self.operand(e.obj)}{'[*]' if e.full else '.*'}"

    def p_Call(self, e: E.Call) -> str:
        args = [self.expr(a) for a in e.args]
        if e.expand_final and args:
            args[-1] += "..."
        return f"{e.name}({', '.join(args)})"

    def p_Unary(self, e: E.Unary) -> str:
        inner = self.expr(e.operand)
        if isinstance(e.operand, (E.Binary, E.Conditional)):
            inner = f"({inner})"
        return f"{e.op}{inner}"

    def p_Binary(self, e: E.Binary) -> str:
        prec = _PREC[e.op]
        left = self.expr(e.left)
        right = self.expr(e.right)
        if isinstance(e.left, E.Conditional) or (
                isinstance(e.left, E.Binary) and _PREC[e.left.op] < prec):
            left = f"({left})"
        if isinstance(e.right, E.Conditional) or (
                isinstance(e.right, E.Binary) and _PREC[e.right.op] <= prec):
            right = f"({right})"
        return f"{left} {e.op} {right}"

    def p_Conditional(self, e: E.Conditional) -> str:
        cond = self.expr(e.cond)
        if isinstance(e.cond, E.Conditional):
            cond = f"({cond})"
        return f"{cond} ? {self.expr(e.then)} : {self.expr(e.other)}"

    def p_Parens(self, e: E.Parens) -> str:
        return f"({self.expr(e.expr)})"

    def p_Tuple(self, e: E.Tuple) -> str:
        # Items are rendered once, at the multi-line indentation. An item on one line there
        # is the same text at this indentation (less indentation never breaks more), and an
        # item that breaks there is too wide for this tuple to fit on one line here.
        inner = self.nested()
        items = [inner.expr(i) for i in e.items]
        many_objects = len(e.items) > 1 and any(isinstance(i, E.Object) for i in e.items)
        if not many_objects and not any("\n" in i for i in items):
            one_line = "[" + ", ".join(items) + "]"
            if len(one_line) + self.indent <= 80:
                return one_line
        pad = " " * (self.indent + 2)
        body = "".join(f"{pad}{i},\n" for i in items)
        return "[\n" + body + " " * self.indent + "]"

    def p_Object(self, e: E.Object) -> str:
        if not e.items:
            return "{}"
        simple = all(not isinstance(v, (E.Object, E.Tuple, E.ForExpr, E.Template))
                     for _, v in e.items)
        inner = self.nested()
        values = [inner.value(v) for _, v in e.items]  # rendered once (see p_Tuple)
        if simple and len(e.items) <= _INLINE_OBJECT_MAX:
            values_here: list[str] | None = values
            if any("\n" in v for v in values):
                # A value that breaks (a call argument): the inline form would hold it as
                # rendered at this indentation. Breaking changes only spaces, newlines and
                # commas, so the other characters bound that form's width from below: past
                # the width, it is not rendered at all (nested ones would fan out per level).
                least = sum(len(self.key(k)) + 3 + _solid(v) for (k, _), v in
                            zip(e.items, values)) + 4
                values_here = None if least + self.indent > 100 else [
                    self.expr(v) for _, v in e.items]
            if values_here is not None:
                parts = [f"{self.key(k)} = {v}" for (k, _), v in zip(e.items, values_here)]
                line = "{ " + ", ".join(parts) + " }"
                if len(line) + self.indent <= 100:
                    return line
        pairs: list[tuple[str, str, list[str]]] = [
            (self.key(k), v, []) for (k, _), v in zip(e.items, values)]
        lines = align_assignments(pairs, " " * (self.indent + 2))
        return "{\n" + "\n".join(lines) + "\n" + " " * self.indent + "}"

    def key(self, k: E.Expr) -> str:
        if isinstance(k, E.Var):
            return k.name if "-" not in k.name else quote(k.name)
        if isinstance(k, E.Literal) and isinstance(k.value, str):
            # Hyphenated keys are valid identifiers but read like subtraction: quote them.
            return k.value if is_identifier(k.value) and "-" not in k.value else quote(k.value)
        text = self.expr(k)
        return text if isinstance(k, E.Parens) else f"({text})"

    def p_ForExpr(self, e: E.ForExpr) -> str:
        names = f"{e.key_var}, {e.value_var}" if e.key_var else e.value_var
        head = f"for {names} {_keyword('in', self.expr(e.collection))} : "
        cond = f" {_keyword('if', self.expr(e.cond))}" if e.cond is not None else ""
        if e.key is not None:
            group = "..." if e.grouping else ""
            return "{ " + head + f"{self.expr(e.key)} => {self.expr(e.value)}{group}{cond}" + " }"
        return "[" + head + self.expr(e.value) + cond + "]"

    def p_Template(self, e: E.Template) -> str:
        return '"' + self.parts(e.parts, quoted=True) + '"'

    def heredoc(self, e: E.Template) -> str:
        body = self.parts(e.parts, quoted=False)
        if e.indent:
            pad = " " * (self.indent + 2)
            lines = body.split("\n")
            body = "\n".join(pad + ln if ln else ln for ln in lines[:-1]) + "\n" + lines[-1]
            return f"<<-{e.heredoc}\n{body}{' ' * self.indent}{e.heredoc}"
        return f"<<{e.heredoc}\n{body}{e.heredoc}"

    def parts(self, parts: tuple[E.TemplatePart, ...], quoted: bool) -> str:
        out = []
        for i, p in enumerate(parts):
            text = self.part(p, quoted)
            nxt = parts[i + 1] if i + 1 < len(parts) else None
            if isinstance(p, str) and text[-1:] in ("$", "%") and not isinstance(nxt, str) \
                    and nxt is not None:
                # `$` right before `${` would read as the `$${` escape: interpolate it instead.
                text = text[:-1] + '${"' + text[-1] + '"}'
            out.append(text)
        return "".join(out)

    def part(self, p: E.TemplatePart, quoted: bool) -> str:
        if isinstance(p, str):
            if quoted:
                return _escape_template_text(p)
            return p.replace("${", "$${").replace("%{", "%%{")
        left = "~" if p.strip_left else ""
        right = "~" if p.strip_right else ""
        if isinstance(p, E.Interp):
            return "${" + left + self.expr(p.expr) + right + "}"
        inner = p.keyword
        if p.keyword == "for":
            inner = f"for {p.head} in {self.expr(p.expr) if p.expr else ''}"
        elif p.keyword == "if" and p.expr is not None:
            inner = f"if {self.expr(p.expr)}"
        return "%{" + left + " " + inner + " " + right + "}"

    def p_BlockSeq(self, e: E.BlockSeq) -> str:
        # Only reached when a nested block value is used as an expression (attribute syntax).
        return self.expr(E.Tuple(tuple(i for i in e.items if isinstance(i, E.Object))))

    def p_Interp(self, e: E.Interp) -> str:
        return "${" + self.expr(e.expr) + "}"


# Node class -> its printing method (one dict look-up instead of building the method's name).
_DISPATCH = {getattr(E, name[2:]): fn for name, fn in vars(_Printer).items()
             if name.startswith("p_")}
