"""Walks of expression trees that filter as they go: nodes of given kinds, traversals."""

from __future__ import annotations

from collections.abc import Iterator

from . import expr as E

# (Reads expr's per-class child fields and child lists: the same walk as E.walk, filtered.)


def walk_only(expr: E.Expr, kinds: type | tuple[type, ...]) -> list[E.Expr]:
    """The nodes of walk(expr) that are `kinds`, in walk order, as a list: the passes that
    look for literals or templates in every emitted value skip the other nodes without
    resuming a generator for each."""
    out: list[E.Expr] = []
    stack = [expr]
    pop, extend, keep = stack.pop, stack.extend, out.append
    leaf, fast, generic = E._EXPR_FIELDS.get, E._FAST_KIDS.get, E._generic_kids
    while stack:
        node = pop()
        if isinstance(node, kinds):
            keep(node)
        cls = node.__class__
        if leaf(cls) == ():
            continue
        f = fast(cls)
        kids = f(node) if f is not None else generic(node)
        kids.reverse()
        extend(kids)
    return out


def traversals(expr: E.Expr) -> Iterator[tuple[E.Expr, tuple[str, list[E.Step]]]]:
    """(node, traversal(node)) for every node of walk(expr) that is a traversal, in walk
    order. A chain `a.b[0].c` is split once, not again at each of its levels (the passes
    that look for references asked `traversal` of every node)."""
    return _chains(expr, True)


def outer_traversals(expr: E.Expr) -> Iterator[tuple[str, list[E.Step]]]:
    """traversal(node) of each outermost traversal of walk(expr), in walk order: what
    `traversals` yields without the prefixes of each chain (`a.b` of `a.b.c`), for the
    passes that read only a chain's root and first steps, which its prefixes repeat."""
    return (t for _, t in _chains(expr, False))


def _chains(expr: E.Expr, prefixes: bool
            ) -> Iterator[tuple[E.Expr, tuple[str, list[E.Step]]]]:
    stack = [expr]
    pop, extend = stack.pop, stack.extend
    leaf, fast, generic = E._EXPR_FIELDS.get, E._FAST_KIDS.get, E._generic_kids
    while stack:
        node = pop()
        cls = node.__class__
        if cls in _CHAIN:
            t = E.traversal(node)
            if t is not None:
                root, steps = t
                yield node, t
                keys: list[E.Expr] = []
                cur = node
                for k in range(len(steps) - 1, -1, -1):  # the levels below: prefixes of it
                    if cur.__class__ is E.Index:
                        keys.append(cur.key)
                    cur = cur.obj  # type: ignore[attr-defined]
                    if prefixes:
                        yield cur, (root, steps[:k])
                extend(keys)  # the innermost key comes first in walk order
                continue
        if leaf(cls) == ():
            continue
        f = fast(cls)
        kids = f(node) if f is not None else generic(node)
        kids.reverse()
        extend(kids)


_CHAIN = (E.Var, E.GetAttr, E.Index, E.Splat)
