"""Scaleway database access lists (RDB ACL, Redis acl blocks) and the read replicas a plan sells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database_settings import AllowEntry

from ..hclwrite import TfAttr, TfBlock
from ..tfbase import companions
from .database import children_of, memo_of
from .database_access import pn_source, private_only, side

# Scaleway: "Allowed IP configuration is only available for public networks" (docs-content,
# managed-databases-for-postgresql-and-mysql/how-to/manage-allowed-ip-addresses.mdx)
NO_ACL = "every member of the Private Network can connect"

if TYPE_CHECKING:
    from ..tfbase.context import Ctx
    from .database_build import Lower


def acl_rules(s: Lower, parent: TfBlock, block: str) -> bool:
    """One `block { ip, description }` per allowed CIDR, a dynamic block per dynamic entry;
    False when there is none."""
    ctx, node = s.ctx, s.node
    any_rule = False
    for item in s.spec.allow.items:
        if isinstance(item, AllowEntry):
            if item.ip is None:
                continue
            r = parent.block(block)
        else:
            dyn = parent.block("dynamic", block)
            dyn.set("for_each", ctx.rewrite(item.for_each, node.module))
            r = dyn.block("content")
        it = None if isinstance(item, AllowEntry) else item.iterator
        for arg, value in (("ip", item.ip), ("description", item.description)):
            if value is not None:
                r.set(arg, _renamed(ctx.rewrite(value, node.module), it, block))
        any_rule = True
    return any_rule


def finish(ctx: Ctx) -> None:
    """Every RDB ACL, once all its rules are in: the guard of all-dynamic ones."""
    for inst, acl in memo_of(ctx).get(("acls",), ()):
        guard(ctx, inst, acl)


def guard(ctx: Ctx, inst: N.Resource, acl: TfBlock) -> None:
    """An ACL whose rules are all dynamic exists only while they are not all empty: zero
    acl_rules fails scaleway_rdb_acl at plan (the block is required), as a null or []
    allow-list does with the OVH module's defaults."""
    if inst.meta.count is not None or inst.meta.for_each is not None:
        return  # (one ACL per instance: its count is the instance's)
    blocks = [i for i in acl.items if isinstance(i, TfBlock)]
    if any(b.type == "acl_rules" for b in blocks):
        return  # (a literal rule: never empty)
    sizes = [_size(e) for b in blocks
             if b.type == "dynamic" and (e := b.get("for_each")) is not None]
    if not sizes:
        return
    total = sizes[0]
    for more in sizes[1:]:
        total = E.Binary("+", total, more)
    acl.items.insert(0, TfAttr("count", E.Conditional(
        E.Binary(">", total, E.Literal(0, "0")), E.Literal(1, "1"), E.Literal(0, "0"))))
    ctx.sink.add("IT301", inst.span, f"the allow-list of {inst.address} may be empty: then "
                 "no scaleway_rdb_acl is created and the instance keeps Scaleway's default "
                 "rule 0.0.0.0/0, where OVH lets no address connect",
                 "give the addresses to allow, or put the instance on a Private Network")


def _size(e: E.Expr) -> E.Expr:
    """How many rules a dynamic block's for_each makes: n for range(n), else length()."""
    if isinstance(e, E.Call) and e.name == "range" and len(e.args) == 1:
        return e.args[0]
    return E.Call("length", (e,))


def _renamed(e: E.Expr, old: str | None, new: str) -> E.Expr:
    """`<old>.value` of the OVH dynamic block -> `<new>.value` of the Scaleway one."""
    if old is None or old == new:
        return e

    def fn(n: E.Expr) -> E.Expr | None:
        t = E.traversal(n)
        if t and t[0] == old and t[1] and t[1][0][0] == "attr":
            return E.build_traversal(new, list(t[1]), n.span)
        return None
    return E.transform(e, fn)


def after(s: Lower) -> None:
    """What follows the instance: its ACL (RDB) and the read replicas the plan sells."""
    ctx, node, spec = s.ctx, s.node, s.spec
    s.u.raw("ip_restrictions")
    if s.service == "rdb" and private_only(ctx, node.module, spec):
        no_acl(s)
        _replicas(s)
    elif s.service == "rdb":
        acl = TfBlock("resource", ("scaleway_rdb_acl", node.name))
        acl.set("instance_id", companions.same(node, "scaleway_rdb_instance", "id"))
        memo_of(ctx)[("acl", ctx.key_of(node))] = acl
        # (guarded once every rule is in: removed per-IP resources add theirs later)
        memo_of(ctx).setdefault(("acls",), []).append((node, acl))
        if acl_rules(s, acl, "acl_rules"):
            side(ctx, node, acl)
        elif not spec.private and not any(c.KIND == "DatabaseIpRestriction"
                                          for c in children_of(ctx, node)):
            ctx.sink.add("IT301", node.span, f"{node.address} has no ip_restrictions: OVH lets "
                         "no address connect, a Scaleway instance with no ACL accepts any "
                         "(0.0.0.0/0)", "add a scaleway_rdb_acl with the addresses to allow")
        _replicas(s)
    elif s.service != "redis" and not spec.allow.empty:
        private = spec.private or s.facts.get("public_endpoint") is False
        ctx.sink.add("IT301", s.u.span("ip_restrictions"), f"ip_restrictions of "
                     f"{node.address}: {s.product} has no IP allow-list"
                     + ("; only the Private Network reaches it" if private else
                        "; its public endpoint accepts any address (password login)"),
                     "put it on a Private Network" if not private else "")


def no_acl(s: Lower) -> None:
    """The allow-list of an instance reached through its Private Network only (its
    ip_restrictions and the removed per-IP resources): Scaleway's allowed IPs filter the public
    (load balancer) endpoint, so no scaleway_rdb_acl is written (IT302; the per-IP resources
    are omitted with IT310 by database_parts.lower_ip)."""
    ctx, node, spec = s.ctx, s.node, s.spec
    rules = [c.address for c in children_of(ctx, node) if c.KIND == "DatabaseIpRestriction"]
    if spec.allow.empty and not rules:
        return
    parts = ([] if spec.allow.empty else ["its ip_restrictions"]) + rules
    ctx.sink.add("IT302", node.span if spec.allow.empty else s.u.span("ip_restrictions"),
                 f"the allow-list of {node.address} ({', '.join(parts)}) is not translated: "
                 "the Scaleway instance has only a Private Network endpoint, and its allowed "
                 f"IPs (scaleway_rdb_acl) apply to the public endpoint only: {NO_ACL}",
                 "keep the Private Network to the allowed clients (a dedicated one), or give "
                 "the instance a load_balancer endpoint and a scaleway_rdb_acl")


def _replicas(s: Lower) -> None:
    ctx, node, spec = s.ctx, s.node, s.spec
    written = len(spec.nodes.items)
    count = max(int(s.plan_row().get("read_replicas", 0)), written - 2 if written > 2 else 0)
    for i in range(count):
        r = TfBlock("resource", ("scaleway_rdb_read_replica", f"{node.name}_{i}" if i else
                                 node.name))
        r.note(f"the read capacity of the OVH {spec.plan.text or ''} plan".replace("  ", " "))
        r.set("instance_id", companions.same(node, "scaleway_rdb_instance", "id"))
        net = pn_source(ctx, node.module, spec)
        if spec.private and net is not None:
            pn = r.block("private_network")
            pn.set("private_network_id", ctx.rewrite(net, node.module))
            pn.set("enable_ipam", E.Literal(True))
        else:
            r.block("direct_access")
        side(ctx, node, r)
