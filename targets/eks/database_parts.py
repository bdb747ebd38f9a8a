"""Database sub-resources on AWS: Valkey users, RDS initial databases, allow-list IPs, the rest."""

from __future__ import annotations

import re

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database_parts as S

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import db_parts as DP
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.keyed import keyed
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, not_translated
from . import common as C
from . import database_master as master
from . import database_net as net

CACHE_USER = "aws_elasticache_user"  # built by the cache_user companion set
_DB_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,62}$")


def _cluster(ctx: Ctx, node: N.Resource) -> tuple[N.Resource | None, str | None]:
    """The database cluster of a sub-resource and the AWS service it became (None when it
    is not translated)."""
    from .database import service_of
    inst, service = DP.cluster(ctx, node, service_of)
    return inst, service


def _plain(inst: N.Resource) -> bool:
    return inst.meta.count is None and inst.meta.for_each is None


def db_name_of(ctx: Ctx, inst: N.Resource) -> N.Resource | None:
    """The logical database that becomes the instance's db_name: the first (by name) with a
    literal name RDS accepts, of an instance that is not repeated."""
    if not _plain(inst):
        return None
    from .database import children_of
    for other in children_of(ctx, inst):
        if other.KIND == "DatabaseDb" and _plain(other):
            name = S.read_db(ctx, other).name.text
            if name and _DB_NAME.match(name):
                return other
    return None


def _is_db_name(ctx: Ctx, inst: N.Resource, node: N.Resource) -> bool:
    return db_name_of(ctx, inst) is node


def cache_users(ctx: Ctx, inst: N.Resource) -> list[N.Resource]:
    """The Valkey/Redis users of a cache that become aws_elasticache_user (a counted or
    for_each user: one per instance, each with its own random_password)."""
    if not _plain(inst):
        return []
    from .database import children_of, memo_of
    memo = memo_of(ctx)
    key = ("cache_users", ctx.key_of(inst))
    if key not in memo:
        memo[key] = [other for other in children_of(ctx, inst)
                     if other.KIND == "DatabaseUser" and other.mode != "data" and
                     S.read_part(ctx, other).engine == "valkey"]
    users: list[N.Resource] = memo[key]
    return users


def group_user_ids(default: str, users: list[N.Resource]) -> E.Expr:
    """The user_ids of a cache's user group: its `default` user's and every instance of its
    users (a counted user's list, a for_each user's map values)."""
    single = tuple(E.ref(f"{CACHE_USER}.{n}.user_id") for n in (
        default, *(u.name for u in users if _plain(u))))
    lists = [E.GetAttr(E.Splat(E.ref(f"{CACHE_USER}.{u.name}") if u.meta.count is not None
                               else E.Call("values", (E.ref(f"{CACHE_USER}.{u.name}"),))),
                       "user_id") for u in users if not _plain(u)]
    return E.Call("concat", (E.Tuple(single), *lists)) if lists else E.Tuple(single)


def _is_cache_user(ctx: Ctx, inst: N.Resource, node: N.Resource) -> bool:
    from .database import memo_of
    key = ("cache_user_keys", ctx.key_of(inst))
    memo = memo_of(ctx)
    if key not in memo:
        memo[key] = frozenset(ctx.key_of(u) for u in cache_users(ctx, inst))
    return ctx.key_of(node) in memo[key]


def declare_sub(ctx: Ctx, node: N.Resource) -> RefTarget:
    inst, service = _cluster(ctx, node)
    if inst is None or service is None:
        return RefTarget(None, {})
    if node.KIND == "DatabaseDb" and service == "rds" and _is_db_name(ctx, inst, node):
        return RefTarget(f"aws_db_instance.{inst.name}", {"name": "{self}.db_name"})
    if service == "rds" and master.is_master(ctx, inst, node):
        return master.declare(inst)
    if node.KIND == "DatabaseUser" and service == "elasticache" and _is_cache_user(
            ctx, inst, node):
        return RefTarget(f"{CACHE_USER}.{node.name}", {
            "name": "{self}.user_name", "password": _password_of(node)})
    return RefTarget(None, {})


def _password_of(node: N.Resource) -> str:
    """`random_password.<label>` of the same instance as the user reference (`u[0].password`
    -> `random_password.u[0].result`, `u[*]` -> `[*]`, a for expression's element: its key):
    a counted user's password is counted too, and the bare address of a repeated resource
    is no value (Missing resource instance key)."""
    own = companions.instance_key(node)
    return f"random_password.{node.name}{{keys{':' + own if own else ''}}}.result"


def user_id(node: N.Resource) -> E.Expr:
    """The ElastiCache user id (unique per account and region; letters, digits, hyphens,
    a letter first, 40 at most) of each instance: the index of a counted user, a hash of
    the key of a for_each one (a key may hold any character)."""
    if node.meta.for_each is not None:
        return keyed(node, C.aws_name(node.name, 31), E.Call("substr", (
            E.Call("md5", (E.ref("each.key"),)), C.num(0), C.num(8))))
    return keyed(node, C.aws_name(node.name, 34 if node.meta.count is not None else 40))


