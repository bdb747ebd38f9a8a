"""Instance keys of repeated networks: the key a reference takes, carried to the target's blocks."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.ir import walks as W
from iac_translate.compiler.span import Span

from .context import Ctx


def repeats(node: N.Resource) -> bool:
    """`node` is written with count or for_each: a reference to it needs an instance key."""
    return node.meta.count is not None or node.meta.for_each is not None


def index_in(ref: E.Expr | None, target: N.Resource) -> E.Expr | None:
    """The index `ref` puts right after `target`'s name (`x.lans[each.key].id`: each.key),
    None if it names `target` without one (or not at all)."""
    if ref is None:
        return None
    at = 2 if target.mode == "data" else 1
    for root, steps in W.outer_traversals(ref):
        if target.mode == "data":
            head = root == "data" and len(steps) > 1 and steps[0] == ("attr", target.type) \
                and steps[1] == ("attr", target.name)
        else:
            head = root == target.type and bool(steps) and steps[0] == ("attr", target.name)
        if head and len(steps) > at and steps[at][0] == "index":
            key = steps[at][1]
            return key if isinstance(key, E.Expr) else None
    return None


def head_key(head: E.Expr) -> E.Expr | None:
    """The instance key of a rewritten head (`scaleway_vpc.lans[each.key]`: each.key)."""
    return head.key if isinstance(head, E.Index) else None


def at(address: str, key: E.Expr | None, attr: str) -> E.Expr:
    """`address[key].attr` (`address.attr` without a key)."""
    base = E.ref(address)
    return E.GetAttr(E.Index(base, key) if key is not None else base, attr)


def first_of(address: str, node: N.Resource, attr: str) -> E.Expr:
    """`attr` of one instance of the repeated `node` written as `address`: `[0]` of a
    count, the first by key of a for_each (`values(x)[0]`); `address.attr` if it is one."""
    if node.meta.count is not None:
        return at(address, E.Literal(0, "0"), attr)
    if node.meta.for_each is not None:
        return E.GetAttr(E.Index(E.Call("values", (E.ref(address),)), E.Literal(0, "0")), attr)
    return E.ref(f"{address}.{attr}")


def key_for(ctx: Ctx, node: N.Resource, ref: E.Expr | None, target: N.Resource,
            span: Span | None, what: str) -> tuple[E.Expr | None, bool]:
    """(the instance key `node`'s blocks read `target`'s with, True) from `ref`, the reference
    of `node` to `target`: its index rewritten; (None, True) when `target` does not repeat;
    (None, False) when it repeats and `ref` gives no key: IT308, the caller reads one instance
    (`first_of`) or the same instance when `node` repeats the same way (its own key)."""
    if not repeats(target):
        return None, True
    key = index_in(ref, target)
    if key is not None:
        return ctx.rewrite(key, node.module), True
    same = (node.meta.count is not None and target.meta.count is not None) or \
        (node.meta.for_each is not None and target.meta.for_each is not None)
    if same:
        own = E.ref("count.index" if node.meta.count is not None else "each.key")
        ctx.sink.add("IT308", span or node.span, f"{node.address} names {target.address}, "
                     f"which is written with count or for_each, without an instance key: "
                     f"{what} is read from the instance of the same key",
                     f"index the reference ({target.address}[...]) to choose the instance")
        return own, True
    ctx.sink.add("IT308", span or node.span, f"{node.address} names {target.address}, which "
                 "is written with count or for_each, without an instance key: "
                 f"{what} is read from its first instance",
                 f"index the reference ({target.address}[...]) to choose the instance")
    return None, False


def parallel(sub: N.Resource, ref: E.Expr | None, net: N.Resource) -> bool:
    """`sub` reads, through `ref`, the instance of `net` of its own key (`net[each.key]` in
    a for_each beside a for_each, `net[count.index]` in a count beside a count)."""
    key = index_in(ref, net)
    text = to_hcl(key) if key is not None else None
    return (text == "each.key" and sub.meta.for_each is not None and
            net.meta.for_each is not None) or \
        (text == "count.index" and sub.meta.count is not None and net.meta.count is not None)


def of_network(sub: N.Resource, sub_ref: E.Expr | None, net: N.Resource,
               key: E.Expr | None, address: str, attr: str) -> E.Expr:
    """`attr` of `address` (a block repeated like subnet `sub`, whose reference to `net` is
    `sub_ref`) for instance `key` of `net`: the subnet of the same key where it repeats
    beside the network, its first instance where it repeats otherwise."""
    if not repeats(sub):
        return E.ref(f"{address}.{attr}")
    if key is not None and parallel(sub, sub_ref, net):
        return at(address, key, attr)
    return first_of(address, sub, attr)


def _fixed(key: E.Expr) -> bool:
    """A key that means the same wherever it is read (no each.*, count.*, self)."""
    return not any(root in ("each", "count", "self") for root, _ in W.outer_traversals(key))


def via(ctx: Ctx, sub: N.Resource, ref: E.Expr | None, net: N.Resource,
        sub_key: E.Expr | None, address: str, attr: str) -> E.Expr:
    """`attr` of `address` (a block repeated like `net`) for the instance of `sub` of key
    `sub_key`, read from another block: the same key where `sub` names `net` in parallel,
    the key `ref` names if it is fixed, else the first instance (`first_of`)."""
    if not repeats(net):
        return E.ref(f"{address}.{attr}")
    if sub_key is not None and parallel(sub, ref, net):
        return at(address, sub_key, attr)
    key = index_in(ref, net)
    if key is not None and _fixed(key):
        return at(address, ctx.rewrite(key, sub.module), attr)
    return first_of(address, net, attr)


def with_steps(base: E.Expr, rest: list[E.Step]) -> E.Expr:
    """`base` followed by the steps a reference reads after the matched attribute."""
    for kind, arg in rest:
        if kind == "attr":
            base = E.GetAttr(base, str(arg))
        elif kind == "index" and isinstance(arg, E.Expr):
            base = E.Index(base, arg)
        else:
            base = E.Splat(base, bool(arg))
    return base
