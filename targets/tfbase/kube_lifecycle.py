"""`lifecycle` of lowered clusters and pools: renamed ignore_changes, added entries, protection."""

from __future__ import annotations

import dataclasses

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import hardening
from . import ignore as tf_ignore
from . import passthrough as P
from .context import Ctx


def place(ctx: Ctx, node: N.Resource, b: TfBlock, timeouts: E.BlockSeq | None,
          renames: dict[str, list[str]]) -> None:
    """P.place, with the source lifecycle's ignore_changes renamed through `renames` (OVH
    argument -> target arguments: a target family's own table, not its platform.json)."""
    life = node.meta.lifecycle
    P.place(ctx, dataclasses.replace(node, meta=dataclasses.replace(node.meta, lifecycle=None)),
            b, timeouts)
    if not isinstance(life, E.BlockSeq):
        return
    items: list[E.Object | E.DynamicBlock] = []
    for item in life.items:
        if isinstance(item, E.Object):
            kept = []
            for k, v in item.items:
                out: E.Expr | None = v
                if E.key_name(k) == "ignore_changes":
                    out = tf_ignore._ignored(ctx, node, v, renames, b.labels[0])  # noqa: SLF001
                if out is not None:
                    kept.append((k, out))
            if not kept:
                continue
            item = E.Object(tuple(kept), span=item.span)
        items.append(item)
    if items:
        P.emit_blocks(ctx, b, "lifecycle", E.BlockSeq(tuple(items), span=life.span),
                      node.module)


def lifecycle(b: TfBlock) -> TfBlock:
    """The block's lifecycle block (the source's, or a new one)."""
    life = next((i for i in b.items if isinstance(i, TfBlock) and i.type == "lifecycle"
                 and not i.labels), None)
    return life if life is not None else b.block("lifecycle")


def protect(ctx: Ctx, node: N.Resource, b: TfBlock, what: str) -> None:
    """No deletion-protection argument on the target: the hardening default is Terraform's
    prevent_destroy (IT337), unless the source's lifecycle says otherwise."""
    life = lifecycle(b) if ctx.harden.deletion_protection else None
    if life is not None and life.get("prevent_destroy") is None:
        life.set("prevent_destroy", hardening.protection(ctx, node, None, what))


def ignore(b: TfBlock, paths: tuple[str, ...]) -> None:
    """Add `paths` (arguments something else than Terraform changes) to ignore_changes."""
    life = lifecycle(b)
    old = life.get("ignore_changes")
    if isinstance(old, E.Var) and old.name == "all":
        return
    entries = list(old.items) if isinstance(old, E.Tuple) else []
    for path in paths:
        if all(E.traversal(e) != (path, []) for e in entries):
            entries.append(E.Var(path))
    life.set("ignore_changes", E.Tuple(tuple(entries)))
