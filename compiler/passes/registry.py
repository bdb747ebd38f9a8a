"""OVH managed private registries (Harbor) read once into neutral specs for any target."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .reader import Reader, Value, value


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


class HarborObject(str, Enum):
    """What a Harbor object (the software behind OVH Managed Private Registry) is for."""

    NAMESPACE = "namespace"  # a project: a tree of image repositories
    ROBOT = "robot"  # a machine credential
    USER = "user"
    MEMBER = "member"  # a user's role in a project
    GROUP_MEMBER = "group_member"
    RETENTION = "retention"  # which tags are kept
    GARBAGE_COLLECTION = "garbage_collection"
    IMMUTABLE_TAGS = "immutable_tags"
    UPSTREAM = "upstream"  # another registry, for proxying or replication
    REPLICATION = "replication"
    OTHER = "other"


HARBOR = {"harbor_project": HarborObject.NAMESPACE, "harbor_robot_account": HarborObject.ROBOT,
          "harbor_user": HarborObject.USER,
          "harbor_project_member_user": HarborObject.MEMBER,
          "harbor_project_member_group": HarborObject.GROUP_MEMBER,
          "harbor_retention_policy": HarborObject.RETENTION,
          "harbor_garbage_collection": HarborObject.GARBAGE_COLLECTION,
          "harbor_immutable_tag_rule": HarborObject.IMMUTABLE_TAGS,
          "harbor_registry": HarborObject.UPSTREAM, "harbor_replication": HarborObject.REPLICATION}


def harbor_object(node: N.Resource) -> HarborObject:
    return HARBOR.get(node.type, HarborObject.OTHER)
