"""The default region of a module whose own resources name none, from the modules it calls."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx


def inherit_region(ctx: Ctx, module: str) -> None:
    """A module whose own resources name no region configures the provider its called
    modules inherit: regional resources take the provider's region, so it is the first
    literal region those modules map (nearest call first)."""
    if module in ctx.default_region:
        return
    seen, queue = {module}, [module]
    while queue:
        path = queue.pop(0)
        for m in ctx.model.modules:
            for n in m.nodes if m.path == path else ():
                child = n.local_path if isinstance(n, N.ModuleCall) else None
                if child is None or child in seen:
                    continue
                text = E.str_value(ctx.default_region.get(child))
                if text is not None:
                    ctx.default_region[module] = E.Literal(text)
                    return
                seen.add(child)
                queue.append(child)
