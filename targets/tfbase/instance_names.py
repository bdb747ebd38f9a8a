"""A literal cloud name inside a module that is instantiated more than once (IT308)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .context import Ctx


def warn_repeated(ctx: Ctx, node: N.Resource, type_: str, name: E.Expr | None, rule: str,
                  where: E.Expr | None = None) -> None:
    """An IT308 at `node` when its target `name` is a fixed text and its module has several
    instances: `rule` says where the cloud wants the name unique ("GCP names are unique per
    project"), so every instance after the first fails at create. Only the caller knows an
    instance key, hence a diagnostic rather than a rewritten name. `where` is what scopes the
    name (a zone, a region, a resource group): when it is not a fixed text the instances may
    be placed apart (a value passed per call), and nothing is said."""
    text = fixed_text(name)
    if text is None or node.meta.count is not None or node.meta.for_each is not None:
        return  # (a resource's own repetition is the naming pass's and lowering's concern)
    if where is not None and fixed_text(where) is None:
        return
    why = repeats(ctx, node.module, 0)
    if why is None:
        return
    ctx.sink.add("IT308", node.span, f"{type_} of {node.address} is named `{text}`, the same "
                 f"in every instance of module `{node.module}` ({why}): {rule}, so the "
                 "second instance fails at create",
                 "add a name prefix variable to the module, use it in this name and pass a "
                 "distinct value from each call (with each.key or count.index)")


def repeats(ctx: Ctx, module: str, depth: int) -> str | None:
    """Why `module` has more than one instance (several calls, a counted or for_each call,
    a caller that repeats), or None."""
    calls = ctx.by_module.calls_of.get(module, [])
    if len(calls) > 1:
        return f"called by {len(calls)} module blocks"
    if depth > 8:  # (a module cycle is rejected elsewhere; do not loop on one)
        return None
    for caller, call in calls:
        if _several(call.arg("count"), count=True) or _several(call.arg("for_each")):
            arg = "count" if call.arg("count") is not None else "for_each"
            return f"module.{call.name} has `{arg}`"
        up = repeats(ctx, caller, depth + 1) if caller else None
        if up is not None:
            return f"its caller `{caller}` repeats: {up}"
    return None


def _several(e: E.Expr | None, count: bool = False) -> bool:
    """The count/for_each may give more than one instance: not when it is a literal 0/1 (or
    a conditional between such), nor a literal collection of at most one element (converted
    with toset/tolist/tomap or not)."""
    if e is None:
        return False
    if isinstance(e, E.Call) and e.name in ("toset", "tolist", "tomap") and len(e.args) == 1 \
            and not e.expand_final:
        return _several(e.args[0], count)  # (`toset(["sbg"])`: one key)
    if isinstance(e, E.Conditional):
        return _several(e.then, count) or _several(e.other, count)
    if count and isinstance(e, E.Literal):
        return not (isinstance(e.value, int) and e.value <= 1)
    if not count and isinstance(e, (E.Tuple, E.Object)):
        return len(e.items) > 1
    if not count and isinstance(e, E.Literal) and e.value is None:
        return False
    return True


def fixed_text(e: E.Expr | None) -> str | None:
    """The text of a name with no interpolation (a literal, or a template of text only)."""
    if isinstance(e, E.Literal) and isinstance(e.value, str):
        return e.value
    if isinstance(e, E.Template) and all(isinstance(p, str) for p in e.parts):
        return "".join(p for p in e.parts if isinstance(p, str))
    return None
