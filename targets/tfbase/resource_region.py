"""Whether a regional resource must name its own `region`: its provider does not work there."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

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
    still left to the provider: roots inherit the literal regions of the modules they
    call (tfbase/region_inherit)."""
    if mapped is None:
        return False
    default = ctx.default_region.get(module)
    if default is None or to_hcl(default) != to_hcl(mapped):
        return True  # not the module's provider region (or no provider region at all)
    return E.str_value(mapped) is None and not _configures_provider(ctx, module)


def _configures_provider(ctx: Ctx, module: str) -> bool:
    if module in root_paths(ctx):
        return True
    return any(isinstance(n, N.Provider) and n.name == "ovh" and n.arg("alias") is None
               for m in ctx.model.modules if m.path == module for n in m.nodes)
