"""Security groups and their rules (OpenStack on OVH) read into neutral firewall specs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .reader import Reader, Value, value


class Direction(Enum):
    INGRESS = "ingress"
    EGRESS = "egress"


@dataclass(frozen=True, slots=True)
class SecurityGroupSpec:
    name: Value
    description: E.Expr | None
    # OpenStack adds allow-all egress rules unless told not to; most clouds do the same.
    keeps_default_rules: bool


def read_group(r: Reader, node: N.Resource) -> SecurityGroupSpec:
    drop = node.get("delete_default_rules")
    return SecurityGroupSpec(value(r, node, node.get("name")), node.get("description"),
                             not (isinstance(drop, E.Literal) and drop.value is True))


@dataclass(frozen=True, slots=True)
class RuleSpec:
    group: E.Expr | None  # the security group the rule belongs to
    direction: Direction
    ipv6: bool
    protocol: E.Expr | None  # "tcp", "udp", "icmp", a number; None: every protocol
    protocol_text: str | None
    port_min: E.Expr | None
    port_max: E.Expr | None
    cidr: E.Expr | None  # None: anywhere (0.0.0.0/0 or ::/0)
    remote_group: E.Expr | None  # traffic from/to the members of another group
    description: E.Expr | None

    @property
    def anywhere(self) -> str:
        return "::/0" if self.ipv6 else "0.0.0.0/0"


def read_rule(r: Reader, node: N.Resource) -> RuleSpec:
    direction = (r.literal(node.get("direction"), node) or "ingress").lower()
    proto = node.get("protocol")
    return RuleSpec(
        group=node.get("security_group_id"),
        direction=Direction.EGRESS if direction == "egress" else Direction.INGRESS,
        ipv6=(r.literal(node.get("ethertype"), node) or "").lower() == "ipv6",
        protocol=proto, protocol_text=r.literal(proto, node) if proto is not None else None,
        port_min=node.get("port_range_min"), port_max=node.get("port_range_max"),
        cidr=node.get("remote_ip_prefix"), remote_group=node.get("remote_group_id"),
        description=node.get("description"))
