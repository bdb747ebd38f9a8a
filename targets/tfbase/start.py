"""How a lowering starts: the arguments its reader took, the target block, the name written."""

from __future__ import annotations

from typing import Protocol

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from .context import Ctx
from .use import Use


class _Written(Protocol):
    @property
    def source(self) -> E.Expr | None: ...


# what the readers of an OVH bucket and of an OVH (S3) user take
BUCKET_READ = ("name", "region_name", "versioning", "encryption", "object_lock", "tags")
USER_READ = ("description", "role_name", "role_names")


def use(ctx: Ctx, node: N.Resource, read: tuple[str, ...], type_: str) -> Use:
    """The use of `node`'s arguments for `type_`, `read` (what its reader took) consumed."""
    u = Use(ctx, node, type_)
    for path in read:
        u.raw(path)
    return u


def begin(ctx: Ctx, node: N.Resource, read: tuple[str, ...], type_: str,
          kind: str = "resource") -> tuple[Use, TfBlock]:
    """The use of `node`'s arguments (`read`: every path its reader took, consumed) and the
    target `kind` block (resource, data) of `type_` with its label."""
    return use(ctx, node, read, type_), TfBlock(kind, (type_, node.name))


def written_or(ctx: Ctx, node: N.Resource, value: _Written, default: E.Expr) -> E.Expr:
    """The value as the source writes it (its references rewritten), else `default`."""
    return ctx.rewrite(value.source, node.module) if value.source is not None else default
