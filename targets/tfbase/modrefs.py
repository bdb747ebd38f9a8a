"""Follow a reference across module boundaries: `var.x` to the callers, `module.m.y` inside."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx

_DEPTH = 8  # module nesting seen in real code is 2-3; this bounds call cycles


def resolve_across(ctx: Ctx, expr: E.Expr | None, module: str,
                   depth: int = 0) -> N.Resource | None:
    """The source resource `expr` reads, through module inputs (`var.x` is the argument `x`
    of the calls of this module), outputs (`module.m.y` is output `y` of module `m`) and
    locals.  The result may live in another module: use its name only for facts (which
    subnet, which ranges), never to write a reference across modules."""
    if expr is None or depth > _DEPTH:
        return None
    direct = ctx.resolve(expr, module)
    if direct is not None:
        return direct
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if not t or not t[1] or t[1][0][0] != "attr":
            continue
        root, name = t[0], str(t[1][0][1])
        found = None
        if root == "var":
            found = _from_callers(ctx, module, name, depth)
        elif root == "module" and len(t[1]) > 1 and t[1][1][0] == "attr":
            found = _from_output(ctx, module, name, str(t[1][1][1]), depth)
        elif root == "local":
            found = next((r for n in _nodes(ctx, module, N.Locals)
                          if (r := resolve_across(ctx, n.arg(name), module, depth + 1))), None)
        if found is not None:
            return found
    return None


def _nodes(ctx: Ctx, module: str, kind: type[N.Node]) -> list[N.Node]:
    return ctx.by_module.of_kind(module, kind)


def _from_callers(ctx: Ctx, module: str, name: str, depth: int) -> N.Resource | None:
    for caller, c in ctx.by_module.calls_of.get(module, []):
        found = resolve_across(ctx, c.arg(name), caller, depth + 1)
        if found is not None:
            return found
    return None


def _from_output(ctx: Ctx, module: str, call_name: str, output: str,
                 depth: int) -> N.Resource | None:
    for c in _nodes(ctx, module, N.ModuleCall):
        if isinstance(c, N.ModuleCall) and c.name == call_name and c.local_path is not None:
            for o in _nodes(ctx, c.local_path, N.Output):
                if isinstance(o, N.Output) and o.name == output:
                    return resolve_across(ctx, o.arg("value"), c.local_path, depth + 1)
    return None
