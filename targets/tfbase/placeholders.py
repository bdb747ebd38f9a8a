"""TODO placeholders in emitted Terraform: each one reported, none where a value must work."""

from __future__ import annotations

import re

from iac_translate.compiler.codes import Severity
from iac_translate.compiler.diagnostics import Diagnostic
from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.span import Span

from ..hclwrite import TfAttr, TfBlock
from .context import Ctx

TODO = re.compile(r"TODO\((IT\d{3})\)")
# Functions that cannot take the text of a placeholder instead of their real argument.
_NEEDS_VALUE = {"tolist", "toset", "tomap", "element", "lookup", "length", "keys", "values",
                "flatten", "concat", "merge", "cidrsubnet", "cidrhost", "one", "try", "jsondecode",
                "base64decode", "zipmap", "contains", "index", "slice", "coalescelist"}


class Loud:
    """Lines of every warning or error, per file, and the codes reported: asked once per
    placeholder, so each question costs the lines it spans, not the diagnostics so far."""

    _LONG = 64  # spans longer than this are kept as intervals instead of line by line

    def __init__(self, diags: list[Diagnostic] | None = None) -> None:
        self.lines: dict[str, set[int]] = {}
        self.long: dict[str, list[tuple[int, int]]] = {}
        self.codes: set[int] = set()
        self.add(diags or [])

    def add(self, diags: list[Diagnostic]) -> None:
        for d in diags:
            if d.severity is Severity.INFO:
                continue
            self.codes.add(int(d.code[2:]))
            if d.span is None:
                continue
            a, b = d.span.line, d.span.end_line or d.span.line
            if b - a > self._LONG or b < a:
                self.long.setdefault(d.span.file, []).append((a, b))
            else:
                self.lines.setdefault(d.span.file, set()).update(range(a, b + 1))

    def beside(self, at: Span | None) -> bool:
        """A warning or error overlaps the lines of `at`."""
        if at is None:
            return False
        end = at.end_line or at.line
        if any(a <= end and at.line <= b for a, b in self.long.get(at.file, ())):
            return True
        lines = self.lines.get(at.file)
        if not lines:
            return False
        if end - at.line < len(lines):
            return any(n in lines for n in range(at.line, end + 1))
        return any(at.line <= n <= end for n in lines)


def _text(e: E.Expr) -> str:
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        return e.value
    if isinstance(e, E.Template):
        return "".join(p for p in e.parts if isinstance(p, str))
    return ""


def _is_todo(e: E.Expr) -> bool:
    return bool(TODO.match(_text(e)))


def check(ctx: Ctx, b: TfBlock, loud: Loud) -> None:
    where = ".".join(b.labels) or b.type or "a placeholder"
    holding: list[E.Expr] = []  # the values with a TODO inside: only they can misuse one
    for text, at in _placeholders(b, holding):
        code = TODO.search(text)
        # The placeholder's own line, else anywhere in the source block it stands for; a
        # scaffold block (one for many sources) only needs its code reported somewhere.
        anywhere = at is None and b.span is None and code is not None and \
            int(code.group(1)[2:]) in loud.codes
        if code and not (loud.beside(at) or loud.beside(b.span) or anywhere):
            ctx.sink.add("IT328", at or b.span, f"`{code.group(0)}` in {where} has no "
                         "diagnostic beside it", "this is a bug of iac-translate: please "
                         "report it with the input")
    if b.type == "output" and b.labels:
        value = b.get("value")
        if value is not None and _is_todo(value):
            ctx.sink.add("IT328", value.span or b.span, f"output `{b.labels[0]}` would publish "
                         "the placeholder text instead of a value", "write the value it needs "
                         "on the target, or remove the output")
        elif value is not None and any(h is value for h in holding):
            # (A connection string or an object with one placeholder inside: plan passes
            # and whoever reads the output gets the placeholder text as data.)
            ctx.sink.add("IT328", value.span or b.span, f"output `{b.labels[0]}` would publish "
                         "placeholder text inside its value", "write the values it needs on "
                         "the target, or remove the output")
    for e in _meta_args(b) if holding else ():
        ctx.sink.add("IT328", e.span or b.span, f"`{short_hcl(e)}` is the count or for_each "
                     f"of {where}: Terraform needs a number, a map or a set there",
                     "`terraform plan` fails here: replace the placeholder first")
    for e in holding:
        for sub in E.walk(e):
            bad = _misused(sub)
            if bad is not None:
                ctx.sink.add("IT328", bad.span or sub.span or b.span, f"`{short_hcl(sub)}` uses "
                             "a placeholder string where Terraform needs a real value",
                             "`terraform plan` fails here: replace the placeholder first")


# (Tuples: `A | B` in isinstance is built anew at every call, for every node walked.)
_TEXTS = (E.Literal, E.Template)
_READERS = (E.Index, E.GetAttr, E.Splat)


def _misused(e: E.Expr) -> E.Expr | None:
    """The placeholder inside `e` that a function, an index, an attribute, a for
    expression's collection, an arithmetic or logical operator or a condition would read:
    each is refused by `terraform validate` or `plan` (a string is not a collection, a number
    or a bool)."""
    if isinstance(e, E.Call) and e.name in _NEEDS_VALUE:
        return next((a for a in e.args if _is_todo(a)), None)
    if isinstance(e, _READERS):
        return _todo_in(e.obj)
    if isinstance(e, E.ForExpr):
        return _todo_in(e.collection)  # ("Iteration over non-iterable value")
    if isinstance(e, E.Binary) and e.op in _TYPED_OPS:
        return _todo_in(e.left) or _todo_in(e.right)
    if isinstance(e, E.Unary):
        return _todo_in(e.operand)
    if isinstance(e, E.Conditional):
        return _todo_in(e.cond)
    return None


# Operators whose operands must be numbers or bools (`==` and `!=` compare any values).
_TYPED_OPS = {"+", "-", "*", "/", "%", "<", ">", "<=", ">=", "&&", "||"}
# Arguments a string never satisfies: a count (number), a for_each (map or set).
_META = {"count", "for_each"}


def _todo_in(e: E.Expr) -> E.Expr | None:
    while isinstance(e, E.Parens):
        e = e.expr
    return e if _is_todo(e) else None


def _meta_args(b: TfBlock) -> list[E.Expr]:
    """The placeholders given as `count` or `for_each` of `b` or of its dynamic blocks."""
    found = [i.value for i in b.items if isinstance(i, TfAttr) and i.name in _META
             and _todo_in(i.value) is not None]
    for i in b.items:
        if isinstance(i, TfBlock) and i.type in ("dynamic", "content"):
            found += _meta_args(i)  # (a dynamic block's for_each, and those nested in it)
    return found


def _placeholders(b: TfBlock, holding: list[E.Expr]) -> list[tuple[str, Span | None]]:
    """TODO texts in `b` (comments and values); `holding` gets each value (in item order)
    with a TODO literal inside: the only ones in which `_misused` can find anything."""
    found: list[tuple[str, Span | None]] = [(c, None) for c in b.comments if TODO.search(c)]
    for item in b.items:
        if isinstance(item, TfBlock):
            found += [(t, s) for t, s in _placeholders(item, holding)]
            continue
        found += [(c, item.value.span) for c in item.comments if TODO.search(c)]
        value = item.value
        # (A literal is its own walk: most values are one.)
        subs = (value,) if value.__class__ is E.Literal else W.walk_only(value, _TEXTS)
        inside = [(_text(sub), sub.span) for sub in subs if TODO.search(_text(sub))]
        if inside:
            holding.append(item.value)
        found += inside
    return found
