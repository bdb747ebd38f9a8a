"""An aws_s3_bucket on OVH Object Storage, read for a target bucket: provider, spec, region."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.frontends import foreign
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import storage as S

from .context import Ctx
from .fitmap import region_of
from .use import Use


def unbound(node: N.Resource) -> N.Resource:
    """The node without `provider = aws.x`: that provider is removed."""
    return replace(node, meta=replace(node.meta, provider=None)) if node.meta.provider else node


def start(ctx: Ctx, node: N.Resource, tf_type: str, raw: tuple[str, ...]
          ) -> tuple[N.Provider | None, S.BucketSpec, Use]:
    """The bucket's aws provider (its region is the bucket's), its reading and its Use, the
    `raw` arguments consumed (the lowering reads them from the spec)."""
    p = foreign.aws_provider_of(ctx.model, node)
    spec = S.read_s3_bucket(ctx, node, p.arg("region") if p is not None else None)
    u = Use(ctx, node, tf_type)
    for k in raw:
        u.raw(k)
    return p, spec, u


def mapped_region(ctx: Ctx, node: N.Resource, region: E.Expr | None) -> E.Literal | None:
    """The aws provider's literal `region` (an OVH region in lower case: gra, sbg...) as the
    target's (IT306); None when it is not literal or maps to none."""
    text = E.str_value(region) if isinstance(region, E.Literal) else None
    mapped = region_of(ctx, text.upper()) if text is not None else None
    if mapped is None:
        return None
    ctx.sink.add("IT306", region.span if region else node.span,
                 f"OVH region `{text}` mapped to `{mapped}`")
    return E.Literal(mapped)
