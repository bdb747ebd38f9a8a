"""`lifecycle` of OVH clusters and pools on EKS: ignore_changes renamed, the autoscaler's entry."""

from __future__ import annotations

import dataclasses

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from .placement import note, platform


def place(ctx: Ctx, node: N.Resource, b: TfBlock, timeouts: E.BlockSeq | None,
          ignore: tuple[str, ...] = (), depends: tuple[E.Expr, ...] = ()) -> None:
    """P.place, with the source lifecycle's ignore_changes in EKS names plus `ignore` (the
    arguments something else than Terraform changes), and `depends` after the source's own
    depends_on entries."""
    source = node.meta.lifecycle
    P.place(ctx, dataclasses.replace(node, meta=dataclasses.replace(node.meta, lifecycle=None)),
            b, timeouts)
    if depends:
        old = b.get("depends_on")
        items = old.items if isinstance(old, E.Tuple) else (old,) if old is not None else ()
        b.set("depends_on", E.Tuple(tuple(items) + depends))
    types = platform()["ignore_changes"]["types"]
    renames: dict[str, list[str]] = types.get(node.canonical_type or node.type, {})
    entries: list[E.Expr] = []
    every = False
    life = TfBlock("lifecycle")
    for item in source.items if isinstance(source, E.BlockSeq) else ():
        if not isinstance(item, E.Object):
            P.emit_blocks(ctx, b, "lifecycle", E.BlockSeq((item,)), node.module)
            continue
        for k, v in item.items:
            key = E.key_name(k) or ""
            if key != "ignore_changes":
                if isinstance(v, E.BlockSeq):
                    P.emit_blocks(ctx, life, key, v, node.module)
                else:
                    life.set(key, ctx.rewrite(v, node.module))
                continue
            if isinstance(v, E.Var) and v.name == "all":
                every = True
                continue
            for entry in v.items if isinstance(v, E.Tuple) else ():
                t = E.traversal(entry)
                name = t[0] if t is not None else E.str_value(entry) or ""
                targets = renames.get(name)
                if targets is None:
                    note(ctx, "kube.ignore_entry_dropped", entry.span or v.span, name=name,
                         address=node.address)
                    continue
                entries.extend(parse_expression_text(p, "<eks>") for p in targets)
    entries.extend(parse_expression_text(p, "<eks>") for p in ignore)
    unique: list[E.Expr] = []
    for e in entries:
        if e not in unique:
            unique.append(e)
    if every:
        life.set("ignore_changes", E.Var("all"))
    elif unique:
        life.set("ignore_changes", E.Tuple(tuple(unique)))
    if life.items:
        b.items.append(life)
