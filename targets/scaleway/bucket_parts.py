"""Scaleway bucket settings in resources of their own: the part block, server-side encryption."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx

SSE = "scaleway_object_bucket_server_side_encryption_configuration"


def part(ctx: Ctx, node: N.Resource, type_: str, ref: E.Expr, bucket: TfBlock | None = None,
         comment: str = "") -> TfBlock:
    """A bucket setting kept in a resource of its own, in its bucket's region (`bucket`'s,
    else `node`'s own block), repeated like `node`."""
    b = TfBlock("resource", (type_, node.name), comments=[comment] if comment else [])
    b.set("bucket", ref)
    owner = bucket or ctx.primary.get(ctx.key_of(node))
    b.set("region", owner.get("region") if owner is not None else None)
    P.emit_meta(ctx, b, node, {})
    return ctx.emit(node.span, b)


def sse(ctx: Ctx, node: N.Resource, algorithm: E.Expr | None, at: Span | None, ref: E.Expr,
        bucket: TfBlock | None = None) -> None:
    """Default encryption: the provider accepts AES256 only (keys Scaleway manages; its
    validator refuses aws:kms), so any other algorithm becomes AES256, said so."""
    text = E.str_value(algorithm) if algorithm is not None else "AES256"
    if text is not None and text.lower() == "plaintext":
        ctx.sink.add("IT301", at or node.span, f"encryption `plaintext` of {node.address}: "
                     "nothing is written; Scaleway stores objects without server-side "
                     "encryption unless a configuration asks for it")
        return
    if text is None or text.upper() != "AES256":
        ctx.sink.add("IT301", at or node.span, f"encryption "
                     f"`{text or 'from an expression'}` of {node.address} becomes AES256: "
                     "Scaleway Object Storage encrypts with keys it manages only (no KMS key)",
                     "encrypt on the client (SSE-C) where a key of your own is required")
    b = part(ctx, node, SSE, ref, bucket)
    b.block("rule").block("apply_server_side_encryption_by_default").set(
        "sse_algorithm", E.Literal("AES256"))
