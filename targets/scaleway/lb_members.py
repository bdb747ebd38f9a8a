"""The address of a load balancer member that names one instance of a repeated server."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx


def member_address(ctx: Ctx, node: N.Resource, expr: E.Expr) -> E.Expr:
    """`expr` (a member's address) as the target reads it, addressing the instance the source
    names: `ovh_cloud_project_instance.dns[1].addresses[0].ip` is the public IP of instance 1.
    A rule reading another resource of the instance (its scaleway_instance_ip) writes the
    server's own key (`[count.index]`), right inside the server's companions and refused in
    the backend, which does not repeat (Terraform: count.index outside a counted block)."""
    out = ctx.rewrite(expr, node.module)
    target = ctx.resolve(expr, node.module)
    key = _written_key(expr, target)
    if target is None or key is None or _reads_instance(key):
        # (a key reading count.index/each is the backend's own: it repeats like that)
        return out
    own = ("count", "index") if target.meta.count is not None else ("each", "key")

    def swap(e: E.Expr) -> E.Expr | None:
        t = E.traversal(e)
        return key if t is not None and (t[0], *(s[1] for s in t[1])) == own else None
    return E.transform(out, swap)


def _written_key(expr: E.Expr, target: N.Resource | None) -> E.Expr | None:
    """The instance key written after `type.label` in `expr`, when `target` repeats."""
    if target is None or (target.meta.count is None and target.meta.for_each is None):
        return None
    t = E.traversal(expr)
    if t is None or len(t[1]) < 2 or t[1][0] != ("attr", target.name) or \
            t[1][1][0] != "index" or not isinstance(t[1][1][1], E.Expr):
        return None
    return t[1][1][1]


def _reads_instance(key: E.Expr) -> bool:
    for e in E.walk(key):
        t = E.traversal(e)
        if t is not None and t[0] in ("count", "each"):
            return True
    return False


def members_from(ctx: Ctx, node: N.Resource, expr: E.Expr) -> E.Expr:
    """A members expression (`[for i in ovh_cloud_project_instance.dns : {address =
    i.addresses[0].ip}]`) as the target reads it: a rule writing the iterated server's own
    key (`scaleway_instance_ip.dns_public[count.index]`) reads the for expression's key
    instead (`[for k, i in scaleway_instance_server.dns : ...dns_public[k]...]`)."""
    out = ctx.rewrite(expr, node.module)
    src, got = _for_exprs(expr), _for_exprs(out)
    if not src or len(src) != len(got):
        return out  # (not matched one to one: left as written, the self-check says so)
    owns: list[tuple[str, str] | None] = []
    for s in src:
        target = ctx.resolve(s.collection, node.module)
        repeated = target is not None and not _reads_instance(s.value) and \
            (target.meta.count is not None or target.meta.for_each is not None)
        owns.append(None if not repeated or target is None else ("count", "index")
                    if target.meta.count is not None else ("each", "key"))
    seen = [0]

    def fix(e: E.Expr) -> E.Expr | None:
        if not isinstance(e, E.ForExpr):
            return None
        own = owns[seen[0]]
        seen[0] += 1
        key = e.key_var or "k"

        def swap(x: E.Expr) -> E.Expr | None:
            t = E.traversal(x)
            return E.Var(key) if t is not None and (t[0], *(y[1] for y in t[1])) == own \
                else None
        value = E.transform(e.value, swap) if own is not None else e.value
        return None if value == e.value else E.ForExpr(
            key, e.value_var, e.collection, value, e.key, e.cond, e.grouping, span=e.span)
    return E.transform(out, fix)


def _for_exprs(expr: E.Expr) -> list[E.ForExpr]:
    """The for expressions of `expr` in the order E.transform meets them (bottom-up)."""
    found: list[E.ForExpr] = []
    E.transform(expr, lambda e: found.append(e) if isinstance(e, E.ForExpr) else None)
    return found
