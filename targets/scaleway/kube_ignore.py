"""`lifecycle` of OVH clusters and pools on Kapsule: ignore_changes in Scaleway argument names."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import kube_lifecycle as L
from ..tfbase.context import Ctx
from .kube_data import table

ignore = L.ignore


def place(ctx: Ctx, node: N.Resource, b: TfBlock, timeouts: E.BlockSeq | None) -> None:
    """The source lifecycle, its ignore_changes renamed through kube.json (tfbase's ignore
    reads scaleway/platform.json, which has no Kapsule entries)."""
    L.place(ctx, node, b, timeouts,
            table()["ignore_changes"].get(node.canonical_type or node.type, {}))


def protect(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """Kapsule has no deletion protection: Terraform's prevent_destroy (IT337) instead."""
    L.protect(ctx, node, b, f"the Kapsule cluster of {node.address} (lifecycle "
              "prevent_destroy: Terraform refuses to destroy or replace it)")
