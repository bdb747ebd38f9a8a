"""OVH (Octavia) load balancers read once: size, network placement, listeners, pools, probes."""

from __future__ import annotations

from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from .geo import Location, read_location
from .network import value
from .reader import Reader, Value

SIZES = ("small", "medium", "large", "xl")  # OVH load balancer flavors, smallest first


@dataclass(frozen=True, slots=True)
class Member:
    address: Value
    port: Value
    weight: Value


@dataclass(frozen=True, slots=True)
class HealthCheck:
    kind: Value  # http, https, tcp, ping, udp-connect, tls-hello
    delay_s: Value
    timeout_s: Value
    healthy_after: Value  # max_retries: successes to be healthy again
    unhealthy_after: Value  # max_retries_down
    path: Value
    method: Value
    codes: Value
    version: Value  # HTTP version of the probe (1.0, 1.1)


@dataclass(frozen=True, slots=True)
class Pool:
    algorithm: Value  # roundRobin, leastConnections, sourceIP
    protocol: Value
    members: tuple[Member, ...]
    members_source: E.Expr | None  # a computed member list
    health: HealthCheck | None
    persistence: E.Expr | None


@dataclass(frozen=True, slots=True)
class Listener:
    port: Value
    protocol: Value  # http, https, tcp, udp, terminated-https, prometheus, sctp
    allowed_cidrs: E.Expr | None
    pool: Pool | None
    source: E.Expr  # the listener object, for locations


@dataclass(frozen=True, slots=True)
class LoadBalancerSpec:
    name: Value
    description: Value
    location: Location
    size: str | None  # one of SIZES when the flavor is found by name
    flavor: E.Expr | None
    network: E.Expr | None  # network.private.network.id
    subnet: E.Expr | None  # network.private.network.subnet_id
    floating_ip: E.Expr | None  # an existing floating IP (network.private.floating_ip.id)
    new_floating_ip: bool  # floating_ip_create: the LB gets a public address
    gateway: E.Expr | None  # gateway_create / gateway: the OVH gateway made with the LB
    listeners: tuple[Listener, ...]
    listeners_source: E.Expr | None  # a computed listener list


def flavor_size(expr: E.Expr | None) -> str | None:
    """`[for f in data...flavors : f.id if f.name == "small"][0]` names its size: the literal a
    `.name` is compared with (or a literal size name itself)."""
    if expr is None:
        return None
    for sub in E.walk(expr):
        if isinstance(sub, E.Binary) and sub.op == "==":
            for a, b in ((sub.left, sub.right), (sub.right, sub.left)):
                t = E.traversal(a)
                s = E.str_value(b)
                if t and t[1] and t[1][-1] == ("attr", "name") and s in SIZES:
                    return s
    s = E.str_value(expr)
    return s if s in SIZES else None


def _items(v: E.Expr | None) -> tuple[E.Expr, ...] | None:
    if isinstance(v, (E.Tuple, E.BlockSeq)):
        return v.items
    return None


def _health(r: Reader, node: N.Resource, hm: E.Expr | None) -> HealthCheck | None:
    if not isinstance(hm, E.Object):
        return None
    http = E.obj_get(hm, "http_configuration")

    def v(obj: E.Expr | None, k: str) -> Value:
        return value(r, node, E.obj_get(obj, k))
    return HealthCheck(v(hm, "monitor_type"), v(hm, "delay"), v(hm, "timeout"),
                       v(hm, "max_retries"), v(hm, "max_retries_down"), v(http, "url_path"),
                       v(http, "http_method"), v(http, "expected_codes"),
                       v(http, "http_version"))


def _pool(r: Reader, node: N.Resource, p: E.Expr | None) -> Pool | None:
    if not isinstance(p, E.Object):
        return None
    members = E.obj_get(p, "members")
    items = _items(members)
    out = tuple(Member(value(r, node, E.obj_get(m, "address")),
                       value(r, node, E.obj_get(m, "protocol_port")),
                       value(r, node, E.obj_get(m, "weight"))) for m in items or ())
    return Pool(value(r, node, E.obj_get(p, "algorithm")),
                value(r, node, E.obj_get(p, "protocol")), out,
                members if items is None else None,
                _health(r, node, E.obj_get(p, "health_monitor")),
                E.obj_get(p, "session_persistence"))


def read_loadbalancer(r: Reader, node: N.Resource) -> LoadBalancerSpec:
    private = E.obj_get(N.first_object(node.get("network")), "private")
    net = E.obj_get(private, "network")
    fip = E.obj_get(private, "floating_ip")
    gw = E.obj_get(private, "gateway")
    listeners = node.get("listeners")
    items = _items(listeners)
    flavor = node.get("flavor_id")
    return LoadBalancerSpec(
        value(r, node, node.get("name")), value(r, node, node.get("description")),
        read_location(r, node, node.get("region_name")), flavor_size(flavor), flavor,
        E.obj_get(net, "id"), E.obj_get(net, "subnet_id"), E.obj_get(fip, "id"),
        E.obj_get(private, "floating_ip_create") is not None,
        E.obj_get(gw, "id") if gw is not None else E.obj_get(private, "gateway_create"),
        tuple(Listener(value(r, node, E.obj_get(lst, "port")),
                       value(r, node, E.obj_get(lst, "protocol")),
                       E.obj_get(lst, "allowed_cidrs"), _pool(r, node, E.obj_get(lst, "pool")),
                       lst) for lst in items or ()),
        listeners if items is None and listeners is not None else None)
