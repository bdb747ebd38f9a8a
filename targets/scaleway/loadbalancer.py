"""Scaleway lowering of OVH (Octavia) load balancers: scaleway_lb, its IP, backends, frontends."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes.network import value

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from . import common as C
from . import gateway as G

LB_T, IP, BACKEND, FRONTEND = ("scaleway_lb", "scaleway_lb_ip", "scaleway_lb_backend",
                               "scaleway_lb_frontend")
# OVH listener protocol -> Scaleway forward protocol (frontends take what the backend says)
_PROTOCOLS = {"http": "http", "tcp": "tcp", "https": "tcp", "terminated-https": "http"}
_ALGORITHMS = {"roundrobin": "roundrobin", "leastconnections": "leastconn"}
_HEALTH = {"http": "health_check_http", "https": "health_check_https", "tcp": "health_check_tcp"}


def declare_loadbalancer(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{LB_T}.{node.name}", {
        "vip_address": "{self}.private_ips[0].address", "name": "{self}.name",
        "floating_ip.ip": f"{IP}.{node.name}.ip_address",
        "region": "{self}.region"})


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    spec = LB.read_loadbalancer(ctx, node)
    u, b = ST.begin(ctx, node, LF.READ, LB_T)
    b.set("name", ST.written_or(ctx, node, spec.name, E.Literal(C.scw_name(node.name))))
    if spec.description.source is not None:
        b.set("description", ctx.rewrite(spec.description.source, node.module))
    b.set("type", _type(ctx, node, spec))
    _zone(ctx, node, spec, b)
    public = spec.new_floating_ip or spec.floating_ip is not None
    if public:
        ip = TfBlock("resource", (IP, node.name))
        P.emit_meta(ctx, ip, meta_only(node), {})
        _zone(ctx, node, spec, ip)
        ip.note(f"the public address of {node.address} (its OVH floating IP)")
        ctx.emit(node.span, ip)
        b.set("ip_ids", E.Tuple((same(node, IP, "id"),)))
        LF.fip_description(ctx, node, "a Load Balancer IP has none (tags, reverse DNS only)")
        if spec.floating_ip is not None:
            ctx.sink.add("IT301", spec.floating_ip.span or node.span, f"the existing floating "
                         f"IP of {node.address} becomes a new Load Balancer IP",
                         "move DNS records to its address (scaleway_lb_ip.ip_address)")
    else:
        b.set("assign_flexible_ip", E.Literal(False),
              "a private load balancer: OVH gave it no floating IP")
    net = spec.subnet or spec.network
    if net is not None:
        b.block("private_network").set("private_network_id", ctx.rewrite(net, node.module))
    P.place(ctx, node, b)
    _gateway(ctx, node, spec)
    LF.computed_listeners(ctx, node, spec, "frontend or backend",
                          f"write a {FRONTEND} and a {BACKEND} per listener (for_each)")
    for lst, label in LF.listeners(node, spec):
        _listener(ctx, node, lst, label)
    u.done()


def _gateway(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    """`gateway_create` gave the load balancer's subnet a gateway (the backends' egress): a
    Public Gateway attached to its Private Network, unless one already is; an existing OVH
    gateway (`gateway.id`) is the one translated where it is declared."""
    create = LF.private(node, "gateway_create")
    if spec.gateway is None:
        return
    if create is None:
        ctx.sink.add("IT301", spec.gateway.span or node.span, f"the gateway {node.address} "
                     "names is not an argument of a Scaleway Load Balancer: its backends "
                     "egress through the Public Gateway attached to their Private Network")
        return
    subnet = spec.subnet
    sub = ctx.resolve(subnet, node.module) if subnet is not None else None
    if subnet is None or sub is None or G.attached(ctx, sub):
        ctx.sink.add("IT301", create.span or node.span, f"the gateway {node.address} creates "
                     "is not made: " + ("its subnet's Public Gateway already serves it" if sub
                                        else "its subnet is not declared in this module"),
                     "" if sub else "attach a Public Gateway to that Private Network")
        return
    label = f"{node.name}_gateway"
    name = E.obj_get(create, "name")
    model = value(ctx, node, E.obj_get(create, "model"))
    ip, gw = G.public_gateway(ctx, node, label, ctx.rewrite(name, node.module)
                              if name is not None else None, model, spec.location.source)
    gw.note(f"the gateway {node.address} creates for its subnet (gateway_create)")
    gn = G.gateway_network(ctx, node, label, same(node, G.GW, "id", label),
                           ctx.rewrite(subnet, node.module))
    for block in (ip, gw, gn):
        ctx.emit(node.span, block)


def _type(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> E.Expr:
    table = C.platform()["lb_types"]
    kind = table["flavors"].get(spec.size or "")
    span = spec.flavor.span if spec.flavor is not None else node.span
    if kind is None:
        ctx.sink.add("IT308", span, f"the flavor of {node.address} is not one of "
                     f"{', '.join(LB.SIZES)}: the Load Balancer is {table['default']}",
                     "set `type` (LB-S, LB-GP-M, LB-GP-L, LB-GP-XL)")
        return E.Literal(table["default"])
    ctx.sink.add("IT301", span, f"OVH load balancer flavor `{spec.size}` of {node.address} "
                 f"becomes the Load Balancer type {kind}", table["note"])
    return E.Literal(kind)


def _zone(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, b: TfBlock) -> None:
    """Load Balancers are zonal: the mapped region's first zone, unless the provider's."""
    region = C.map_region(ctx, node, spec.location.source)
    text = E.str_value(region)
    zones = C.zones_in(ctx, text) if text else ()
    if zones and text != E.str_value(ctx.default_region.get(node.module)):
        b.set("zone", E.Literal(zones[0]))


def _listener(ctx: Ctx, node: N.Resource, lst: LB.Listener, label: str) -> None:
    """One OVH listener and its pool: a backend (servers, balancing, health check) and the
    frontend on the listener's port."""
    span = lst.source.span or node.span
    LF.unread(ctx, node, lst, "the Scaleway frontend and backend have no such setting",
              "set the nearest timeout_*/health_check_* argument by hand if it mattered")
    proto, forward = LF.forward(ctx, node, lst, _PROTOCOLS, "Scaleway Load Balancers forward "
                                "TCP and HTTP only", "use a Kubernetes Service or an Instance "
                                "for UDP/SCTP traffic")
    if forward is None:
        return
    if proto in ("https", "terminated-https"):
        ctx.sink.add("IT301" if proto == "https" else "IT308", span, f"listener "
                     f"{lst.port.text} of {node.address} ({proto}) " + (
                         "passes TLS through as TCP" if proto == "https" else
                         "terminates TLS: the frontend needs a certificate"),
                     "add certificate_ids (scaleway_lb_certificate) to the frontend"
                     if proto != "https" else "")
    be = TfBlock("resource", (BACKEND, label))
    P.emit_meta(ctx, be, meta_only(node), {})
    be.set("lb_id", same(node, LB_T, "id"))
    be.set("name", E.Literal(C.scw_name(label)))
    be.set("forward_protocol", E.Literal(forward))
    pool = lst.pool
    _servers(ctx, node, pool, lst, be)
    if pool is not None:
        _balancing(ctx, node, pool, be)
        _health(ctx, node, pool, be)
    ctx.emit(node.span, be)
    fe = TfBlock("resource", (FRONTEND, label))
    P.emit_meta(ctx, fe, meta_only(node), {})
    fe.set("lb_id", same(node, LB_T, "id"))
    fe.set("backend_id", same(node, BACKEND, "id", label))
    fe.set("name", E.Literal(C.scw_name(label)))
    fe.set("inbound_port", ctx.rewrite(lst.port.source, node.module) if lst.port.source
           else E.Literal("TODO(IT308): the listener's port"))
    _acl(ctx, node, lst, fe)
    ctx.emit(node.span, fe)


