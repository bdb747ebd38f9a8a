"""TODO placeholders in emitted Terraform: each one reported, none where a value must work."""

from __future__ import annotations

import re

from iac_translate.compiler.codes import Severity
from iac_translate.compiler.diagnostics import Diagnostic
from iac_translate.compiler.hcl.printer import short_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from .context import Ctx

TODO = re.compile(r"TODO\((IT\d{3})\)")
# Functions that cannot take the text of a placeholder instead of their real argument.
_NEEDS_VALUE = {"tolist", "toset", "tomap", "element", "lookup", "length", "keys", "values",
                "flatten", "concat", "merge", "cidrsubnet", "cidrhost", "one", "try", "jsondecode",
                "base64decode", "zipmap", "contains", "index", "slice", "coalescelist"}


def loud_lines(diags: list[Diagnostic], out: dict[str, list[tuple[int, int]]] | None = None
               ) -> dict[str, list[tuple[int, int]]]:
    """file -> [(first line, last line)] of every warning or error; "" -> codes reported."""
    out = {} if out is None else out
    for d in diags:
        if d.span is not None and d.severity is not Severity.INFO:
            out.setdefault(d.span.file, []).append((d.span.line, d.span.end_line or d.span.line))
        if d.severity is not Severity.INFO:
            out.setdefault("", []).append((int(d.code[2:]), 0))
    return out


def _beside(loud: dict[str, list[tuple[int, int]]], at: Span | None) -> bool:
    if at is None:
        return False
    end = at.end_line or at.line
    return any(a <= end and at.line <= b for a, b in loud.get(at.file, []))


def _text(e: E.Expr) -> str:
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        return e.value
    if isinstance(e, E.Template):
        return "".join(p for p in e.parts if isinstance(p, str))
    return ""


def _is_todo(e: E.Expr) -> bool:
    return bool(TODO.match(_text(e)))


def check(ctx: Ctx, b: TfBlock, loud: dict[str, list[tuple[int, int]]]) -> None:
    where = ".".join(b.labels) or b.type or "a placeholder"
    for text, at in _placeholders(b):
        code = TODO.search(text)
        # The placeholder's own line, else anywhere in the source block it stands for; a
        # scaffold block (one for many sources) only needs its code reported somewhere.
        anywhere = at is None and b.span is None and code is not None and \
            any(c == int(code.group(1)[2:]) for c, _ in loud.get("", []))
        if code and not (_beside(loud, at) or _beside(loud, b.span) or anywhere):
            ctx.sink.add("IT328", at or b.span, f"`{code.group(0)}` in {where} has no "
                         "diagnostic beside it", "this is a bug of iac-translate: please "
                         "report it with the input")
    if b.type == "output" and b.labels:
        value = b.get("value")
        if value is not None and _is_todo(value):
            ctx.sink.add("IT328", value.span or b.span, f"output `{b.labels[0]}` would publish "
                         "the placeholder text instead of a value", "write the value it needs "
                         "on the target, or remove the output")
    for e in _exprs(b):
        for sub in E.walk(e):
            bad = _misused(sub)
            if bad is not None:
                ctx.sink.add("IT328", bad.span or sub.span or b.span, f"`{short_hcl(sub)}` uses "
                             "a placeholder string where Terraform needs a real value",
                             "`terraform plan` fails here: replace the placeholder first")


def _misused(e: E.Expr) -> E.Expr | None:
    """The placeholder inside `e` that a function, an index or an attribute would read."""
    if isinstance(e, E.Call) and e.name in _NEEDS_VALUE:
        return next((a for a in e.args if _is_todo(a)), None)
    if isinstance(e, E.Index | E.GetAttr | E.Splat):
        inner = e.obj
        while isinstance(inner, E.Parens):
            inner = inner.expr
        return inner if _is_todo(inner) else None
    return None


def _placeholders(b: TfBlock) -> list[tuple[str, Span | None]]:
    found: list[tuple[str, Span | None]] = [(c, None) for c in b.comments if TODO.search(c)]
    for item in b.items:
        if isinstance(item, TfBlock):
            found += [(t, s) for t, s in _placeholders(item)]
            continue
        found += [(c, item.value.span) for c in item.comments if TODO.search(c)]
        found += [(_text(sub), sub.span) for sub in E.walk(item.value)
                  if isinstance(sub, E.Literal | E.Template) and TODO.search(_text(sub))]
    return found


def _exprs(b: TfBlock) -> list[E.Expr]:
    out: list[E.Expr] = []
    for item in b.items:
        out.extend(_exprs(item) if isinstance(item, TfBlock) else [item.value])
    return out


