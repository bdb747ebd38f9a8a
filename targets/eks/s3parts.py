"""EKS helpers for S3 bucket settings: the storage table, the region, one resource per setting."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import companions, dbpassword
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from . import common as C


def table() -> Mapping[str, Any]:
    """eks/storage.json: the storage and registry decisions (IAM, Harbor, S3 settings)."""
    return companions.table("eks/storage.json")


def region_arg(ctx: Ctx, node: N.Resource, expr: E.Expr | None) -> E.Expr | None:
    """The AWS region of a resource, or None when it is the provider's (the module's first
    region, which the provider block takes): AWS 6.x resources take `region` themselves."""
    if expr is None:
        return None
    mapped = C.map_region(ctx, node, expr)
    default = ctx.default_region.get(node.module)
    if mapped is None or (default is not None and to_hcl(default) == to_hcl(mapped)):
        return None
    return mapped


def part(ctx: Ctx, node: N.Resource, type_: str, ref: E.Expr, comment: str = "",
         bucket: N.Resource | None = None) -> TfBlock:
    """A bucket setting resource (S3 keeps each setting in its own resource), in the region
    of its bucket (`bucket`, else `node`) when that is not the provider's."""
    b = TfBlock("resource", (type_, node.name), comments=[comment] if comment else [])
    b.set("bucket", ref)
    b.set("region", bucket_region(ctx, bucket or node))
    return dbpassword.side(ctx, node, b)


def bucket_region(ctx: Ctx, bucket: N.Resource) -> E.Expr | None:
    owner = ctx.primary.get(ctx.key_of(bucket))
    return owner.get("region") if owner is not None else None


def companion(ctx: Ctx, node: N.Resource, name: str, params: companions.Params) -> TfBlock:
    """The one block of companion set `name` (eks/storage.json), with `node`'s meta."""
    b, = companions.build(ctx, table()["companions"], name, node, params)
    P.emit_meta(ctx, b, node, {})
    return b
