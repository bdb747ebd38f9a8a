"""Every attribute or expression of an emitted block, its nested blocks included."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E

from ..hclwrite import TfAttr, TfBlock


def block_attrs(block: TfBlock) -> list[TfAttr]:
    """Every attribute of an emitted block, nested blocks included."""
    out: list[TfAttr] = []
    for item in block.items:
        if isinstance(item, TfBlock):
            out.extend(block_attrs(item))
        else:
            out.append(item)
    return out


def block_exprs(block: TfBlock) -> list[E.Expr]:
    """Every expression in an emitted block, nested blocks included."""
    out: list[E.Expr] = []
    for item in block.items:
        if isinstance(item, TfBlock):
            out.extend(block_exprs(item))
        else:
            out.append(item.value)
    return out
