"""A zone of a region known only at plan time: a data.google_compute_zones lookup."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx

LOOKUP = "google_compute_zones"


def from_variable(expr: E.Expr | None) -> bool:
    """`var.x` (or `"${var.x}"`): its default is only a default, the caller may pass another
    region, where a zone written from the default does not exist."""
    t = E.traversal(E.unwrap(expr)) if expr is not None else None
    return t is not None and t[0] == "var"


def first_zone(ctx: Ctx, node: N.Resource, region: E.Expr, why: str) -> E.Expr:
    """`data.google_compute_zones.<node>[<key>].names[0]`: the first zone of `region` (a
    target expression), one lookup per instance of `node`, which it follows."""
    lookup = TfBlock("data", (LOOKUP, node.name), comments=[f"scaffolding: {why}"])
    lookup.set("region", region)
    P.emit_meta(ctx, lookup, replace(node, meta=N.Meta(count=node.meta.count,
                                                       for_each=node.meta.for_each)), {})
    ctx.emit(node.span, lookup)
    names: E.Expr = E.ref(f"data.{LOOKUP}.{node.name}")
    if node.meta.for_each is not None:
        names = E.Index(names, E.ref("each.key"))
    elif node.meta.count is not None:
        names = E.Index(names, E.ref("count.index"))
    return E.Index(E.GetAttr(names, "names"), E.Literal(0, "0"))


def region_zone(ctx: Ctx, module: str, region: E.Expr) -> E.Expr | None:
    """The first zone of `var.<x>` (a target region), from one lookup per module and
    variable that every zonal resource of that region shares: an instance and the disks it
    attaches get the same zone (a per-resource lookup would also rename a disk that shares
    its instance's label). None for another expression."""
    t = E.traversal(E.unwrap(region))
    if t is None or t[0] != "var" or len(t[1]) != 1 or t[1][0][0] != "attr":
        return None
    label = f"{t[1][0][1]}_zones"

    def make() -> TfBlock:
        b = TfBlock("data", (LOOKUP, label), comments=[
            f"scaffolding: zones of var.{t[1][0][1]}, for the zonal resources in that region"])
        b.set("region", region)
        return b
    ctx.scaffold(f"data.{LOOKUP}.{label}", module, make)
    return E.Index(E.ref(f"data.{LOOKUP}.{label}.names"), E.Literal(0, "0"))
