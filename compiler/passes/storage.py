"""OVH object storage and container registries read once into neutral specs for any target."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from . import s3_grants
from .geo import Location, read_location
from .reader import Reader, Value, value


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


# --- lifecycle --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Filter:
    prefix: E.Expr | None = None
    tags: E.Expr | None = None
    size_greater_than: E.Expr | None = None  # bytes
    size_less_than: E.Expr | None = None
    source: E.Expr | None = None
    conjunction: E.Expr | None = None  # `and`: predicates combined (S3's own spelling)

    @property
    def narrows(self) -> tuple[str, ...]:
        """The conditions besides the prefix (a target without them must not drop them)."""
        return tuple(k for k, v in (("tags", self.tags), ("object_size_greater_than",
                                    self.size_greater_than), ("object_size_less_than",
                                    self.size_less_than)) if v is not None)


@dataclass(frozen=True, slots=True)
class Transition:
    source: E.Object
    storage_class: str | None  # the S3 class name as written (STANDARD_IA, GLACIER...)
    days: E.Expr | None = None  # days after creation (or after becoming noncurrent)
    date: E.Expr | None = None
    newer_versions: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class Expiration:
    source: E.Object
    days: E.Expr | None = None
    date: E.Expr | None = None
    delete_markers: E.Expr | None = None  # expired_object_delete_marker


@dataclass(frozen=True, slots=True)
class NoncurrentExpiration:
    source: E.Object
    days: E.Expr | None = None
    newer_versions: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class LifecycleRule:
    source: E.Object
    id: E.Expr | None
    enabled: bool | None  # None: computed status
    status: E.Expr | None
    filter: Filter
    expiration: Expiration | None = None
    transitions: tuple[Transition, ...] = ()
    noncurrent_expiration: NoncurrentExpiration | None = None
    noncurrent_transitions: tuple[Transition, ...] = ()
    abort_multipart_days: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class LifecycleSpec:
    bucket: E.Expr | None  # container_name as written (a reference or a literal name)
    location: Location
    rules: tuple[LifecycleRule, ...] | None  # None: the rules come from an expression
    rules_source: E.Expr | None = None
    computed_rules: tuple[E.Expr, ...] = ()  # rules of the list that are expressions


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


# --- registries --------------------------------------------------------------------------------

class PlanSize(str, Enum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


@dataclass(frozen=True, slots=True)
class RegistrySpec:
    name: Value
    location: Location
    data: bool = False
    plan: PlanSize | None = None  # from the capabilities filter the plan_id reads, if any
    plan_source: E.Expr | None = None


@dataclass(frozen=True, slots=True)
class RegistryUserSpec:
    registry: E.Expr | None
    login: Value
    email: E.Expr | None


@dataclass(frozen=True, slots=True)
class IpRule:
    cidr: E.Expr | None
    description: E.Expr | None
    source: E.Expr


@dataclass(frozen=True, slots=True)
class IpRestrictionSpec:
    registry: E.Expr | None
    scope: str  # "registry" (docker pull/push) or "management" (the Harbor UI and API)
    rules: tuple[IpRule, ...] | None  # None: computed list
    source: E.Expr | None = None


@cache
def _fields() -> dict[str, dict[str, dict[str, dict[str, str]]]]:
    data: dict[str, dict[str, dict[str, dict[str, str]]]] = json.loads(
        Path(__file__).with_name("fields_storage.json").read_text())
    return data


def ovh_only(node: N.Resource, arg: str) -> str:
    """Why argument `arg` of `node` means nothing outside OVH (fields_storage.json)."""
    section = "data_sources" if node.mode == "data" else "resources"
    entry = _fields()[section].get(node.canonical_type or node.type, {}).get(arg, {})
    return entry.get("ovh_only", "it has no meaning outside OVH")


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


def _objects(v: E.Expr | None) -> tuple[E.Object, ...]:
    if isinstance(v, E.Tuple):
        return tuple(i for i in v.items if isinstance(i, E.Object))
    return (v,) if isinstance(v, E.Object) else ()


def _transition(t: E.Object, days_key: str) -> Transition:
    return Transition(t, E.str_value(E.obj_get(t, "storage_class")), E.obj_get(t, days_key),
                      E.obj_get(t, "date"), E.obj_get(t, "newer_noncurrent_versions"))


def read_rule(rule: E.Object) -> LifecycleRule:
    status = E.obj_get(rule, "status")
    s = E.str_value(status)
    f = E.obj_get(rule, "filter")
    flt = Filter(E.obj_get(f, "prefix") if f is not None else E.obj_get(rule, "prefix"),
                 E.obj_get(f, "tags"), E.obj_get(f, "object_size_greater_than"),
                 E.obj_get(f, "object_size_less_than"), f, E.obj_get(f, "and"))
    exp = E.obj_get(rule, "expiration")
    nve = E.obj_get(rule, "noncurrent_version_expiration")
    abort = E.obj_get(rule, "abort_incomplete_multipart_upload")
    return LifecycleRule(
        rule, E.obj_get(rule, "id"), None if s is None else s.lower() == "enabled", status, flt,
        Expiration(exp, E.obj_get(exp, "days"), E.obj_get(exp, "date"),
                   E.obj_get(exp, "expired_object_delete_marker"))
        if isinstance(exp, E.Object) else None,
        tuple(_transition(t, "days") for t in _objects(E.obj_get(rule, "transitions"))),
        NoncurrentExpiration(nve, E.obj_get(nve, "noncurrent_days"),
                             E.obj_get(nve, "newer_noncurrent_versions"))
        if isinstance(nve, E.Object) else None,
        tuple(_transition(t, "noncurrent_days")
              for t in _objects(E.obj_get(rule, "noncurrent_version_transitions"))),
        E.obj_get(abort, "days_after_initiation") if isinstance(abort, E.Object) else None)


def read_lifecycle(r: Reader, node: N.Resource) -> LifecycleSpec:
    rules = node.get("rules")
    loc = read_location(r, node, node.get("region_name"))
    if not isinstance(rules, E.Tuple):
        return LifecycleSpec(node.get("container_name"), loc, None, rules)
    return LifecycleSpec(node.get("container_name"), loc,
                         tuple(read_rule(x) for x in rules.items if isinstance(x, E.Object)),
                         rules, tuple(x for x in rules.items if not isinstance(x, E.Object)))


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


def read_registry(r: Reader, node: N.Resource) -> RegistrySpec:
    name = value(r, node, node.get("name"))
    region = node.get("region")
    # `region = data.<capabilities filter>.region`: the filter's literal region.
    lookup = r.resolve(region, node.module) if region is not None and \
        E.str_value(region) is None else None
    loc = read_location(r, node, lookup.get("region") if lookup is not None and
                        _is_filter(lookup) else region)
    if lookup is not None and _is_filter(lookup) and loc.geo is not None:
        loc = Location(region, loc.geo, loc.text)
    if node.mode == "data":
        return RegistrySpec(name, loc, data=True)
    plan_id = node.get("plan_id")
    plan = None
    filt = r.resolve(plan_id, node.module) if plan_id is not None else None
    if filt is not None and _is_filter(filt):
        text = (r.literal(filt.get("plan_name"), filt) or "").lower()
        plan = PlanSize(text) if text in {p.value for p in PlanSize} else None
    return RegistrySpec(name, loc, False, plan, plan_id)


def _is_filter(node: N.Resource) -> bool:
    return node.type.endswith("capabilities_containerregistry_filter")


def read_registry_user(r: Reader, node: N.Resource) -> RegistryUserSpec:
    return RegistryUserSpec(node.get(node.FIELDS.get("registry", "registry_id")),
                            value(r, node, node.get("login")), node.get("email"))


def read_ip_restriction(r: Reader, node: N.Resource) -> IpRestrictionSpec:
    scope = "management" if node.type.endswith("_management") else "registry"
    src = node.get("ip_restrictions")
    registry = node.get(node.FIELDS.get("registry", "registry_id"))
    if not isinstance(src, E.Tuple):
        return IpRestrictionSpec(registry, scope, None, src)
    rules = tuple(IpRule(E.obj_get(i, "ip_block"), E.obj_get(i, "description"), i)
                  for i in src.items)
    return IpRestrictionSpec(registry, scope, rules, src)
