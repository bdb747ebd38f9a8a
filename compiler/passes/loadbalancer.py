"""OVH (Octavia) load balancers read once: size, network placement, listeners, pools, probes."""

from __future__ import annotations

from collections.abc import Iterable
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


# -- OpenStack Octavia: the same load balancer written as linked resources ------------------
OCTAVIA = "openstack_lb_loadbalancer_v2"
OCTAVIA_PARTS = ("openstack_lb_listener_v2", "openstack_lb_pool_v2", "openstack_lb_member_v2",
                 "openstack_lb_monitor_v2")
FLOATING_ASSOCIATE = "openstack_networking_floatingip_associate_v2"
# Octavia's spellings of what OVH's load balancer says (the lowerings read OVH's).
_OCTAVIA_ALGO = {"ROUND_ROBIN": "roundRobin", "LEAST_CONNECTIONS": "leastConnections",
                 "SOURCE_IP": "sourceIP"}
# What each part contributes to the spec; any other argument is the caller's to report.
OCTAVIA_READ = {
    OCTAVIA: ("name", "description", "region", "vip_network_id", "vip_subnet_id", "flavor_id",
              "tenant_id", "admin_state_up"),
    "openstack_lb_listener_v2": ("loadbalancer_id", "protocol", "protocol_port",
                                 "allowed_cidrs", "default_pool_id", "name", "region",
                                 "admin_state_up"),
    "openstack_lb_pool_v2": ("listener_id", "loadbalancer_id", "protocol", "lb_method",
                             "persistence", "name", "region", "admin_state_up"),
    "openstack_lb_member_v2": ("pool_id", "address", "protocol_port", "weight", "name",
                               "subnet_id", "region", "admin_state_up"),
    FLOATING_ASSOCIATE: ("port_id", "floating_ip", "region"),
    "openstack_lb_monitor_v2": ("pool_id", "type", "delay", "timeout", "max_retries",
                                "max_retries_down", "url_path", "http_method",
                                "expected_codes", "name", "region", "admin_state_up"),
}


def _spelled(v: Value, table: dict[str, str] | None = None) -> Value:
    """An Octavia literal in OVH's spelling (`TERMINATED_HTTPS` -> `terminated-https`)."""
    if v.text is None:
        return v
    return Value(v.source, table.get(v.text.upper(), v.text) if table is not None
                 else v.text.lower().replace("_", "-"))


def _linked(r: Reader, parts: Iterable[N.Resource], type_: str, arg: str,
            to: N.Resource) -> list[N.Resource]:
    """The `type_` resources whose `arg` references `to`."""
    return [p for p in parts if p.type == type_ and p.get(arg) is not None and
            (t := r.resolve(p.get(arg), p.module)) is not None and
            (t.type, t.name) == (to.type, to.name)]


def octavia_parent(r: Reader, part: N.Resource) -> N.Resource | None:
    """The load balancer an Octavia listener, pool, member or monitor belongs to (or a
    floating IP association made on its VIP port)."""
    for arg in ("loadbalancer_id", "listener_id", "pool_id", "port_id"):
        t = r.resolve(part.get(arg), part.module) if part.get(arg) is not None else None
        if t is not None:
            return t if t.type == OCTAVIA else octavia_parent(r, t)
    return None


def read_octavia(r: Reader, node: N.Resource, parts: Iterable[N.Resource]) -> LoadBalancerSpec:
    """An openstack_lb_loadbalancer_v2 with its listeners, pools, members and monitors
    (resources of the same module that reference it) as one OVH-shaped spec."""
    every = [p for p in parts if p.type in OCTAVIA_PARTS]
    listeners = []
    for lst in _linked(r, every, "openstack_lb_listener_v2", "loadbalancer_id", node):
        pools = _linked(r, every, "openstack_lb_pool_v2", "listener_id", lst)
        default = r.resolve(lst.get("default_pool_id"), lst.module) \
            if lst.get("default_pool_id") is not None else None
        if default is not None and default.type == "openstack_lb_pool_v2" and \
                all(p.name != default.name for p in pools):
            pools.append(default)
        listeners.append(Listener(value(r, lst, lst.get("protocol_port")),
                                  _spelled(value(r, lst, lst.get("protocol"))),
                                  lst.get("allowed_cidrs"),
                                  _octavia_pool(r, pools[0], every) if pools else None,
                                  lst.get("protocol") or E.Literal(lst.address, span=lst.span)))
    # A floating IP associated with the VIP port publishes it (OVH's floating_ip_create).
    public = any(p.type == FLOATING_ASSOCIATE and (t := octavia_parent(r, p)) is not None and
                 (t.type, t.name) == (node.type, node.name) for p in parts)
    return LoadBalancerSpec(
        value(r, node, node.get("name")), value(r, node, node.get("description")),
        read_location(r, node, node.get("region")), flavor_size(node.get("flavor_id")),
        node.get("flavor_id"), node.get("vip_network_id"), node.get("vip_subnet_id"),
        None, public, None, tuple(listeners), None)


def _octavia_pool(r: Reader, pool: N.Resource, every: list[N.Resource]) -> Pool:
    members = tuple(Member(value(r, m, m.get("address")), value(r, m, m.get("protocol_port")),
                           value(r, m, m.get("weight")))
                    for m in _linked(r, every, "openstack_lb_member_v2", "pool_id", pool))
    monitors = _linked(r, every, "openstack_lb_monitor_v2", "pool_id", pool)
    health = None
    if monitors:
        m = monitors[0]

        def v(k: str) -> Value:
            return value(r, m, m.get(k))
        health = HealthCheck(_spelled(v("type")), v("delay"), v("timeout"), v("max_retries"),
                             v("max_retries_down"), v("url_path"), v("http_method"),
                             v("expected_codes"), Value(None))
    return Pool(_spelled(value(r, pool, pool.get("lb_method")), _OCTAVIA_ALGO),
                _spelled(value(r, pool, pool.get("protocol"))), members, None, health,
                pool.get("persistence"))
