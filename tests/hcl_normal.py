"""Normal forms for comparing our HCL parse with python-hcl2's `loads` (differential oracle)."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.hcl.ast import Attribute, Block, Body
from iac_translate.compiler.hcl.lexer import unescape
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E

_WS = re.compile(r"\s+")


_QUOTED_KEY = re.compile(r'"([A-Za-z_][A-Za-z0-9_-]*)"(=|:)')


def _nows(s: str) -> str:
    """Whitespace-free expression text; commas and quotes around object keys are dropped
    because the two printers lay out multi-line objects differently."""
    s = _WS.sub("", s)
    return _QUOTED_KEY.sub(r"\1\2", s).replace(",", "")


def from_hcl2(v: Any) -> Any:
    """Normalise python-hcl2 v8 `loads` output (quoted strings, `${...}` expressions)."""
    if isinstance(v, dict):
        return {_key(k): from_hcl2(x) for k, x in v.items()
                if k != "__is_block__" and not k.startswith("__")}
    if isinstance(v, list):
        return [from_hcl2(x) for x in v]
    if isinstance(v, str):
        if v.startswith("${") and v.endswith("}"):
            inner = v[2:-1]
            return ("expr", _nows(inner))
        if v.startswith('"<<'):
            body = v[1:-1].split("\n", 1)[1] if "\n" in v else ""
            return ("heredoc", _nows(body.rsplit("\n", 1)[0]))
        if len(v) >= 2 and v[0] == '"' and v[-1] == '"':
            inner = v[1:-1]
            if "${" in inner.replace("$${", "") or "%{" in inner.replace("%%{", ""):
                return ("tpl", _nows(inner))
            return ("str", unescape(inner, 0))
        return ("expr", _nows(v))
    return v


def _key(k: str) -> str:
    return k[1:-1] if len(k) >= 2 and k[0] == '"' and k[-1] == '"' else k


def from_ours(body: Body) -> dict[str, Any]:
    """Our AST in the same normal form."""
    out: dict[str, Any] = {}
    for item in body.items:
        if isinstance(item, Attribute):
            out[item.name] = expr(item.expr)
        else:
            out.setdefault(item.type, []).append(_block(item))
    return out


def _block(b: Block) -> Any:
    node: Any = from_ours(b.body)
    for label in reversed(b.labels):
        node = {label: node}
    return node


def expr(e: E.Expr) -> Any:
    if isinstance(e, E.Literal):
        return ("str", e.value) if isinstance(e.value, str) else e.value
    if isinstance(e, E.Unary) and e.op == "-" and isinstance(e.operand, E.Literal) and \
            isinstance(e.operand.value, (int, float)) and not isinstance(e.operand.value, bool):
        return -e.operand.value
    if isinstance(e, E.Tuple):
        return [expr(i) for i in e.items]
    if isinstance(e, E.Object):
        return {E.key_name(k) or _nows(to_hcl(k)): expr(v) for k, v in e.items}
    if isinstance(e, E.Template):
        text = to_hcl(e)
        if e.heredoc is not None:
            return ("heredoc", _nows(text.split("\n", 1)[1].rsplit("\n", 1)[0]))
        return ("tpl", _nows(text[1:-1]))
    return ("expr", _nows(to_hcl(e)))


def unquoted(v: Any) -> Any:
    """python-hcl2's `loads` output with the quotes of labels and strings taken off (the
    plain reading the translation tests assert on, not the differential normal form)."""
    if isinstance(v, dict):
        return {unquoted(k): unquoted(x) for k, x in v.items()}
    if isinstance(v, list):
        return [unquoted(x) for x in v]
    if isinstance(v, str) and len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1]
    return v
