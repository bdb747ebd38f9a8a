"""The region a root's resource group takes from the region its module calls pass."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx
from ..tfbase.fitmap import region_of, unavailable_region
from ..tfbase.region_inherit import local_calls
from ..tfbase.values import find_variable
from . import common as C


def _passed(ctx: Ctx, call: N.ModuleCall, child: str) -> tuple[str, str] | None:
    """(OVH code, how it was found) of the region `call` gives the child, whose resources are
    where `var.X` says (its first region): the call's literal X, or the literal default of
    the caller's variable that X reads; None when the call passes anything else."""
    own = ctx.default_region.get(child)
    t = E.traversal(own) if own is not None else None
    if not (t and t[0] == "var" and len(t[1]) == 1 and t[1][0][0] == "attr"):
        return None
    name = str(t[1][0][1])
    arg = call.arg(name)
    text = E.str_value(arg)
    if text is not None:
        return text, f"`{name}` of module.{call.name}"
    at = E.traversal(arg) if arg is not None else None
    if not (at and at[0] == "var" and len(at[1]) == 1 and at[1][0][0] == "attr"):
        return None
    var = find_variable(ctx, call.module, str(at[1][0][1]))
    default = E.str_value(var.arg("default")) if var is not None else None
    if default is None:
        return None
    return default, f"the default of var.{at[1][0][1]}, passed as `{name}` to module.{call.name}"


def call_region(ctx: Ctx, root: str) -> str | None:
    """The Azure region of the first region `root`'s calls pass to local child modules
    (nearest call first; a child's own literal region is region_inherit's); IT301 says
    where it came from, and which other regions the calls pass."""
    found: list[tuple[str, str, N.ModuleCall]] = []
    for n in local_calls(ctx, root):
        passed = _passed(ctx, n, n.local_path or "")
        # (an OVH region the target refuses, IT364 where it is used, is no default)
        if passed and region_of(ctx, passed[0]) and not unavailable_region(ctx, passed[0]):
            found.append((passed[0], passed[1], n))
    if not found:
        return None
    code, how, call = found[0]
    region = region_of(ctx, code)
    others = sorted({c for c, _, _ in found[1:] if region_of(ctx, c) != region})
    also = f"; the calls also pass {', '.join(f'`{o}`' for o in others)}" if others else ""
    ctx.sink.add("IT301", call.span, f"the resource group of {root or 'the root module'} is "
                 f"in {region}, nearest the OVH region `{code}` ({how}){also}",
                 "its resources keep their own location; set "
                 f"{C.group_variables(ctx, root)[1]} to "
                 "move the group")
    return region
