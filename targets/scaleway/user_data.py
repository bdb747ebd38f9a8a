"""Instance user data as Scaleway's cloud-init key takes it: the text itself, never base64."""

from __future__ import annotations

import base64
import binascii
import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from ..tfbase.context import Ctx

# OpenStack (and OVH through it) hands Nova base64 user data and Nova decodes it before the
# instance reads it, so sources write `base64encode(templatefile(...))`. Scaleway stores the
# cloud-init key's bytes as given (the provider sends the string as the request body): the
# instance would read the base64 text, which cloud-init does not recognise ("Unhandled
# non-multipart userdata"), and nothing it says would run.
_DECODED = {"base64encode": None, "filebase64": "file"}
_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def cloud_init(ctx: Ctx, node: N.Resource, expr: E.Expr) -> E.Expr:
    """`expr` (the source's user data) as the text the instance is to read: an encoding
    call is removed (`filebase64(p)` is `file(p)`), a base64 literal decoded; gzip data
    (`base64gzip`) cannot be a cloud-init string and is reported (IT301)."""
    inner = E.unwrap(expr)
    at = expr.span or node.span
    if isinstance(inner, E.Call) and len(inner.args) == 1 and inner.name in _DECODED:
        swap = _DECODED[inner.name]
        out = inner.args[0] if swap is None else E.Call(swap, inner.args, span=inner.span)
        _said(ctx, node, at, f"`{inner.name}(...)`", f"it becomes `{swap}(...)`" if swap
              else f"the `{inner.name}` call is removed")
        return out
    if isinstance(inner, E.Call) and inner.name == "base64gzip":
        ctx.sink.add("IT301", at, f"user data of {node.address} is gzip-compressed and "
                     "base64-encoded: Scaleway's cloud-init key takes the text the instance "
                     "reads, as written, so the instance would read base64 text",
                     "write the user data uncompressed (templatefile(...) alone)")
        return expr
    text = _decoded(E.str_value(inner))
    if text is not None:
        _said(ctx, node, at, "a literal", "the literal is decoded")
        return E.Literal(text, span=inner.span)
    return expr


def _said(ctx: Ctx, node: N.Resource, at: Span | None, was: str, now: str) -> None:
    ctx.sink.add("IT301", at, f"user data of {node.address} is base64-encoded ({was}) for "
                 "OpenStack, whose Nova decodes it before the instance reads it; Scaleway's "
                 f"cloud-init key reaches the instance as written, so {now}")


def _decoded(value: str | None) -> str | None:
    """The text a literal base64 string holds (printable UTF-8), else None: plain user
    data (`#cloud-config ...`, a script) has spaces, `#` or newlines and is never base64."""
    if not value or len(value) % 4 or len(value) < 16 or not _BASE64.match(value):
        return None
    try:
        text = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    printable = all(c.isprintable() or c in "\n\r\t" for c in text)
    return text if printable and text.strip() else None
