"""Small builders: a written number, a template, a cloud-safe name, a name keyed by instance."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N


def num(v: int | float) -> E.Literal:
    """A number literal printed as written."""
    return E.Literal(v, str(v))


def tpl(*parts: str | E.Expr) -> E.Template:
    """A template of text and interpolated expressions."""
    return E.Template(tuple(p if isinstance(p, str) else E.Interp(p) for p in parts))


def hyphen_name(s: str, limit: int = 63) -> str:
    """A name most clouds accept (AWS, Scaleway): lowercase letters, digits and single
    hyphens, a letter first, at most `limit` characters."""
    out = re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9-]+", "-", s.lower())).strip("-")
    if not out or not out[0].isalpha():
        out = "x-" + out
    return out[:limit].rstrip("-")


def keyed(node: N.Resource, text: str, each_key: E.Expr | None = None) -> E.Expr:
    """`text`, followed by the instance key when `node` repeats (`each_key` for each.key):
    names that must differ per instance."""
    if node.meta.for_each is not None:
        return tpl(text + "-", each_key if each_key is not None else E.ref("each.key"))
    if node.meta.count is not None:
        return tpl(text + "-", E.ref("count.index"))
    return E.Literal(text)
