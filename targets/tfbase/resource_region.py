"""Whether a regional resource must name its own `region`: its provider does not work there."""

from __future__ import annotations

import functools
from collections.abc import Callable

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfAttr, TfBlock
from . import readings
from .context import Ctx
from .providers import root_paths


def own_region(ctx: Ctx, module: str, mapped: E.Expr | None) -> bool:
    """True when a resource of `module` placed in `mapped` (the target region, as
    fitmap.map_region returned it) must say `region = mapped`.

    The first region a module maps becomes its default (ctx.default_region), which only
    the module's own provider block receives: a root's, or a child's that keeps an
    unaliased `provider "ovh"`. Any other child inherits its caller's provider, so its
    default region is written nowhere: a variable (var.region) or any other expression
    would be lost, and the resource would go to the provider's region. A literal is
    left to the provider when the roots work there (roots with no region of their own
    inherit the literal regions of the modules they call: tfbase/region_inherit)."""
    if mapped is None:
        return False
    default = ctx.default_region.get(module)
    if default is None or to_hcl(default) != to_hcl(mapped):
        return True  # not the module's provider region (or no provider region at all)
    if _configures_provider(ctx, module):
        return False
    if E.str_value(mapped) is None:
        return True
    # A literal child region is the inherited provider's only where the roots (whose
    # providers the child inherits) work there, or take it (region_inherit: a root with
    # no region of its own); a root placed elsewhere would take the database with it.
    return any(r is not None and to_hcl(r) != to_hcl(mapped)
               for r in (ctx.default_region.get(p) for p in root_paths(ctx)))


def _configures_provider(ctx: Ctx, module: str) -> bool:
    if module in root_paths(ctx):
        return True
    return module in readings.index(ctx, "resource_region.ovh_provider_modules", lambda: frozenset(
        m.path for m in ctx.model.modules for n in m.nodes
        if isinstance(n, N.Provider) and n.name == "ovh" and n.arg("alias") is None))


# -- the companions of a resource that names its own region ------------------------------------
Lowering = Callable[[Ctx, N.Resource], None]
_META = ("count", "for_each", "provider")


def place_first(b: TfBlock, region: E.Expr) -> None:
    """`region = ...` on `b`, after its count/for_each/provider (where readers look)."""
    b.set("region", region)
    attr = b.items.pop()
    at = 0
    while at < len(b.items) and isinstance(b.items[at], TfAttr) and \
            b.items[at].name in _META:  # type: ignore[union-attr]
        at += 1
    b.items.insert(at, attr)


def per_instance(e: E.Expr) -> bool:
    """`e` reads count.index / each.* (its blocks must repeat like the resource)."""
    return any((t := E.traversal(s)) is not None and t[0] in ("count", "each")
               for s in E.walk(e))


def _same_meta(a: N.Resource, b: N.Resource) -> bool:
    def meta(n: N.Resource) -> tuple[str, str]:
        return (to_hcl(n.meta.count) if n.meta.count is not None else "",
                to_hcl(n.meta.for_each) if n.meta.for_each is not None else "")
    return meta(a) == meta(b)


def follow(ctx: Ctx, node: N.Resource, blocks: list[TfBlock], owner: TfBlock,
           regional: frozenset[str], prefix: str, lined_up: bool = True) -> None:
    """Put `blocks` (emitted for `node`, a database or one of its parts) in the region
    `owner` (the database's block) names: each type that takes `region` gets it; a type of
    the cloud (`prefix`) that takes none is IT308, not a silent split. `lined_up`: `node`
    repeats like the database (a per-instance region reads the same instance)."""
    region = owner.get("region")
    if region is None:
        return
    where, keyed = to_hcl(region), per_instance(region)
    for b in blocks:
        if b is owner or b.type not in ("resource", "data") or not b.labels or \
                b.get("region") is not None:
            continue
        kind = b.labels[0] if b.type == "resource" else f"data.{b.labels[0]}"
        address = ".".join(b.labels) if b.type == "resource" else f"data.{'.'.join(b.labels)}"
        repeated = b.get("count") is not None or b.get("for_each") is not None
        if kind in regional and (not keyed or (lined_up and repeated)):
            place_first(b, region)
        elif kind in regional:
            ctx.sink.add("IT308", node.span, f"{address} does not repeat like "
                         f"{'.'.join(owner.labels)}, whose region ({where}) differs per "
                         "instance: it stays in the provider's region", "set its region by hand")
        elif b.labels[0].startswith(prefix):
            ctx.sink.add("IT308", node.span, f"{address} takes no region: it stays in the "
                         f"provider's region while {'.'.join(owner.labels)} is in {where}",
                         "configure a provider alias for that region and set `provider`")


def with_database(lower: Lowering, cluster_of: Callable[[Ctx, N.Resource], N.Resource | None],
                  regional: frozenset[str], prefix: str) -> Lowering:
    """`lower` (of a database or one of its parts), whose emitted blocks then follow the
    database's own region (scaffolds excepted: a module's shared lookups stay where its
    provider is; the database's lowering makes regional ones itself)."""
    @functools.wraps(lower)
    def run(ctx: Ctx, node: N.Resource) -> None:
        # The blocks this lowering emits (scaffolds are not emitted: a module's shared
        # lookups stay out). Listing them as emitted, not by comparing every file's length
        # before and after, keeps a lowering's cost its own (that was quadratic).
        outer, ctx.capture = ctx.capture, []
        try:
            lower(ctx, node)
        finally:
            new, ctx.capture = ctx.capture, outer
            if outer is not None:
                outer.extend(new)
        inst = node if node.KIND == "Database" else cluster_of(ctx, node)
        owner = ctx.primary.get(ctx.key_of(inst)) if inst is not None else None
        if inst is None or owner is None or owner.get("region") is None:
            return
        # (emitted scaffolds are the module's terraform and provider blocks: never moved)
        new = [b for b in new if b.type not in ("terraform", "provider")]
        follow(ctx, node, new, owner, regional, prefix, _same_meta(node, inst))
    return run
