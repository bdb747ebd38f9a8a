"""Lowering an OVH Harbor object for a cloud whose registry is not Harbor: reported, dropped."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import registry as R

from ..hclwrite import TfBlock
from .context import Ctx
from .driver import Lowering


def harbor_lowering(registry: str, instead: Callable[[R.HarborObject], str]) -> Lowering:
    """A lowering of Harbor objects: IT305 naming `registry` (the cloud's registry, which
    would reject the Harbor API at apply) and what to use instead, and a TODO in the output."""
    def lower_harbor(ctx: Ctx, node: N.Resource) -> None:
        use = instead(R.harbor_object(node))
        ctx.sink.add("IT305", node.span, f"{node.address} is a Harbor object; {registry} is "
                     "not Harbor, so it would fail at apply and is not kept", f"use {use}")
        placeholder = TfBlock("")
        placeholder.note(f"TODO(IT305): {node.address} (Harbor) was not translated; "
                         f"use {use}.")
        ctx.emit(node.span, placeholder)
    return lower_harbor
