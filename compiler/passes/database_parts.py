"""Database sub-resources read neutrally: logical databases, users, topics, ACLs, allow-list IPs."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .database import ENGINES, TYPED
from .reader import Reader, Value, boolean, number, value


class Permission(enum.Enum):
    """A Kafka ACL permission (OVH: read, write, readwrite, admin; schema registry:
    schema_registry_read / schema_registry_write)."""

    READ = "read"
    WRITE = "write"
    READWRITE = "readwrite"
    ADMIN = "admin"


@dataclass(frozen=True, slots=True)
class Part:
    """What every sub-resource has: its cluster (the `cluster_id` expression) and the
    engine its type or `engine` argument names (neutral, and as written)."""

    cluster: E.Expr | None
    engine: str | None
    engine_written: str | None


@dataclass(frozen=True, slots=True)
class DatabaseDbSpec:
    part: Part
    name: Value


@dataclass(frozen=True, slots=True)
class ValkeyAcl:
    """A Valkey/Redis user's ACL rules (lists of expressions as written)."""

    categories: E.Expr | None = None
    commands: E.Expr | None = None
    keys: E.Expr | None = None
    channels: E.Expr | None = None

    @property
    def empty(self) -> bool:
        return all(v is None for v in (self.categories, self.commands, self.keys,
                                       self.channels))


@dataclass(frozen=True, slots=True)
class UserSpec:
    """A database user; `roles` are engine-specific (PostgreSQL role attributes such as
    `replication`, MongoDB `readWrite@db`); OVH generates the password."""

    part: Part
    name: Value
    roles: tuple[str, ...] = ()
    roles_source: E.Expr | None = None
    password_reset: E.Expr | None = None
    valkey: ValkeyAcl = ValkeyAcl()
    opensearch_acls: E.Expr | None = None  # `acls {pattern, permission}` blocks
    group: E.Expr | None = None  # m3db (removed)


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A Kafka topic; retention in hours (OVH) and milliseconds (what Kafka configs take)."""

    part: Part
    name: Value
    partitions: E.Expr | None = None
    replication: E.Expr | None = None
    retention_hours: E.Expr | None = None
    retention_bytes: E.Expr | None = None
    min_insync_replicas: E.Expr | None = None

    @property
    def retention_ms(self) -> int | None:
        hours = number(self.retention_hours)
        return int(hours * 3600000) if hours is not None and hours >= 0 else None


@dataclass(frozen=True, slots=True)
class AclSpec:
    """A Kafka ACL on a topic pattern, or (`schema_registry`) on a registry subject."""

    part: Part
    username: E.Expr | None
    pattern: E.Expr | None
    permission: Permission | None
    permission_source: E.Expr | None
    schema_registry: bool = False


@dataclass(frozen=True, slots=True)
class IpRestrictionSpec:
    """The removed per-IP resource: one CIDR (repeated by count/for_each) for its cluster."""

    part: Part
    ip: E.Expr | None
    description: E.Expr | None = None
    repeat: E.Expr | None = None  # the for_each, or `range(count)`


def read_part(r: Reader, node: N.Resource) -> Part:
    m = TYPED.match(node.canonical_type or node.type)
    written = m.group(1) if m else r.literal(node.get("engine"), node)
    return Part(node.field_value("cluster"), ENGINES.get(written, written) if written else None,
                written)


def read_db(r: Reader, node: N.Resource) -> DatabaseDbSpec:
    return DatabaseDbSpec(read_part(r, node), value(r, node, node.get("name")))


def read_user(r: Reader, node: N.Resource) -> UserSpec:
    roles = node.get("roles")
    names = tuple(s for s in (E.str_value(i) for i in roles.items) if s is not None) \
        if isinstance(roles, E.Tuple) else ()
    return UserSpec(
        read_part(r, node), value(r, node, node.get("name")), names, roles,
        node.get("password_reset"),
        ValkeyAcl(node.get("categories"), node.get("commands"), node.get("keys"),
                  node.get("channels")),
        node.get("acls"), node.get("group"))


def read_topic(r: Reader, node: N.Resource) -> TopicSpec:
    return TopicSpec(read_part(r, node), value(r, node, node.get("name")),
                     node.get("partitions"), node.get("replication"),
                     node.get("retention_hours"), node.get("retention_bytes"),
                     node.get("min_insync_replicas"))


def read_acl(r: Reader, node: N.Resource) -> AclSpec:
    registry = (node.canonical_type or node.type).endswith("schemaregistryacl")
    src = node.get("permission")
    text = (r.literal(src, node) or "").lower().removeprefix("schema_registry_")
    perm = next((p for p in Permission if p.value == text), None)
    return AclSpec(read_part(r, node), node.get("username"),
                   node.get("resource" if registry else "topic"), perm, src, registry)


def read_ip_restriction(r: Reader, node: N.Resource) -> IpRestrictionSpec:
    m = node.meta
    repeat = m.for_each if m.for_each is not None else \
        E.Call("range", (m.count,)) if m.count is not None else None
    return IpRestrictionSpec(read_part(r, node), node.get("ip"), node.get("description"),
                             repeat)


def password_reset_requested(spec: UserSpec) -> bool:
    """`password_reset` is a free string whose change rotates the password; set or not."""
    return spec.password_reset is not None and boolean(spec.password_reset) is not False


@dataclass(frozen=True, slots=True)
class ExtraSpec:
    """An OVH add-on (pool, integration, log subscription, prometheus endpoint...): only
    its cluster has a neutral meaning; `type` says which add-on it is."""

    part: Part
    type: str


def read_extra(r: Reader, node: N.Resource) -> ExtraSpec:
    return ExtraSpec(read_part(r, node), node.canonical_type or node.type)
