"""Whether a value a module is given may be null, read from its variable's declaration."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E

from .context import Ctx
from .values import find_variable


def may_be_null(ctx: Ctx, module: str, expr: E.Expr) -> bool:
    """False only for `var.x` itself when Terraform makes its callers give a value: no
    default (or a non-null one), or `nullable = false`. An attribute of a variable's value
    may be null even where its object type requires it (`{ network_id = null }` is a valid
    `object({ network_id = string })`), and so may anything this does not read."""
    t = E.traversal(E.unwrap(expr))
    if t is None or t[0] != "var" or len(t[1]) != 1 or t[1][0][0] != "attr":
        return True
    var = find_variable(ctx, module, str(t[1][0][1]))
    if var is None:
        return True
    if _is_literal(var.arg("nullable"), False):
        return False
    default = var.arg("default")
    return default is not None and _is_literal(default, None)


def _is_literal(e: E.Expr | None, value: object) -> bool:
    e = E.unwrap(e) if e is not None else None
    return isinstance(e, E.Literal) and e.value is value
