"""Instance keys of references that name no instance: a for variable over a repeated resource,
a target repeated where its source is written once."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N


def own_key(node: N.Resource | None) -> tuple[str, str] | None:
    """The reference a block repeated like `node` names its instance by (`count.index`)."""
    if node is None:
        return None
    if node.meta.count is not None:
        return ("count", "index")
    if node.meta.for_each is not None:
        return ("each", "key")
    return None


def reads(expr: E.Expr, key: tuple[str, str]) -> bool:
    """`expr` reads `key` (`count.index`) somewhere."""
    return any(_is(e, key) for e in E.walk(expr))


def _is(e: E.Expr, key: tuple[str, str]) -> bool:
    t = E.traversal(e)
    return t is not None and len(t[1]) == 1 and (t[0], t[1][0][1]) == key


def swap(expr: E.Expr, key: tuple[str, str], by: E.Expr) -> E.Expr:
    """`expr` with each `key` (`count.index` a rule wrote for the instance's companion) read
    as `by` (the for expression's key variable)."""
    return E.transform(expr, lambda e: by if _is(e, key) else None)


def fresh(expr: E.Expr, base: str = "k") -> str:
    """A variable name `expr` does not use (so a new for key shadows nothing it reads)."""
    used = {e.name for e in E.walk(expr) if isinstance(e, E.Var)}
    used |= {n for e in E.walk(expr) if isinstance(e, E.ForExpr)
             for n in (e.key_var, e.value_var) if n}
    name, i = base, 2
    while name in used:
        name, i = f"{base}{i}", i + 1
    return name


def uses(expr: E.Expr | None, name: str) -> bool:
    return expr is not None and any(isinstance(e, E.Var) and e.name == name
                                    for e in E.walk(expr))


def over_instances(collection: E.Expr, node: N.Resource) -> bool:
    """`collection` is every instance of `node` (`x.web`, `x.web[*]`), not a part of one."""
    t = E.traversal(collection)
    if t is None:
        return False
    steps = t[1][1:] if node.mode == "data" else t[1]
    return bool(steps) and steps[0] == ("attr", node.name) and \
        all(kind == "splat" for kind, _ in steps[1:])


def single_key(node: N.Resource) -> E.Expr | None:
    """The one instance key of `node` when its repetition is written with one
    (`count = 1`, `for_each = { app = ... }`, `toset(["a"])`), else None."""
    count, each = node.meta.count, node.meta.for_each
    if count is not None:
        return E.Literal(0, "0") if isinstance(count, E.Literal) and count.value == 1 else None
    if isinstance(each, E.Call) and each.name == "toset" and len(each.args) == 1:
        each = each.args[0]
    if isinstance(each, E.Object) and len(each.items) == 1:
        name = E.key_name(each.items[0][0])
        return E.Literal(name) if name is not None else None
    if isinstance(each, E.Tuple) and len(each.items) == 1 and \
            isinstance(each.items[0], E.Literal) and isinstance(each.items[0].value, str):
        return each.items[0]
    return None