def _servers(ctx: Ctx, node: N.Resource, pool: LB.Pool | None, lst: LB.Listener,
             be: TfBlock) -> None:
    members = pool.members if pool is not None else ()
    first = members[0].port.source if members else None
    be.set("forward_port", ctx.rewrite(first, node.module) if first is not None else
           ctx.rewrite(lst.port.source, node.module) if lst.port.source is not None else None)
    LF.member_ports(ctx, node, lst, members, "a Scaleway backend forwards to one port, the "
                    "first member's", "split the pool into one backend per port")
    if members:
        # (a member naming one instance of a counted server, `dns[1]`, reads that instance's
        # flexible IP: the rule writes the reference's own key, tfbase/refs `{keys}`)
        be.set("server_ips", E.Tuple(tuple(ctx.rewrite(m.address.source, node.module)
                                           for m in members if m.address.source is not None)))
    elif pool is not None and pool.members_source is not None:
        # (over a counted server's instances, each reads its flexible IP by the for's key:
        # tfbase/context _rewrite_for_variable)
        members_src = ctx.rewrite(pool.members_source, node.module)
        be.set("server_ips", E.ForExpr(None, "m", members_src, E.GetAttr(E.Var("m"), "address")))
    LF.member_weights(ctx, node, lst, members, "a Scaleway backend balances its servers "
                      "equally")


