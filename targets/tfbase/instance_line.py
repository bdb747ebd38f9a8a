"""Instances lined up across resources: a reference read under one count/for_each, keyed."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N


def repeats(node: N.Resource | None) -> bool:
    """`node` has count or for_each."""
    return node is not None and (node.meta.count is not None or node.meta.for_each is not None)


def own_key(node: N.Resource) -> E.Expr | None:
    """`each.key` / `count.index` of a repeated resource (None: one instance)."""
    if node.meta.for_each is not None:
        return E.ref("each.key")
    if node.meta.count is not None:
        return E.ref("count.index")
    return None


def alike(a: N.Resource, b: N.Resource) -> bool:
    """Both repeat over the same count or for_each expression (the same instances)."""
    for x, y in ((a.meta.count, b.meta.count), (a.meta.for_each, b.meta.for_each)):
        if x is not None and y is not None and to_hcl(x) == to_hcl(y):
            return True
    return False


def per_instance(e: E.Expr | None) -> bool:
    """`e` reads each.* or count.* (valid only in a block that repeats)."""
    return e is not None and any((t := E.traversal(s)) is not None and t[0] in ("each", "count")
                                 for s in E.walk(e))


def index_of(ref: E.Expr | None) -> E.Expr | None:
    """The index right after `type.name` in a resource reference (`x.y[each.key].id`)."""
    t = E.traversal(ref) if ref is not None else None
    if t is None:
        return None
    steps = t[1][2:] if t[0] == "data" else t[1][1:]
    if steps and steps[0][0] == "index" and isinstance(steps[0][1], E.Expr):
        return steps[0][1]
    return None


def lined_up(holder: N.Resource, ref: E.Expr | None, target: N.Resource) -> bool:
    """`ref` (read in `holder`) names `target`'s instance of the same key: both repeat alike
    and the index is the holder's own key (`subnet[each.key]` read under the same for_each)."""
    key, at = own_key(holder), index_of(ref)
    return key is not None and at is not None and alike(holder, target) and \
        to_hcl(key) == to_hcl(at)


def keyed_as(ref: E.Expr | None, type_: str, label: str, attr: str) -> E.Expr:
    """`type.label<the index of ref>.attr`: a companion of the resource `ref` names, with the
    same instance key as `ref` wrote (none when it wrote none)."""
    key = index_of(ref)
    head = E.ref(f"{type_}.{label}")
    return E.GetAttr(E.Index(head, key) if key is not None else head, attr)


def as_iterator(e: E.Expr, name: str) -> E.Expr:
    """`e` with each.key/each.value/count.index read from a dynamic block's iterator `name`
    (its for_each is dynamic_over's: count's indexes are the iterator's values)."""
    def fn(x: E.Expr) -> E.Expr | None:
        t = E.traversal(x)
        if t is None or not t[1] or t[1][0][0] != "attr":
            return None
        if t[0] == "each" and t[1][0][1] in ("key", "value"):
            return E.build_traversal(name, list(t[1]), x.span)
        if t[0] == "count" and t[1][0][1] == "index":
            return E.build_traversal(name, [("attr", "value"), *t[1][1:]], x.span)
        return None
    return E.transform(e, fn)


def dynamic_over(node: N.Resource) -> E.Expr | None:
    """What a dynamic block iterates to visit `node`'s instances: its for_each, or
    range(count)."""
    if node.meta.for_each is not None:
        return node.meta.for_each
    if node.meta.count is not None:
        return E.Call("range", (node.meta.count,))
    return None
