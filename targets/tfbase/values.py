"""Mapping of OVH vocabulary (regions, zones, flavors) inside expressions, following variables."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import todo
from .context import Ctx

# role -> (unknown-value code, human name)
ROLE_CODES = {"region": ("IT304", "region"), "zone": ("IT304", "availability zone"),
              "flavor": ("IT303", "flavor")}

Mapper = Callable[[str], str | None]


def map_leaves(expr: E.Expr, mapper: Mapper, ctx: Ctx, role: str, strict: bool) -> E.Expr:
    """Replace string literals that are OVH `role` values by `mapper(value)`.

    With `strict`, an unknown literal is an error-level placeholder (the value is used directly
    as a region/flavor); otherwise unknown strings are left alone (variable defaults may hold
    other data next to the mapped values).
    """
    code, what = ROLE_CODES[role]

    def fn(node: E.Expr) -> E.Expr | None:
        value = E.str_value(node) if isinstance(node, E.Literal) else None
        if value is None:
            return None
        mapped = mapper(value)
        if mapped is not None:
            if mapped != value:
                ctx.sink.add("IT306", node.span, f"OVH {what} `{value}` mapped to `{mapped}`")
            return E.Literal(mapped, span=node.span)
        if strict:
            ctx.sink.add(code, node.span, f"unknown OVH {what} `{value}`",
                         "add it with --mapping or replace the TODO placeholder")
            return todo(code, f"{what} {value}")
        return None

    return E.transform(expr, fn)


def map_value(expr: E.Expr | None, node: N.Resource, ctx: Ctx, role: str,
              mapper: Mapper) -> E.Expr | None:
    """Map a region/zone/flavor-valued argument: literals now, variables/locals via roles."""
    if expr is None:
        return None
    ctx.roles_from(expr, node.module, role)
    if node.meta.for_each is not None and any(
            (t := E.traversal(sub)) and t[0] == "each" for sub in E.walk(expr)):
        ctx.roles_from(node.meta.for_each, node.module, role)
    literal_only = E.str_value(expr) is not None
    mapped = map_leaves(expr, mapper, ctx, role, strict=literal_only)
    result = ctx.rewrite(mapped, node.module)
    if not literal_only and not _all_followable(result):
        code, what = ROLE_CODES[role]
        ctx.sink.add("IT309", expr.span, f"the {what} of {node.address} is computed; "
                     f"it is kept as written and must hold a target {what}")
    return result


def _all_followable(expr: E.Expr) -> bool:
    """True when every reference is a var/local/each (mapped at its definition) or already a
    reference to a translated target resource."""
    for sub in E.walk(expr):
        t = E.traversal(sub)
        if t is None or t[0] in ("var", "local", "each", "count"):
            continue
        if t[0] == "module" or t[0].startswith("ovh_") or (
                t[0] == "data" and t[1] and str(t[1][0][1]).startswith("ovh_")):
            return False
    return True


def literal_str(expr: E.Expr | None, node: N.Resource, ctx: Ctx) -> str | None:
    """A literal value, or the literal default of a directly referenced variable."""
    if expr is None:
        return None
    s = E.str_value(expr)
    if s is not None:
        return s
    t = E.traversal(expr)
    if t and t[0] == "var" and len(t[1]) == 1 and t[1][0][0] == "attr":
        var = find_variable(ctx, node.module, str(t[1][0][1]))
        if var is not None:
            return E.str_value(var.arg("default"))
    return None


def find_variable(ctx: Ctx, module: str, name: str) -> N.Variable | None:
    for m in ctx.model.modules:
        if m.path == module:
            for n in m.nodes:
                if isinstance(n, N.Variable) and n.name == name:
                    return n
    return None
