"""OVH object storage and container registries read once into neutral specs for any target."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from . import fields as F
from . import s3_grants
from .geo import Location, read_location
from .reader import Reader, Value, boolean, value


class Versioning(str, Enum):
    ENABLED = "enabled"
    SUSPENDED = "suspended"  # existing versions kept, no new ones
    DISABLED = "disabled"


class LockMode(str, Enum):
    GOVERNANCE = "governance"  # privileged users may shorten or remove a lock
    COMPLIANCE = "compliance"  # nobody can


class Role(str, Enum):
    """What an OVH project role lets a user do, in provider-neutral terms."""

    ADMIN = "admin"
    OBJECT_STORAGE = "object_storage"
    COMPUTE = "compute"
    NETWORK = "network"
    NETWORK_SECURITY = "network_security"
    VOLUME = "volume"
    IMAGE = "image"
    READ_ONLY = "read_only"
    LOAD_BALANCER = "load_balancer"
    KEY_MANAGER = "key_manager"
    KEY_MANAGER_READ = "key_manager_read"
    AI_TRAINING = "ai_training"
    AI_TRAINING_READ = "ai_training_read"
    BACKUP = "backup"
    AUTHENTICATION = "authentication"


ROLES = {"administrator": Role.ADMIN, "objectstore_operator": Role.OBJECT_STORAGE,
         "compute_operator": Role.COMPUTE, "network_operator": Role.NETWORK,
         "network_security_operator": Role.NETWORK_SECURITY, "volume_operator": Role.VOLUME,
         "image_operator": Role.IMAGE, "infrastructure_supervisor": Role.READ_ONLY,
         "load-balancer_operator": Role.LOAD_BALANCER, "key-manager_operator": Role.KEY_MANAGER,
         "key-manager_read": Role.KEY_MANAGER_READ, "ai_training_operator": Role.AI_TRAINING,
         "ai_training_read": Role.AI_TRAINING_READ, "backup_operator": Role.BACKUP,
         "authentication": Role.AUTHENTICATION}


@dataclass(frozen=True, slots=True)
class Flag:
    """A status-like argument: its neutral value when literal, the source expression always."""

    source: E.Expr
    value: Versioning | None


@dataclass(frozen=True, slots=True)
class ObjectLock:
    source: E.Expr
    enabled: bool | None
    mode: LockMode | None = None
    period: str | None = None  # ISO 8601 as written (P30D, P1Y)
    days: int | None = None  # the period in days (years as 365, months as 30)
    years: int | None = None  # set when the period is whole years only


@dataclass(frozen=True, slots=True)
class Encryption:
    source: E.Expr
    algorithm: str | None  # "AES256" (provider-managed keys), "aws:kms"...; None = computed

    @property
    def provider_managed(self) -> bool:
        return self.algorithm == "AES256"


@dataclass(frozen=True, slots=True)
class BucketSpec:
    name: Value
    location: Location
    data: bool = False  # a data source: an existing bucket, read
    versioning: Flag | None = None
    encryption: Encryption | None = None
    object_lock: ObjectLock | None = None
    replication: E.Expr | None = None
    tags: E.Expr | None = None
    listing: tuple[tuple[str, E.Expr], ...] = ()  # hide_objects, limit, marker, prefix, owner_id
    force_destroy: E.Expr | None = None  # (aws_s3_bucket) delete the objects with the bucket
    name_prefix: E.Expr | None = None  # (aws_s3_bucket) a generated name with this prefix


# --- identities --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class RoleGrant:
    source: E.Expr
    ovh: str | None  # the OVH role name (None when computed)
    role: Role | None  # None: unknown or computed


@dataclass(frozen=True, slots=True)
class UserSpec:
    description: E.Expr | None
    roles: tuple[RoleGrant, ...]
    roles_computed: E.Expr | None = None  # role_names from an expression
    password_reset: E.Expr | None = None
    openstack_rc: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class CredentialSpec:
    user: E.Expr | None  # user_id as written


@dataclass(frozen=True, slots=True)
class PolicySpec:
    user: E.Expr | None
    policy: s3_grants.S3Policy


def ovh_only(node: N.Resource, arg: str) -> str:
    """Why argument `arg` of `node` means nothing outside OVH (fields_storage.json)."""
    why = F.ovh_only(node.canonical_type or node.type, arg, node.mode)
    return why or "it has no meaning outside OVH"


# --- readers ------------------------------------------------------------------------------------

def _status(expr: E.Expr | None) -> Flag | None:
    if expr is None:
        return None
    s = E.str_value(expr)
    return Flag(expr, Versioning(s.lower()) if s and s.lower() in
                {v.value for v in Versioning} else None)


def iso_days(period: str) -> tuple[int, int | None] | None:
    """`P30D` -> (30, None); `P1Y` -> (365, 1); None when not an ISO 8601 date period."""
    m = re.fullmatch(r"P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?", period.upper())
    if not m or not any(m.groups()):
        return None
    y, mo, d = (int(x) if x else 0 for x in m.groups())
    return y * 365 + mo * 30 + d, (y if y and not mo and not d else None)


def read_bucket(r: Reader, node: N.Resource) -> BucketSpec:
    name = value(r, node, node.get("name"))
    loc = read_location(r, node, node.get("region_name"))
    if node.mode == "data":
        return BucketSpec(name, loc, data=True)
    versioning = node.get("versioning")
    enc = node.get("encryption")
    lock = node.get("object_lock")
    return BucketSpec(
        name, loc, False, _status(E.obj_get(versioning, "status")) if versioning else None,
        Encryption(enc, E.str_value(E.obj_get(enc, "sse_algorithm"))) if enc else None,
        _lock(lock) if lock is not None else None, node.get("replication"), node.get("tags"),
        tuple((k, v) for k in ("owner_id", "hide_objects", "limit", "marker", "prefix")
              if (v := node.get(k)) is not None))


def unread(node: N.Resource, spec: BucketSpec) -> list[tuple[str, E.Expr]]:
    """Settings written as one expression (`versioning = var.v`): the spec cannot say what
    they mean, and a target must not drop them silently."""
    return [(k, v) for k in ("versioning", "encryption")
            if (v := node.get(k)) is not None and not isinstance(v, E.Object)]


def _lock(lock: E.Expr) -> ObjectLock:
    status = E.str_value(E.obj_get(lock, "status"))
    rule = E.obj_get(lock, "rule")
    mode = (E.str_value(E.obj_get(rule, "mode")) or "").lower()
    period = E.str_value(E.obj_get(rule, "period"))
    parsed = iso_days(period) if period else None
    return ObjectLock(lock, None if status is None else status.lower() == "enabled",
                      LockMode(mode) if mode in ("governance", "compliance") else None,
                      period, parsed[0] if parsed else None, parsed[1] if parsed else None)


def read_s3_bucket(r: Reader, node: N.Resource, region: E.Expr | None) -> BucketSpec:
    """An aws_s3_bucket of OVH Object Storage; `region` is its aws provider's (an OVH
    region in lower case: gra, sbg...)."""
    lock = node.get("object_lock_enabled")
    return BucketSpec(value(r, node, node.get("bucket")), read_location(r, node, region),
                      object_lock=ObjectLock(lock, boolean(lock)) if lock is not None else None,
                      tags=node.get("tags"), force_destroy=node.get("force_destroy"),
                      name_prefix=node.get("bucket_prefix"))


def read_s3_versioning(node: N.Resource) -> Flag | None:
    """aws_s3_bucket_versioning: versioning_configuration.status (Enabled, Suspended...)."""
    conf = N.first_object(node.get("versioning_configuration"))
    return _status(E.obj_get(conf, "status"))


def read_user(r: Reader, node: N.Resource) -> UserSpec:
    grants: list[E.Expr] = []
    one = node.get("role_name")
    if one is not None:
        grants.append(one)
    many = node.get("role_names")
    if isinstance(many, E.Tuple):
        grants.extend(many.items)
    roles = []
    for g in grants:
        name = r.literal(g, node)
        roles.append(RoleGrant(g, name, ROLES.get(name or "")))
    return UserSpec(node.get("description"), tuple(roles),
                    many if many is not None and not isinstance(many, E.Tuple) else None,
                    node.get("password_reset"), node.get("openstack_rc"))


def read_credential(r: Reader, node: N.Resource) -> CredentialSpec:
    return CredentialSpec(node.get(node.FIELDS.get("user", "user_id")))


def read_policy(r: Reader, node: N.Resource) -> PolicySpec:
    return PolicySpec(node.get(node.FIELDS.get("user", "user_id")),
                      s3_grants.read_policy(node.get("policy")))
