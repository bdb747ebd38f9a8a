"""`lifecycle` of OVH clusters and pools on EKS: ignore_changes renamed, the autoscaler's entry."""

from __future__ import annotations

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx


def place(ctx: Ctx, node: N.Resource, b: TfBlock, timeouts: E.BlockSeq | None,
          ignore: tuple[str, ...] = (), depends: tuple[E.Expr, ...] = ()) -> None:
    """P.place (the source lifecycle's ignore_changes in EKS names: eks/platform.json, by
    tfbase/ignore), plus `ignore` (the arguments something else than Terraform changes) and
    `depends` after the source's own depends_on entries."""
    P.place(ctx, node, b, timeouts)
    if depends:
        old = b.get("depends_on")
        items = old.items if isinstance(old, E.Tuple) else (old,) if old is not None else ()
        b.set("depends_on", E.Tuple(tuple(items) + depends))
    if not ignore:
        return
    life = next((i for i in b.items if isinstance(i, TfBlock) and i.type == "lifecycle"
                 and not i.labels), None)
    if life is None:
        life = TfBlock("lifecycle")
        b.items.append(life)
    old = life.get("ignore_changes")
    if isinstance(old, E.Var) and old.name == "all":
        return
    entries = list(old.items) if isinstance(old, E.Tuple) else []
    for path in ignore:
        if all(to_hcl(e) != path for e in entries):
            entries.append(parse_expression_text(path, "<eks>"))
    life.set("ignore_changes", E.Tuple(tuple(entries)))
