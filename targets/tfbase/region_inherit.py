"""The default region of a module whose own resources name none, from the modules it calls."""

from __future__ import annotations

from collections.abc import Iterator

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx


def local_calls(ctx: Ctx, module: str) -> Iterator[N.ModuleCall]:
    """Every call of a local module below `module`, nearest first (each called module is
    walked once, every call of it is yielded)."""
    seen, queue = {module}, [module]
    while queue:
        path = queue.pop(0)
        for m in ctx.model.modules:
            for n in m.nodes if m.path == path else ():
                if isinstance(n, N.ModuleCall) and n.local_path is not None:
                    yield n
                    if n.local_path not in seen:
                        seen.add(n.local_path)
                        queue.append(n.local_path)


def inherit_region(ctx: Ctx, module: str) -> None:
    """A module whose own resources name no region configures the provider its called
    modules inherit: regional resources take the provider's region, so it is the first
    literal region those modules map (nearest call first)."""
    if module in ctx.default_region:
        return
    for call in local_calls(ctx, module):
        text = E.str_value(ctx.default_region.get(call.local_path or ""))
        if text is not None:
            ctx.default_region[module] = E.Literal(text)
            return