def _balancing(ctx: Ctx, node: N.Resource, pool: LB.Pool, be: TfBlock) -> None:
    algo = (pool.algorithm.text or "").lower()
    if algo == "sourceip":
        be.set("forward_port_algorithm", E.Literal("roundrobin"))
        be.set("sticky_sessions", E.Literal("table"), "OVH sourceIP: clients stick to a server")
    elif algo in _ALGORITHMS:
        be.set("forward_port_algorithm", E.Literal(_ALGORITHMS[algo]))
    elif pool.algorithm.source is not None:
        ctx.sink.add("IT308", pool.algorithm.source.span or node.span, f"balancing algorithm "
                     f"`{algo or 'computed'}` of {node.address} is not known: round robin",
                     "set forward_port_algorithm (roundrobin, leastconn, first)")
    if pool.persistence is not None:
        ctx.sink.add("IT302", pool.persistence.span or node.span, f"the session persistence "
                     f"of {node.address} is not translated", "set sticky_sessions (cookie "
                     "with sticky_sessions_cookie_name, or table) on the backend")


def _health(ctx: Ctx, node: N.Resource, pool: LB.Pool, be: TfBlock) -> None:
    hc = pool.health
    if hc is None:
        return
    kind = (hc.kind.text or "").lower()
    for attr, v in (("health_check_delay", hc.delay_s), ("health_check_timeout", hc.timeout_s)):
        if v.text is not None and v.text.isdigit():
            be.set(attr, E.Literal(f"{v.text}s"))
        elif v.source is not None:
            be.set(attr, E.Template((E.Interp(ctx.rewrite(v.source, node.module)), "s")))
    if hc.unhealthy_after.source is not None:
        be.set("health_check_max_retries", ctx.rewrite(hc.unhealthy_after.source, node.module))
    if hc.healthy_after.source is not None:
        ctx.sink.add("IT302", hc.healthy_after.source.span or node.span, f"`max_retries` of "
                     f"{node.address}'s health monitor (checks to be healthy again) is not "
                     "translated: Scaleway counts failures only (health_check_max_retries)")
    block = _HEALTH.get(kind)
    if block is None:
        LF.tcp_instead(ctx, node, hc, kind, "check", "Scaleway checks TCP, HTTP, HTTPS, "
                       "MySQL, PgSQL, Redis, LDAP")
        block = "health_check_tcp"
    h = be.block(block)
    if block == "health_check_tcp":
        return
    h.set("uri", ctx.rewrite(hc.path.source, node.module) if hc.path.source else
          E.Literal("/"))
    if hc.method.source is not None:
        h.set("method", ctx.rewrite(hc.method.source, node.module))
    code = hc.codes.text
    if code is not None and code.isdigit():
        h.set("code", E.Literal(int(code), code))
    elif hc.codes.source is not None:
        ctx.sink.add("IT301", hc.codes.source.span or node.span, f"expected codes `{code}` "
                     f"of {node.address}'s health monitor: Scaleway expects one code",
                     "set health_check_http.code (any 2xx/3xx is healthy without it)")
    if hc.version.source is not None:
        ctx.sink.add("IT302", hc.version.source.span or node.span, f"the HTTP version of "
                     f"{node.address}'s health monitor is not translated: Scaleway chooses it")


def _acl(ctx: Ctx, node: N.Resource, lst: LB.Listener, fe: TfBlock) -> None:
    """allowed_cidrs: allow them, then deny the rest (no ACL when everyone is allowed)."""
    cidrs = lst.allowed_cidrs
    if cidrs is None:
        return
    if LF.open_to_all(cidrs):
        return
    allow = fe.block("acl")
    allow.set("name", E.Literal("allowed-cidrs"))
    allow.block("action").set("type", E.Literal("allow"))
    allow.block("match").set("ip_subnet", ctx.rewrite(cidrs, node.module))
    deny = fe.block("acl")
    deny.set("name", E.Literal("deny-others"))
    deny.block("action").set("type", E.Literal("deny"))
    deny.block("match").set("ip_subnet", E.Tuple((E.Literal("0.0.0.0/0"),)))


DECLARE: dict[str, Declaring] = {"LoadBalancer": declare_loadbalancer}
LOWER: dict[str, Lowering] = {"LoadBalancer": lower_loadbalancer}
