"""EKS data sources of OVH database users: avnadmin as the RDS master user, others IT338."""

from __future__ import annotations

from iac_translate.compiler.frontends.ovh_types import RESOURCE_CONCEPT
from iac_translate.compiler.ir import nodes as N

from ..tfbase import db_parts as DP
from ..tfbase import family_target, omitted
from ..tfbase.context import Ctx
from ..tfbase.fitmap import region_of
from ..tfbase.refs import RefTarget
from . import database_master as master


def _user_read(ctx: Ctx, node: N.Resource) -> tuple[N.Resource, str | None] | None:
    """For a data source of an OVH database user (the frontend makes it a Lookup) of a
    cluster this module declares: that cluster and the AWS service it became. None for any
    other lookup, and for a user of a cluster declared elsewhere (a variable's id, a data
    source): that read means nothing on AWS, and is omitted as every OVH lookup (IT310)."""
    if RESOURCE_CONCEPT.get(node.canonical_type) is not N.DatabaseUser:
        return None
    from .database import service_of
    inst = ctx.resolve(node.get("cluster_id"), node.module)
    if not isinstance(inst, N.Resource) or inst.KIND != "Database" or inst.mode == "data":
        return None
    return inst, service_of(ctx, inst)


def declare_lookup(ctx: Ctx, node: N.Resource) -> RefTarget:
    found = _user_read(ctx, node)
    if found is None:
        return omitted.declare_lookup(ctx, node, lambda s: region_of(ctx, s))
    inst, service = found
    if service == "rds" and master.reads_master(inst, node):
        return master.declare_read(ctx, inst)
    # No AWS user is read: every reference becomes a reported placeholder (IT206), never
    # an address nothing declares.
    return RefTarget(None, {}, fallback=None, bare=None)


def lower_lookup(ctx: Ctx, node: N.Resource) -> None:
    found = _user_read(ctx, node)
    if found is None:
        return omitted.lower_lookup(ctx, node, ctx.target_name.upper())  # as FamilyTarget
    inst, service = found
    block = ctx.primary.get(ctx.key_of(inst))
    if block is not None and service == "rds" and master.reads_master(inst, node):
        return master.lower_read(ctx, node, inst, block)
    DP.unbuilt(ctx, node, "AWS", inst, lambda inst: _why(ctx, inst, service))


def _why(ctx: Ctx, inst: N.Resource, service: str | None) -> tuple[str, str]:
    """Why a read user has no AWS counterpart, and what replaces it."""
    if service is None:
        return f"the user it reads belongs to {inst.address}, which has no AWS equivalent", ""
    row = ctx.tables.databases["lowering"][service]
    product = row.get("product", service)
    given = row.get("not_translated", {}).get("DatabaseUser")
    if given is not None:
        return f"it reads a user of {inst.address}, and {given['why']}", given.get("hint", "")
    return (f"it reads a user that exists on OVH's {inst.address} only; {product} has no "
            "such user until one is created", "declare the user as a resource of the "
            "cluster (it is translated) instead of reading it")


# The report names one rule per concept kind (compiler/api.target_facts): most lookups are
# omitted as FamilyTarget omits them, so the rule named stays that one, as before.
lower_lookup.__module__ = family_target.__name__
