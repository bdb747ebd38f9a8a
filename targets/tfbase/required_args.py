"""Arguments the target provider requires that nothing gave: reported, strings as placeholders."""

from __future__ import annotations

from typing import Any

from ..hclwrite import TfAttr, TfBlock, todo
from .context import Ctx

CODE = "IT327"


def fill(ctx: Ctx, required: dict[str, Any] | None) -> None:
    """Every resource and data block of the output against the provider's required
    arguments and blocks (`required.json`, generated from the provider schema)."""
    tables = {"resource": (required or {}).get("resources", {}),
              "data": (required or {}).get("data_sources", {})}
    for _, blocks in sorted(ctx.files.items()):
        for b in blocks:
            spec = tables.get(b.type, {}).get(b.labels[0]) if b.labels else None
            if spec is not None:
                prefix = "data." if b.type == "data" else ""
                _missing(ctx, b, b, spec, prefix + ".".join(b.labels))


def _missing(ctx: Ctx, top: TfBlock, b: TfBlock, spec: dict[str, Any], where: str) -> None:
    have = {i.name for i in b.items if isinstance(i, TfAttr)}
    blocks: dict[str, list[TfBlock]] = {}
    for i in b.items:
        if isinstance(i, TfBlock):
            name = i.labels[0] if i.type == "dynamic" and i.labels else i.type
            blocks.setdefault(name, []).append(i)
    for arg in spec.get("args", []):
        if arg not in have and arg not in blocks:
            placeholder = arg in spec.get("strings", [])
            if placeholder:  # greppable, and the file stays valid for the schema
                # (naming the block: one variable stands for each placeholder text)
                b.set(arg, todo(CODE, f"the {arg} the provider requires for {where} (no OVH "
                                "argument gives it)"))
            ctx.sink.add(CODE, top.span, f"`{where}` has no `{arg}`, which the target "
                         "provider requires", "set the variable that stands for it"
                         if placeholder else "write it; `terraform validate` fails without it")
    for name, sub in spec.get("blocks", {}).items():
        found = blocks.get(name, [])
        if not found and sub.get("min", 0) >= 1:
            ctx.sink.add(CODE, top.span, f"`{where}` has no `{name}` block, which the target "
                         "provider requires", "write it")
        for blk in found:
            if blk.type != "dynamic":
                _missing(ctx, top, blk, sub, f"{where}.{name}")
