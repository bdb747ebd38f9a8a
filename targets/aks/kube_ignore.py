"""`lifecycle` of OVH clusters and pools on AKS: ignore_changes in azurerm argument names."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import kube_lifecycle as L
from ..tfbase.context import Ctx
from .kube_data import table

ignore = L.ignore


def place(ctx: Ctx, node: N.Resource, b: TfBlock, timeouts: E.BlockSeq | None) -> None:
    """The source lifecycle, its ignore_changes renamed through aks/kube.json."""
    L.place(ctx, node, b, timeouts,
            table()["ignore_changes"].get(node.canonical_type or node.type, {}))


def protect(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    L.protect(ctx, node, b, f"the AKS cluster of {node.address} (lifecycle prevent_destroy: "
              "Terraform refuses to destroy or replace it)")
