"""Database reachability on AWS: subnet groups, a security group, ingress rules, time windows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec
from iac_translate.compiler.passes.database_settings import AllowList, TimeOfDay

from ..hclwrite import TfBlock
from ..tfbase import companions, readings
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.dbpassword import side as side  # (database_engines emits through it)
from ..tfbase.nullable import may_be_null
from ..tfbase.resource_region import own_region, per_instance, place_first
from . import common as C
from . import network, unique_names

SG = "aws_security_group"
RULE = "aws_vpc_security_group_ingress_rule"
# service -> its subnet group resource
SUBNET_GROUP = {"rds": "aws_db_subnet_group", "elasticache": "aws_elasticache_subnet_group",
                "docdb": "aws_docdb_subnet_group"}
_DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


# `type.label[key].attr` of a block emitted beside a node, indexed like it (count/for_each)
same = companions.same


def name_of(node: N.Resource, base: str | None = None, suffix: str = "") -> E.Expr:
    """The AWS name of a block beside `node`: its source name, with the instance key when
    the source is repeated (each instance needs a name of its own)."""
    text = base if base is not None else node.name
    if node.meta.for_each is not None:
        return C.tpl(text + "-", E.ref("each.key"), suffix) if suffix else \
            C.tpl(text + "-", E.ref("each.key"))
    if node.meta.count is not None:
        return C.tpl(text + "-", E.ref("count.index"), suffix) if suffix else \
            C.tpl(text + "-", E.ref("count.index"))
    return E.Literal(text + suffix)


def own(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> E.Expr | None:
    """The region the database names itself (None: the module's provider region)."""
    first = spec.nodes.first
    if first is None or first.location.source is None:
        return None
    mapped = C.map_region(ctx, node, first.location.source)
    return mapped if own_region(ctx, node.module, mapped) else None


def region(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, b: TfBlock) -> None:
    """The nodes' region becomes the module's provider region (the first one met); a
    database elsewhere, or in a child module whose region is a variable its provider
    cannot take, names its own region (aws provider 6 resources take `region`); its
    companions follow it (resource_region.with_database), its lookups here."""
    b.set("region", own(ctx, node, spec))


def subnets(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> E.Expr:
    return _placed(ctx, node, spec, 1, network.private_subnet_ids)


def vpc_of(ctx: Ctx, node: N.Resource, spec: DatabaseSpec) -> E.Expr:
    return _placed(ctx, node, spec, 0, network.vpc_id_of)


def _placed(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, default: int,
            read: Callable[[Ctx, N.Resource, E.Expr | None], E.Expr]) -> E.Expr:
    """`read` of the database's network, in its own region (the lookups follow it); with no
    network and a region of its own, the default VPC's (0: id, 1: subnet ids) there."""
    first = spec.nodes.first
    ref = first.network if first else None
    where = own(ctx, node, spec)
    if ref is None and where is not None:
        return _default_vpc(ctx, node, where)[default]
    out = read(ctx, node, ref)
    _lookups_follow(ctx, node, where)
    if ref is not None and _maybe_null(ctx, node, ref):
        return _or_default(ctx, node, ref, where, default, out)
    return out


def _maybe_null(ctx: Ctx, node: N.Resource, ref: E.Expr) -> bool:
    """A network id a caller passes (a variable, a `dynamic "nodes"` element) may be null:
    a public database on OVH. A declared network, a lookup or a literal id is never null;
    a subnet-like id is looked up as a subnet (attach.vpc_id_of)."""
    return ctx.resolve(ref, node.module) is None and E.str_value(ref) is None and \
        "subnet" not in to_hcl(ref).lower() and not isinstance(E.unwrap(ref), E.Literal) \
        and may_be_null(ctx, node.module, ref)


def _or_default(ctx: Ctx, node: N.Resource, ref: E.Expr, where: E.Expr | None, default: int,
                out: E.Expr) -> E.Expr:
    """`out` when the network is given, else the default VPC's (id, subnet ids): on AWS a
    database is always in a VPC. The tagged-subnet lookup made for the given network reads
    the default VPC then (a null filter value fails the plan)."""
    given = ctx.rewrite(ref, node.module)
    vpc, subnets = _default_vpc(ctx, node, where) if where is not None else \
        network.default_vpc(ctx, node.module)
    unset = E.Binary("==", given, E.Literal(None))
    lookup = ctx.scaffolds.get(f"{node.module}|private_subnets_{node.type}_{node.name}")
    for f in lookup.items if lookup is not None else ():
        if isinstance(f, TfBlock) and f.type == "filter" and \
                E.str_value(f.get("name")) == "vpc-id":
            f.set("values", E.Tuple((E.Conditional(unset, vpc, given),)))
    said: set[str] = readings.index(ctx, "eks.null_network", set)
    if node.address not in said:
        said.add(node.address)
        ctx.sink.add("IT301", ref.span or node.span, f"the network of {node.address} "
                     f"({to_hcl(given)}) may be null, a public database on OVH: it then gets "
                     "the default VPC and its subnets (on AWS a database is always in a VPC)")
    return E.Conditional(unset, vpc if default == 0 else subnets, out)


def _default_vpc(ctx: Ctx, node: N.Resource, where: E.Expr) -> tuple[E.Expr, E.Expr]:
    """(vpc id, subnet ids) of the default VPC of the database's own region: the module's
    data.aws_vpc.default is the provider region's. Repeated like the database when its
    region is read per instance."""
    label = f"{node.name}_default"
    keyed = per_instance(where)

    def vpc() -> TfBlock:
        b = TfBlock("data", ("aws_vpc", label), comments=[
            f"scaffolding: the default VPC of the region of {node.address} (on no private "
            "network)"])
        b.set("region", where)
        b.set("default", E.Literal(True))
        if keyed:
            P.emit_meta(ctx, b, companions.meta_only(node), {})
        return b

    def subnets() -> TfBlock:
        b = TfBlock("data", ("aws_subnets", label), comments=[
            "scaffolding: the subnets of that default VPC (one per zone)"])
        b.set("region", where)
        f = b.block("filter")
        f.set("name", E.Literal("vpc-id"))
        f.set("values", E.Tuple((vpc_id,)))
        if keyed:
            P.emit_meta(ctx, b, companions.meta_only(node), {})
        return b
    def ref(type_: str, attr: str) -> E.Expr:
        return same(node, type_, attr, label) if keyed else E.ref(f"{type_}.{label}.{attr}")
    vpc_id = ref("data.aws_vpc", "id")
    ctx.scaffold(f"default_vpc_{node.type}_{node.name}", node.module, vpc)
    ctx.scaffold(f"default_subnets_{node.type}_{node.name}", node.module, subnets)
    return vpc_id, ref("data.aws_subnets", "ids")


def _lookups_follow(ctx: Ctx, node: N.Resource, where: E.Expr | None) -> None:
    """The lookups made for this database alone (its network's tagged subnets, a subnet's
    VPC) read its region; the module's shared ones stay in the provider's."""
    if where is None:
        return
    for key in (f"private_subnets_{node.type}_{node.name}", f"subnet_{node.type}_{node.name}"):
        b = ctx.scaffolds.get(f"{node.module}|{key}")
        if b is None or b.get("region") is not None:
            continue
        if per_instance(where):
            ctx.sink.add("IT308", node.span, f"data.{'.'.join(b.labels)} is read once, but "
                         f"the region of {node.address} ({to_hcl(where)}) differs per "
                         "instance: it stays in the provider's region", "set its region by hand")
        else:
            place_first(b, where)


def zone_subnets(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, want: int) -> tuple[
        E.Expr, int]:
    """`want` subnets (one per zone) for services placed zone by zone (MSK, OpenSearch), and
    how many that is: fewer when the network has fewer private subnets."""
    ids = subnets(ctx, node, spec)
    if isinstance(ids, E.Tuple):
        zones = max(1, min(want, len(ids.items)))
        return E.Tuple(ids.items[:zones]), zones
    return E.Call("slice", (ids, C.num(0), C.num(want))), want


def subnet_group(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, service: str) -> E.Expr:
    """The service's subnet group (companion set subnet_group), repeated like the cluster."""
    b, = companions.build(ctx, ctx.tables.databases["companions"], "subnet_group", node, {
        service: True, "name": name_of(node), "subnets": subnets(ctx, node, spec)})
    P.emit_meta(ctx, b, node, {})
    unique_names.warn(ctx, node, b)  # (named after the database: IT308 in a repeated module)
    return same(node, SUBNET_GROUP[service], "name")


def security_group(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, port: int,
                   what: str) -> E.Expr:
    """The cluster's security group with one ingress rule per allowed CIDR on its port."""
    sg = same(node, SG, "id")
    rows = allow_rows(ctx, node, spec.allow)
    blocks = companions.build(ctx, ctx.tables.databases["companions"], "db_access", node, {
        "name": name_of(node), "what": what, "group": sg, "port": C.num(port),
        "vpc": vpc_of(ctx, node, spec), "rules": rows})
    for b, row in zip(blocks, [{}, *rows]):
        if row.get("for_each") is None:  # a dynamic block's rules repeat on their own
            P.emit_meta(ctx, b, node, {})
    return sg


def allow_rows(ctx: Ctx, node: N.Resource, allow: AllowList) -> list[dict[str, Any]]:
    """The `rules` of the db_rules companion set: one per literal entry or dynamic block."""
    rows: list[dict[str, Any]] = []
    for i, entry in enumerate(allow.entries):
        if entry.ip is not None:
            rows.append({"suffix": f"_{i}", "cidr": cidr_arg(entry.cidr),
                         "ip": ctx.rewrite(entry.ip, node.module), "description": ctx.rewrite(
                             entry.description, node.module) if entry.description else None})
    for j, dyn in enumerate(allow.dynamic):
        if node.meta.for_each is not None or node.meta.count is not None:
            ctx.sink.add("IT308", allow.source.span if allow.source else node.span,
                         f"`dynamic \"ip_restrictions\"` of the repeated {node.address}: add "
                         f"the {RULE} resources by hand (one for_each cannot hold both)")
            continue
        it = dyn.iterator
        rows.append({"suffix": f"_dynamic{'_' + str(j) if j else ''}", "cidr": "cidr_ipv4",
                     "for_each": E.ForExpr("k", "v", ctx.rewrite(dyn.for_each, node.module),
                                           E.Var("v"), key=E.Var("k")),
                     "ip": _each(ctx.rewrite(dyn.ip, node.module), it) if dyn.ip is not None
                     else E.Literal("TODO(IT308): CIDR"),
                     "description": _each(ctx.rewrite(dyn.description, node.module), it)
                     if dyn.description is not None else None})
    return rows


def cidr_arg(cidr: str | None) -> str:
    return "cidr_ipv6" if cidr and ":" in cidr else "cidr_ipv4"


def _each(e: E.Expr, it: str) -> E.Expr:
    """`<iterator>.value` / `.key` of a dynamic block -> `each.value` / `each.key`."""
    def fn(n: E.Expr) -> E.Expr | None:
        t = E.traversal(n)
        if t and t[0] == it and t[1] and t[1][0][0] == "attr":
            return E.build_traversal("each", list(t[1]), n.span)
        return None
    return E.transform(e, fn)


def window(t: TimeOfDay, minutes: int, day: str | None = None) -> str | None:
    """`hh:mm-hh:mm` (or with `ddd:` days) starting at `t`, `minutes` long (UTC)."""
    if t.hour is None or t.minute is None:
        return None
    start = t.hour * 60 + t.minute
    end = start + minutes
    days = 0 if day is None else _DAYS.index(day)

    def at(m: int) -> str:
        d = (days + m // 1440) % 7
        hhmm = f"{(m % 1440) // 60:02d}:{m % 60:02d}"
        return f"{_DAYS[d]}:{hhmm}" if day is not None else hhmm
    return f"{at(start)}-{at(end % (1440 * (7 if day else 1)))}"


def windows(spec: DatabaseSpec, backup_minutes: int, maint_minutes: int) -> tuple[
        str | None, str | None, bool]:
    """(backup window, weekly maintenance window on Sunday, moved): AWS refuses overlapping
    windows, so a maintenance that would overlap the backup starts when the backup ends."""
    backup = window(spec.backup_time, backup_minutes)
    maint_t = spec.maintenance_time
    moved = False
    if backup and maint_t.hhmm and spec.backup_time.hour is not None:
        b0 = spec.backup_time.hour * 60 + (spec.backup_time.minute or 0)
        m0 = (maint_t.hour or 0) * 60 + (maint_t.minute or 0)
        if m0 < b0 + backup_minutes and b0 < m0 + maint_minutes:
            m0 = (b0 + backup_minutes) % 1440
            maint_t = TimeOfDay(maint_t.source, f"{m0 // 60:02d}:{m0 % 60:02d}")
            moved = True
    return backup, window(maint_t, maint_minutes, "sun"), moved
