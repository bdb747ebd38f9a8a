"""A VM's custom_data from an instance's user data: base64 exactly once, as Azure reads it."""

from __future__ import annotations

import base64
import binascii
import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx

# OpenStack's provider takes user data as text or already base64 (gophercloud encodes only
# what is not), so sources write either; Azure's custom_data is the base64 of what the VM
# reads, decoded once. Wrapping an encoded value again hands cloud-init base64 text.
_ENCODING = frozenset({"base64encode", "filebase64", "base64gzip", "textencodebase64"})
# cloudinit_config (and the template provider's) renders base64 unless base64_encode = false
_RENDERERS = frozenset({"cloudinit_config", "template_cloudinit_config"})
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def custom_data(ctx: Ctx, node: N.Resource, expr: E.Expr) -> tuple[E.Expr, str]:
    """`expr` (the source's user data, rewritten) as custom_data, and why: kept when it is
    already base64 (an encoding call, a rendered cloud-init config, a base64 literal),
    else wrapped in base64encode."""
    out = ctx.rewrite(expr, node.module)
    inner = E.unwrap(expr)
    if isinstance(inner, E.Call) and inner.name in _ENCODING:
        return out, f"the source's {inner.name}(...) is base64 already; Azure decodes it once"
    if _rendered_base64(ctx, node, inner):
        return out, "a cloud-init config renders base64 (base64_encode defaults to true); " \
            "Azure decodes it once"
    value = E.str_value(inner)
    data = _decoded(value)
    if data is not None and data[:2] == b"\x1f\x8b":  # (gzip: cloud-init decompresses it)
        return out, "the source's literal is gzip data in base64; Azure decodes it once"
    text = _text(data)
    if text is not None:  # (written decoded: readable, and base64encode'd once as text is)
        return E.Call("base64encode", (E.Literal(text, span=inner.span),)), "the source's " \
            "base64 literal, written decoded; Azure reads custom_data base64-encoded once"
    return E.Call("base64encode", (out,)), "OVH user data is cloud-init; Azure reads it " \
        "base64-encoded"


def _rendered_base64(ctx: Ctx, node: N.Resource, expr: E.Expr) -> bool:
    t = E.traversal(expr)
    if t is None or t[0] != "data" or not t[1] or t[1][-1] != ("attr", "rendered") or \
            str(t[1][0][1]) not in _RENDERERS:
        return False
    config = ctx.resolve(expr, node.module)
    if config is None:
        return False
    flag = config.get("base64_encode")
    return flag is None or (isinstance(flag, E.Literal) and flag.value is True)


def _decoded(value: str | None) -> bytes | None:
    """The bytes a literal holds when it is base64: plain user data (`#cloud-config ...`,
    a script) has spaces, `#` or newlines and is never base64."""
    if not value or len(value) % 4 or len(value) < 16 or not _BASE64.match(value):
        return None
    try:
        return base64.b64decode(value, validate=True)
    except binascii.Error:
        return None


def _text(data: bytes | None) -> str | None:
    """`data` as printable UTF-8 text, else None (random bytes that happened to decode)."""
    try:
        text = data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:
        return None
    printable = text is not None and all(c.isprintable() or c in "\n\r\t" for c in text)
    return text if printable and text and text.strip() else None
