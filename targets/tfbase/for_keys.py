"""Instance keys for references naming no instance (for variables, targets made per key)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import todo
from . import refs

if TYPE_CHECKING:
    from .context import Ctx


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


def rewrite_for_variable(ctx: Ctx, expr: E.ForExpr, module: str) -> E.ForExpr:
    """`{for k, c in ovh_x.y : k => c.attr}`: `c.attr` follows the rules of ovh_x.y. Over
    the instances of a repeated ovh_x.y, a rule naming a companion of the same instance
    (`scaleway_instance_ip.web_public[count.index]`: right in the instance's own blocks)
    reads the for expression's key instead, given one if it has none. Over `values(x.y)`
    the key is the map's (its position's name when the source names the position); over a
    part of one instance (`x.y[0].addresses`) `c.ip` reads `x.y[0].addresses[k].ip`."""
    inner = _values_of(expr.collection)
    t = E.traversal(inner if inner is not None else expr.collection)
    key = ctx._key_from(t, module) if t else None
    target = ctx.refmap.get(key) if key else None
    if target is None or target.self_ref is None or t is None:
        return expr  # a lookup lowered to nothing: the collection itself is reported
    node = ctx.nodes.get(key) if key else None
    if inner is not None:
        if node is None or node.meta.for_each is None or not over_instances(inner, node):
            return expr  # (values() of a part: the collection itself is rewritten)
        if expr.key_var is None:
            # a for over a map walks it in key order, as values() lists it: the same tuple
            # with the map's key at hand
            return rewrite_for_variable(ctx, E.ForExpr(
                None, expr.value_var, inner, expr.value, expr.key, expr.cond, expr.grouping,
                span=expr.span), module)
    own = own_key(node) if node is not None and (inner is not None or
                                                 over_instances(expr.collection, node)) \
        else None
    part = _part(t, node) if own is None and node is not None else None
    kv = (expr.key_var or fresh(expr)) if own is not None or part is not None else None
    by: E.Expr | None = None if kv is None else E.Var(kv)
    if inner is not None and by is not None:
        by = E.Index(E.Call("keys", (ctx.rewrite(inner, module),)), by)  # position -> key
    head: E.Expr = E.Var(expr.value_var)
    if part is not None and kv is not None:
        root, *rest = target.self_ref.split(".")
        head = E.build_traversal(root, [("attr", p) for p in rest] + part[0])
    var = expr.value_var

    def fn(e: E.Expr) -> E.Expr | None:
        tv = E.traversal(e)
        if not tv or tv[0] != var or not tv[1]:
            return None
        if part is not None and kv is not None:
            steps = [*part[1], ("index", E.Var(kv)), *tv[1]]
            out = refs.apply(target, head, steps)
        else:
            out = refs.apply(target, head, list(tv[1]),
                             f"[{to_hcl(by)}]" if by is not None else None)
        if out is None:
            ctx.sink.add("IT206", e.span, f"`{to_hcl(e)}` has no "
                         f"{ctx.target_name.upper()} equivalent")
            return todo("IT206", to_hcl(e))
        if own is not None and by is not None and not reads(e, own):
            out = swap(out, own, by)  # (a key the source wrote stays)
        return out

    def rw(e: E.Expr | None) -> E.Expr | None:
        return None if e is None else _top_down(e, fn)
    value, k, cond = rw(expr.value) or expr.value, rw(expr.key), rw(expr.cond)
    if expr.key_var is None and kv is not None and \
            not any(uses(x, kv) for x in (value, k, cond)):
        kv = None  # no rule needed the key: the expression stays as written
    return E.ForExpr(kv if expr.key_var is None else expr.key_var, expr.value_var,
                     expr.collection, value, k, cond, expr.grouping, span=expr.span)


def _values_of(collection: E.Expr) -> E.Expr | None:
    """`x` of `values(x)`, else None."""
    if isinstance(collection, E.Call) and collection.name == "values" and \
            len(collection.args) == 1 and not collection.expand_final:
        return collection.args[0]
    return None


def _part(t: tuple[str, list[E.Step]], node: N.Resource
          ) -> tuple[list[E.Step], list[E.Step]] | None:
    """(the instance keys, the attribute path) of a collection that is a part of one instance
    of `node` (`x.web[0].addresses`: ([0], [addresses])), else None."""
    steps = t[1][2:] if node.mode == "data" else t[1][1:]
    inst: list[E.Step] = []
    while steps and steps[0][0] == "index":
        inst.append(steps[0])
        steps = steps[1:]
    repeated = node.meta.count is not None or node.meta.for_each is not None
    if not steps or steps[0][0] != "attr" or any(kind == "splat" for kind, _ in steps) or \
            len(inst) != (1 if repeated else 0):
        return None
    return inst, steps


def _top_down(e: E.Expr, fn: Callable[[E.Expr], E.Expr | None]) -> E.Expr:
    """Replace the outermost sub-expressions `fn` accepts (whole traversals, not their parts)."""
    out = fn(e)
    if out is not None:
        return out
    return E.transform_children(e, lambda c: _top_down(c, fn))


def all_instances(ctx: Ctx, expr: E.Expr, target: refs.RefTarget, head: E.Expr,
                  after: list[E.Step]) -> E.Expr | None:
    """A reference naming no instance of a target repeated where the source is written
    once (`openstack_networking_router_v2.spoke.id`, the router made per VPC): the one
    instance when the repetition is written with one key, else every instance (a map by
    key, a list under count), which is not the one value the source read (IT301)."""
    like = target.made_per
    assert like is not None
    one = single_key(like)
    if one is not None:
        return refs.apply(target, E.Index(head, one), after, f"[{to_hcl(one)}]")
    value = refs.apply(target, E.Var("r"), after, "[k]")
    if value is None:
        return None
    counted = like.meta.count is not None
    kind = "a list of" if counted else "a map from each instance key to"
    ctx.sink.add("IT301", expr.span, f"`{to_hcl(expr)}` reads one value; the translation "
                  f"makes `{to_hcl(head)}` per instance of {like.address}, so it reads "
                  f"{kind} that value: a reader of it needs an instance key now",
                  "read one instance where the module has one")
    return E.ForExpr("k", "r", head, value, None if counted else E.Var("k"))
