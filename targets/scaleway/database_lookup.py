"""Scaleway data sources of OVH database users: avnadmin as the RDB instance's first user."""

from __future__ import annotations

from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.frontends.ovh_types import RESOURCE_CONCEPT
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..tfbase import family_target, omitted
from ..tfbase.context import Ctx
from ..tfbase.fitmap import region_of
from ..tfbase.refs import RefTarget, Rule
from ..tfbase.use import Use

ADMIN = "avnadmin"  # (database_parts.ADMIN: Aiven's administrator of PostgreSQL/MySQL)
RDB = "scaleway_rdb_instance"
MAPPED = ("name", "password", "cluster_id", "engine")  # declare_lookup's rules


def _plain(node: N.Resource) -> bool:
    return node.meta.count is None and node.meta.for_each is None


def admin_read(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The RDB cluster declared in this module whose avnadmin `node` (a data source of an
    OVH database user: the frontend makes it a Lookup) reads, named so literally, neither
    repeated; None for any other lookup (omitted as every OVH lookup, IT310)."""
    if RESOURCE_CONCEPT.get(node.canonical_type) is not N.DatabaseUser or \
            node.mode != "data" or not _plain(node) or E.str_value(node.get("name")) != ADMIN:
        return None
    from .database import service_of
    inst = ctx.resolve(node.get("cluster_id"), node.module)
    if not isinstance(inst, N.Resource) or inst.KIND != "Database" or \
            inst.mode == "data" or not _plain(inst) or service_of(ctx, inst) != "rdb":
        return None
    return inst


def declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    """Reads of avnadmin read the instance's first user: its name and password (OVH's data
    source has no password; one read anyway can only mean the admin's), its cluster (what
    the cluster's own `id` becomes) and engine; the user's id, status, creation time and
    roles have no counterpart (IT206 placeholders)."""
    inst = admin_read(ctx, node)
    if inst is None:
        return omitted.declare_lookup(ctx, node, lambda s: region_of(ctx, s))
    from .database import spec_of
    spec = spec_of(ctx, inst)
    rules: dict[str, Rule] = {"name": "{self}.user_name", "password": "{self}.password",
                              "cluster_id": "{self}.id"}
    if spec.engine.written or spec.engine.name:
        rules["engine"] = f'"{spec.engine.written or spec.engine.name}"'
    return RefTarget(f"{RDB}.{inst.name}", rules, fallback=None)


def lower_lookup(ctx: Ctx, node: N.Resource) -> None:
    inst = admin_read(ctx, node)
    block = ctx.primary.get(ctx.key_of(inst)) if inst is not None else None
    if inst is None or block is None:
        return omitted.lower_lookup(ctx, node, "Scaleway")  # as FamilyTarget does
    from .database_parts import rdb_admin
    u = Use(ctx, node, f"{RDB}.{inst.name}")
    for name in ("cluster_id", "name", "engine"):
        u.raw(name)
    if rdb_admin(ctx, inst) is None:  # (a declared avnadmin named the user already)
        block.set("user_name", E.Literal(ADMIN))
    ctx.merged(node, block)
    ctx.sink.add("IT301", node.arg_span("name") or node.span, f"{node.address} reads OVH's "
                 f"built-in {ADMIN}: it is the first user of {RDB}.{inst.name} (user_name = "
                 f"\"{ADMIN}\", its password), an administrator of every database of the "
                 f"instance; `name` and `password` read the instance's, its "
                 f"{', '.join(_lost(node))} have no Scaleway counterpart (references to them "
                 "are IT206 placeholders)")
    u.done()


def _lost(node: N.Resource) -> list[str]:
    """What the data source says of the user (its computed attributes, and id) that
    declare_lookup maps to nothing."""
    schema = ovh_types.type_schema(node.canonical_type, "data") or {}
    return ["id", *sorted(set(schema.get("computed", [])) - set(MAPPED))]


# The report names one rule per concept kind (compiler/api.target_facts): most lookups are
# omitted as FamilyTarget omits them, so the rule named stays that one.
lower_lookup.__module__ = family_target.__name__


# This family's tables (ScalewayTarget.FAMILIES, after `omitted`: its lookups are these).
DECLARE = {"Lookup": declare_lookup}
LOWER = {"Lookup": lower_lookup}
