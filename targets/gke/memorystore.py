"""Memorystore for Valkey and for Redis (the legacy OVH redis engine) from the database spec."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes.database import DatabaseSpec

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import cloudsql, harden
from . import common as C
from .database_net import placement
from .database_parts import drop_common
from .instance_names import warn_repeated
from .memorystore_net import valkey_network

VALKEY = "google_memorystore_instance"
REDIS = "google_redis_instance"


_VALKEY_TYPES = (("SHARED_CORE_NANO", 1.4), ("STANDARD_SMALL", 6.5), ("HIGHMEM_MEDIUM", 13.0),
                 ("HIGHMEM_XLARGE", 58.0))


def valkey(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    from . import database as D  # which imports this module
    u = Use(ctx, node, VALKEY)
    b = TfBlock("resource", (VALKEY, node.name))
    b.set("instance_id", E.Literal(C.gcp_name(node.name)))
    count, first = D.node_count(u, spec)
    b.set("location", D.region_from_nodes(ctx, node, first))
    warn_repeated(ctx, node, VALKEY, b.get("instance_id"), where=b.get("location"))
    b.set("mode", E.Literal("CLUSTER_DISABLED"))
    b.set("shard_count", C.num(1))
    b.set("replica_count", C.num(max(0, count - 1)))
    machine = D.flavor_spec(ctx, node, u, spec)
    if machine is not None and machine.ram_gb is not None:
        ram = machine.ram_gb
        node_type = next((t for t, gb in _VALKEY_TYPES if gb >= ram), _VALKEY_TYPES[-1][0])
        b.set("node_type", E.Literal(node_type))
        ctx.sink.add("IT306", u.span("flavor"), f"flavor `{machine.flavor}` ({ram:g} GB) "
                     f"mapped to Memorystore node type {node_type}")
    u.raw("version")
    version = spec.version.text
    mapped = entry.get("versions", {}).get(version or "")
    if mapped:
        b.set("engine_version", E.Literal(mapped))
        _fixed(ctx, spec, mapped, "engine_version")
    elif version:
        ctx.sink.add("IT308", u.span("version"), f"Valkey version `{version}` is not in the "
                     "mapping table; the Memorystore default version is used")
    network, policy = valkey_network(ctx, node, first, b.get("location"))
    ep = b.block("desired_auto_created_endpoints")
    ep.set("network", network or E.Literal("TODO(IT308): VPC network id for the endpoint"))
    ep.set("project_id", C.project())
    b.set("deletion_protection_enabled", harden.protection(
        ctx, node, u.raw("deletion_protection"), "the instance"))
    drop_common(ctx, node, u, "Memorystore")
    P.place(ctx, node, b)
    if policy is not None:  # the endpoints are made at create, only once the policy exists
        b.depend(policy)
    u.done()


def redis(ctx: Ctx, node: N.Resource, spec: DatabaseSpec, entry: dict[str, Any]) -> None:
    """google_redis_instance: BASIC for one node, STANDARD_HA (a replica with failover)
    for more; sized by the flavor's RAM."""
    from . import database as D  # which imports this module
    u = Use(ctx, node, REDIS)
    b = TfBlock("resource", (REDIS, node.name))
    b.set("name", E.Literal(C.gcp_name(node.name)))
    count, first = D.node_count(u, spec)
    b.set("region", D.region_from_nodes(ctx, node, first))
    warn_repeated(ctx, node, REDIS, b.get("name"), where=b.get("region"))
    u.raw("plan")  # the written nodes say the tier: one is BASIC, more are STANDARD_HA
    b.set("tier", E.Literal("STANDARD_HA" if count >= 2 else "BASIC"))
    if count > 2:
        b.set("replica_count", C.num(count - 1))
        b.set("read_replicas_mode", E.Literal("READ_REPLICAS_ENABLED"))
    machine = D.flavor_spec(ctx, node, u, spec)
    size = max(1, int(machine.ram_gb)) if machine is not None and machine.ram_gb else 1
    b.set("memory_size_gb", C.num(size))
    if machine is not None:
        ctx.sink.add("IT301", u.span("flavor"), f"flavor `{machine.flavor}` "
                     f"({machine.vcpu} vCPU, {machine.ram_gb:g} GB) becomes a {size} GB "
                     "Memorystore for Redis instance: it is sized by memory only, Google "
                     "chooses the vCPU")
    u.raw("version")
    mapped = entry.get("versions", {}).get(spec.version.text or "")
    if mapped:
        b.set("redis_version", E.Literal(mapped))
        _fixed(ctx, spec, mapped, "redis_version")
    elif spec.version.text:
        ctx.sink.add("IT308", u.span("version"), f"Redis version `{spec.version.text}` is not "
                     "in the mapping table; the Memorystore default version is used")
    place = placement(ctx, node)
    network = cloudsql.network_of(ctx, node, first) if place.mode != "public" else None
    if network is not None:
        b.set("authorized_network", network)
    elif place.network is not None:
        # A caller's network id may be null (public on OVH) or hold an OVH id today.
        ctx.sink.add("IT301", place.network.span or node.span, f"the private network of "
                     f"{node.address} comes from {place.why}; Memorystore for Redis is "
                     "reached only from the VPC it is authorized on: the default network here",
                     "set authorized_network to the VPC's id")
    else:
        ctx.sink.add("IT301", node.span, f"{node.address} has no private network; "
                     "Memorystore for Redis is reached only from the VPC it is authorized on "
                     "(the default network here)")
    b.set("auth_enabled", E.Literal(True), "OVH Redis requires a password")
    b.set("transit_encryption_mode", E.Literal("SERVER_AUTHENTICATION"))
    drop_common(ctx, node, u, "Memorystore")
    P.place(ctx, node, b)
    u.done()


def _fixed(ctx: Ctx, spec: DatabaseSpec, mapped: str, arg: str) -> None:
    """A version read through a variable's default or a local is written as the mapped
    literal: another value given for it is no longer followed."""
    source = spec.version.source
    if source is not None and E.str_value(source) is None:
        ctx.sink.add("IT309", source.span, f"the version `{to_hcl(source)}` is read as "
                     f"`{spec.version.text}`: {arg} is written as {mapped}, and another value "
                     "given for it is not followed", f"set {arg} by hand if it varies")
