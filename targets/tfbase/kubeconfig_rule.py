"""The `kubeconfig` of a counted or for_each cluster: one per instance, read with its key."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

Rule = Callable[[E.Expr, list[E.Step]], E.Expr | None]


def repeated(node: N.Resource) -> bool:
    return node.meta.count is not None or node.meta.for_each is not None


def per_instance(node: N.Resource, local: str,
                 in_place: Callable[[E.Expr], E.Expr | None]) -> Rule:
    """`x[0].kubeconfig` / `x["a"].kubeconfig` read `local.<local>[0]` / `["a"]` (a list for
    count, a map by key for for_each); `x[*].kubeconfig` of a counted one is the list;
    `c.kubeconfig` in a for expression over the clusters is built there (`in_place(c)`).
    Anything else (a for_each splat, no key) has no rule: None."""
    each = node.meta.for_each is not None

    def rule(head: E.Expr, rest: list[E.Step]) -> E.Expr | None:
        if isinstance(head, E.Index):
            key: list[E.Step] = [("index", head.key)]
        elif isinstance(head, E.Splat) and not each:
            key = []
        elif isinstance(head, E.Var) and not rest:
            return in_place(head)
        else:
            return None
        return E.build_traversal("local", [("attr", local), *key, *rest])
    return rule