def lower_db(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    block = ctx.primary.get(ctx.key_of(inst)) if inst is not None else None
    if inst is not None and block is not None and service == "rds" and \
            _is_db_name(ctx, inst, node):
        u = Use(ctx, node, f"aws_db_instance.{inst.name}")
        _set_after(block, "instance_class", "db_name", u.expr("name"))
        u.raw("engine")
        u.field("cluster")
        ctx.merged(node, block)
        ctx.sink.add("IT306", node.span, f"{node.address} becomes the initial database "
                     f"(db_name) of aws_db_instance.{inst.name}")
        return u.done()
    _not_translated(ctx, node, inst, service)


def _set_after(block: TfBlock, after: str, name: str, value: E.Expr | None) -> None:
    """Set `name` right after attribute `after` (where a reader of the instance looks)."""
    block.set(name, value)
    attr = block.items.pop()
    at = next((i for i, it in enumerate(block.items) if getattr(it, "name", None) == after),
              len(block.items) - 1)
    block.items.insert(at + 1, attr)


def lower_user(ctx: Ctx, node: N.Resource) -> None:
    inst, service = _cluster(ctx, node)
    block = ctx.primary.get(ctx.key_of(inst)) if inst is not None else None
    if inst is not None and block is not None and service == "rds" and master.is_master(
            ctx, inst, node):
        return master.lower(ctx, node, inst, block)
    if inst is None or service != "elasticache" or not _is_cache_user(ctx, inst, node):
        return _not_translated(ctx, node, inst, service)
    spec = S.read_user(ctx, node)
    u = Use(ctx, node, f"{CACHE_USER}.{node.name}")
    u.field("cluster")
    from .database import entry_of, spec_of
    _, b = companions.build(ctx, ctx.tables.databases["companions"], "cache_user", node, {
        "uid": user_id(node), "user_name": u.expr("name"),
        "engine": str(entry_of(ctx, spec_of(ctx, inst)).get("engine", "valkey")),
        "access": _access_string(ctx, node, u, spec)})
    ctx.extra_providers["random"] = {"source": "hashicorp/random", "version": "~> 3.6"}
    u.drop("password_reset", "rotate by tainting random_password")
    P.emit_meta(ctx, b, node, {})
    ctx.primary[ctx.key_of(node)] = b
    u.done()


def _access_string(ctx: Ctx, node: N.Resource, u: Use, spec: S.UserSpec) -> E.Expr:
    """OVH ACL lists -> one Valkey ACL string: `on ~keys &channels +@categories +commands`."""
    parts = ["on"]
    for name, prefix in (("keys", "~"), ("channels", "&"), ("categories", ""),
                         ("commands", "")):
        raw = u.raw(name)
        if raw is None:
            continue
        items = [E.str_value(i) for i in raw.items] if isinstance(raw, E.Tuple) else None
        if items is None or any(i is None for i in items):
            ctx.sink.add("IT309", raw.span or node.span, f"`{name}` of {node.address} is "
                         "not a literal list; write the access_string by hand")
            return E.Literal("TODO(IT309): Valkey ACL string")
        parts.extend(prefix + str(i) for i in items)
    if spec.valkey.keys is None:
        parts.insert(1, "~*")  # OVH's default: every key
    if spec.valkey.channels is None:
        parts.insert(2, "&*")
    return E.Literal(" ".join(parts))


def lower_other(ctx: Ctx, node: N.Resource) -> None:
    """Topics and ACLs: no service they become keeps them (eks/databases.json says why)."""
    _not_translated(ctx, node, *_cluster(ctx, node))


lower_extra = not_translated(
    "IT338", "{address} is not translated: it is an OVH database add-on with no portable "
    "equivalent", "AWS", "RDS Proxy replaces connection pools; CloudWatch replaces log and "
    "metrics endpoints")


def lower_ip_restriction(ctx: Ctx, node: N.Resource) -> None:
    """The removed per-IP resource: one more ingress rule on the cluster's security group,
    repeated like the source resource."""
    inst, service = _cluster(ctx, node)
    block = ctx.primary.get(ctx.key_of(inst)) if inst is not None else None
    spec = S.read_ip_restriction(ctx, node)
    if inst is None or service is None or block is None or spec.ip is None or \
            not _plain(inst):
        return _not_translated(ctx, node, inst, service)
    from .database import entry_of, spec_of
    port = int(entry_of(ctx, spec_of(ctx, inst)).get("port", 0))
    u = ST.use(ctx, node, ("engine", "ip", "description"), f"{net.RULE}.{node.name}")
    u.field("cluster")
    b, = companions.build(ctx, ctx.tables.databases["companions"], "db_rules", node, {
        "group": E.ref(f"{net.SG}.{inst.name}.id"), "port": C.num(port), "rules": [{
            "suffix": "", "cidr": net.cidr_arg(E.str_value(spec.ip)), "ip": ctx.rewrite(
                spec.ip, node.module), "description": ctx.rewrite(spec.description, node.module)
            if spec.description is not None else None}]})
    P.emit_meta(ctx, b, node, {})
    ctx.primary[ctx.key_of(node)] = b
    u.done()


def _not_translated(ctx: Ctx, node: N.Resource, inst: N.Resource | None,
                    service: str | None) -> None:
    def why(inst: N.Resource) -> tuple[str, str]:
        if service is None:
            return f"its cluster {inst.address} has no AWS equivalent", ""
        row = ctx.tables.databases["lowering"][service].get("not_translated", {}).get(
            node.KIND, {"why": f"{inst.address} becomes an AWS service with no counterpart "
                        "for it"})
        return row["why"], row.get("hint", "")
    DP.unbuilt(ctx, node, "AWS", inst, why)
