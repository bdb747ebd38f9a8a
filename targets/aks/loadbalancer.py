"""AKS lowering of OVH load balancers: a Standard azurerm_lb, frontend IP, pools, probes, rules."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes.network import value

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase import readings
from ..tfbase import start as ST
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import gateway as G
from . import lb_backends as LBB
from . import octavia_parts as O

# (An OVH load balancer is an Octavia L4/L7 proxy; the Azure one with the same place in a
# network is the Standard Load Balancer, L4 only: HTTP listeners forward TCP, and only TLS
# termination needs an Application Gateway (its own subnet and certificate), so that is the
# one listener kind reported instead of translated.)
LB_T, POOL, ADDR, PROBE, RULE = ("azurerm_lb", "azurerm_lb_backend_address_pool",
                                 "azurerm_lb_backend_address_pool_address", "azurerm_lb_probe",
                                 "azurerm_lb_rule")
FRONTEND = "frontend"
_PROTOCOLS = {"tcp": "Tcp", "udp": "Udp", "http": "Tcp", "https": "Tcp"}
_PROBES = {"http": "Http", "https": "Https", "tcp": "Tcp"}


def declare_loadbalancer(ctx: Ctx, node: N.Resource,
                         spec: LB.LoadBalancerSpec | None = None) -> RefTarget:
    spec = spec or LB.read_loadbalancer(ctx, node)
    public = spec.new_floating_ip or spec.floating_ip is not None
    fip = O.vip_floating_ip(ctx, node)
    # (declaring: the floating IP's own target may not be declared yet; it is PIP.<label>)
    address = f"{G.PIP}.{(fip or node).name}.ip_address"
    vip = address if public else "{self}.frontend_ip_configuration[0].private_ip_address"
    return RefTarget(f"{LB_T}.{node.name}", {
        "vip_address": vip, "name": "{self}.name",
        "floating_ip.ip": address, "region": "{self}.location"})


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, LB_T)
    for k in LF.READ:
        u.raw(k)
    lower(ctx, node, LB.read_loadbalancer(ctx, node))
    u.done()


def lower(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    """The azurerm_lb of an OVH or Octavia load balancer's spec, and its parts."""
    b = TfBlock("resource", (LB_T, node.name))
    b.set("name", ST.written_or(ctx, node, spec.name, C.instance_name(node, node.name, 80)))
    group, where = C.resource_group(ctx, node.module,
                                    C.map_region(ctx, node, spec.location.source))
    b.set("location", where)
    b.set("resource_group_name", group)
    b.set("sku", E.Literal("Standard"))
    _flavor(ctx, node, spec)
    if spec.description.source is not None:
        ctx.sink.add("IT302", spec.description.source.span or node.span, f"the description "
                     f"of {node.address} is not translated: an Azure load balancer has none "
                     "(tags only)")
    fe = b.block("frontend_ip_configuration")
    fe.set("name", E.Literal(FRONTEND))
    fip = O.vip_floating_ip(ctx, node)
    if fip is not None:  # (an Octavia VIP's floating IP: its own azurerm_public_ip)
        fe.set("public_ip_address_id", O.floating_ip_ref(ctx, fip, "id"))
    elif spec.new_floating_ip or spec.floating_ip is not None:
        ip = G.public_ip(ctx, node, node.name, spec.location.source)
        ip.note(f"the public address of {node.address} (its OVH floating IP)")
        ctx.emit(node.span, ip)
        fe.set("public_ip_address_id", same(node, G.PIP, "id"))
        LF.fip_description(ctx, node, "an Azure public IP has none (tags)")
        if spec.floating_ip is not None:
            ctx.sink.add("IT301", spec.floating_ip.span or node.span, f"the existing floating "
                         f"IP of {node.address} becomes a new Azure public IP",
                         f"move DNS records to its address ({G.PIP}.{node.name}.ip_address)")
    elif spec.subnet is not None:
        fe.set("subnet_id", ctx.rewrite(spec.subnet, node.module))
        fe.set("private_ip_address_allocation", E.Literal("Dynamic"))
    else:
        fe.set("subnet_id", E.Literal("TODO(IT308): the load balancer's subnet"))
        ctx.sink.add("IT308", node.span, f"{node.address} has neither a floating IP nor a "
                     "subnet: its internal frontend needs an Azure subnet", "set subnet_id")
    P.place(ctx, node, b)
    _gateway(ctx, node, spec)
    LF.computed_listeners(ctx, node, spec, "rule or backend pool",
                          f"write an {RULE}, {PROBE} and {POOL} per listener (for_each)")
    listeners = list(LF.listeners(node, spec))
    openings = [o for lst, label in listeners
                if (o := _listener(ctx, node, spec, lst, label)) is not None]
    public = fe.get("public_ip_address_id") is not None
    opened = LBB.open_backends(ctx, node, listeners, openings, group, where, public)
    if not opened:
        for lst, _ in listeners:
            _acl(ctx, node, lst)
    if public and spec.listeners and not opened:
        ports = ", ".join(str(lst.port.text or "?") for lst in spec.listeners)
        ctx.sink.add("IT301", node.span, f"the public frontend of {node.address} is closed "
                     f"until a network security group on its members' NICs or subnet allows "
                     f"port {ports} from the Internet (a Standard load balancer admits nothing "
                     "an NSG does not; OVH's accepts all)", "add an azurerm_network_security_"
                     "group with an inbound Allow rule and associate it with the subnet")


def _flavor(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    if spec.flavor is None:
        return
    ctx.sink.add("IT301", spec.flavor.span or node.span, f"OVH load balancer flavor "
                 f"`{spec.size or 'computed'}` of {node.address} becomes an Azure Standard "
                 "load balancer", "it has no sizes: it scales with the traffic (billed per "
                 "rule and processed GB)")


def _gateway(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    """`gateway_create` gave the load balancer's subnet an egress gateway: a NAT gateway
    associated with that subnet, unless one already is; an existing OVH gateway
    (`gateway.id`) is the one translated where it is declared."""
    if spec.gateway is None:
        return
    create = LF.private(node, "gateway_create")
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    served = sub is not None and G.nat_association(ctx, sub, lbs=False) is not None
    if create is None or served or sub is None or spec.subnet is None:
        ctx.sink.add("IT301", spec.gateway.span or node.span, f"the gateway of {node.address} "
                     "is not part of an Azure load balancer: its backends egress through "
                     + ("the NAT gateway associated with their subnet" if served else
                        "the NAT gateway of the OVH gateway it names" if create is None else
                        "Azure's default outbound access: its subnet is not declared here"),
                     "" if served or create is None else
                     f"associate an {G.NAT} with that subnet ({G.NAT_SUB})")
        return
    label = f"{node.name}_gateway"
    name = E.obj_get(create, "name")
    ip, nat, assoc = G.nat_gateway(ctx, node, label, ctx.rewrite(name, node.module)
                                   if name is not None else None,
                                   value(ctx, node, E.obj_get(create, "model")),
                                   spec.location.source)
    P.emit_meta(ctx, nat, meta_only(node), {})
    nat.note(f"the gateway {node.address} creates for its subnet (gateway_create)")
    sa = G.subnet_association(ctx, node, label, subnet=ctx.rewrite(spec.subnet, node.module),
                              nat=same(node, G.NAT, "id", label))
    for block in (ip, nat, assoc, sa):
        ctx.emit(node.span, block)


def _listener(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, lst: LB.Listener,
              label: str) -> LBB.Opening | None:
    """One OVH listener and its pool: a backend pool with the members' addresses, a probe
    and a load-balancing rule from the frontend's port to the members' port; what an NSG
    on the members must open (None: nothing forwarded)."""
    span = lst.source.span or node.span
    LF.unread(ctx, node, lst, "an Azure load balancing rule has no such setting")
    proto, forward = LF.forward(ctx, node, lst, _PROTOCOLS, "an Azure load balancer forwards "
                                "TCP and UDP (TLS termination needs an Application Gateway)",
                                "use azurerm_application_gateway with the certificate, or "
                                "terminate TLS on the members and forward TCP")
    if forward is None:
        return None
    if proto in ("http", "https"):
        ctx.sink.add("IT301", span, f"listener {lst.port.text} of {node.address} ({proto}) "
                     "forwards TCP: an Azure load balancer does not proxy HTTP (no headers "
                     "added, no HTTP routing)", "use an Application Gateway if they matter")
    pool = lst.pool
    pb = TfBlock("resource", (POOL, label))
    P.emit_meta(ctx, pb, meta_only(node), {})
    pb.set("name", E.Literal(C.az_name(label, 80)))
    pb.set("loadbalancer_id", same(node, LB_T, "id"))
    ctx.emit(node.span, pb)
    port = _members(ctx, node, spec, pool, lst, label)
    rule = TfBlock("resource", (RULE, label))
    P.emit_meta(ctx, rule, meta_only(node), {})
    rule.set("name", E.Literal(C.az_name(label, 80)))
    rule.set("loadbalancer_id", same(node, LB_T, "id"))
    rule.set("frontend_ip_configuration_name", E.Literal(FRONTEND))
    rule.set("protocol", E.Literal(forward))
    rule.set("frontend_port", ctx.rewrite(lst.port.source, node.module) if lst.port.source
             else E.Literal("TODO(IT308): the listener's port"))
    rule.set("backend_port", port)
    rule.set("backend_address_pool_ids", E.Tuple((same(node, POOL, "id", label),)))
    if pool is not None and _probe(ctx, node, pool, label, port):
        rule.set("probe_id", same(node, PROBE, "id", label))
    if pool is not None:
        _balancing(ctx, node, pool, rule)
    ctx.emit(node.span, rule)
    text = to_hcl(port)
    return LBB.Opening(text if isinstance(port, E.Literal) and text.isdigit() else None,
                       forward, None if _open(lst.allowed_cidrs) else
                       ctx.rewrite(lst.allowed_cidrs, node.module), lst)


def _members(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, pool: LB.Pool | None,
             lst: LB.Listener, label: str) -> E.Expr:
    """An address of the backend pool per member (IP-based pools name the VNet); returns
    the port the rule forwards to: the first member's."""
    members = pool.members if pool is not None else ()
    first = members[0].port.source if members else None
    LF.member_ports(ctx, node, lst, members, "an Azure rule forwards to one backend port, the "
                    "first member's", "split the pool into one rule and pool per port")
    network = spec.network if spec.network is not None else \
        O.subnet_network(ctx, node, spec.subnet)
    vnet = ctx.rewrite(network, node.module) if network is not None else \
        E.Literal("TODO(IT308): the members' virtual network id")
    for i, m in enumerate(members):
        if m.address.source is None:
            continue
        a = TfBlock("resource", (ADDR, f"{label}_{i}"))
        own = O.member_node(ctx, node, m.address.source) or node
        P.emit_meta(ctx, a, meta_only(own), {})
        a.set("name", C.instance_name(own, f"{label}-{i}", 80))
        a.set("backend_address_pool_id", same(node, POOL, "id", label))
        a.set("virtual_network_id", vnet)
        a.set("ip_address", _private(ctx, node, m.address.source))
        ctx.emit(node.span, a)
    if members and network is None:
        ctx.sink.add("IT308", node.span, f"the network of {node.address} is not given: its "
                     "backend addresses need their virtual network", "set virtual_network_id")
    if pool is not None and not members and pool.members_source is not None:
        ctx.sink.add("IT308", pool.members_source.span or node.span, f"the members of "
                     f"{node.address}'s listener {lst.port.text} are computed: no backend "
                     f"address is made", f"add an {ADDR} per member (for_each)")
    LF.member_weights(ctx, node, lst, members, "an Azure load balancer spreads flows by "
                      "hash, not weight")
    src = first if first is not None else lst.port.source
    return ctx.rewrite(src, node.module) if src is not None else \
        E.Literal("TODO(IT308): the members' port")


def _private(ctx: Ctx, node: N.Resource, address: E.Expr) -> E.Expr:
    """A member's address in the VNet: an IP-based backend pool takes private addresses
    only, so a member named by its instance's public address (OVH's `addresses[0]` on a
    public instance) is its VM's private one."""
    ip = ctx.rewrite(address, node.module)
    if isinstance(ip, E.GetAttr) and ip.name == "public_ip_address" and \
            to_hcl(ip).startswith(f"{LBB.VM}."):
        said = readings.index(ctx, "aks.lb_public_members", set)  # (said once per LB)
        if node.address not in said:
            said.add(node.address)
            ctx.sink.add("IT301", address.span or node.span, f"a member of {node.address} "
                         "is its instance's public address: the Azure backend pool takes the "
                         "VM's private address (IP-based pools hold addresses of their VNet)")
        return E.GetAttr(ip.obj, "private_ip_address", span=ip.span)
    return ip


def _probe(ctx: Ctx, node: N.Resource, pool: LB.Pool, label: str, port: E.Expr) -> bool:
    hc = pool.health
    if hc is None:
        return False
    kind = (hc.kind.text or "").lower()
    proto = _PROBES.get(kind)
    if proto is None:
        LF.tcp_instead(ctx, node, hc, kind, "probe", "Azure probes TCP, HTTP and HTTPS")
        proto = "Tcp"
    b = TfBlock("resource", (PROBE, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    b.set("name", E.Literal(C.az_name(label, 80)))
    b.set("loadbalancer_id", same(node, LB_T, "id"))
    b.set("protocol", E.Literal(proto))
    b.set("port", port)
    if proto != "Tcp":
        b.set("request_path", ctx.rewrite(hc.path.source, node.module) if hc.path.source
              else E.Literal("/"))
    if hc.delay_s.source is not None:
        b.set("interval_in_seconds", ctx.rewrite(hc.delay_s.source, node.module))
    if hc.unhealthy_after.source is not None:
        b.set("probe_threshold", ctx.rewrite(hc.unhealthy_after.source, node.module))
    lost = [(v, what) for v, what in (
        (hc.timeout_s, "`timeout` (an Azure probe times out within its interval)"),
        (hc.healthy_after, "`max_retries` (an Azure probe_threshold counts successes and "
                           "failures alike: it is max_retries_down)"),
        (hc.method, "`http_method` (Azure probes with GET)"),
        (hc.version, "`http_version`"),
        (hc.codes, "`expected_codes` (Azure expects 200)")) if v.source is not None]
    for v, what in lost:
        if v.source is None or (what.startswith("`expected_codes`") and v.text == "200") or \
                (what.startswith("`http_method`") and (v.text or "").upper() == "GET"):
            continue
        ctx.sink.add("IT302", v.source.span or node.span, f"{what.split(' (')[0]} of "
                     f"{node.address}'s health monitor is not translated" +
                     (f": {what.split(' (', 1)[1].rstrip(')')}" if " (" in what else ""))
    ctx.emit(node.span, b)
    return True


def _balancing(ctx: Ctx, node: N.Resource, pool: LB.Pool, rule: TfBlock) -> None:
    algo = (pool.algorithm.text or "").lower()
    if algo == "sourceip":
        rule.set("load_distribution", E.Literal("SourceIP"))
    elif pool.algorithm.source is not None:
        ctx.sink.add("IT301", pool.algorithm.source.span if pool.algorithm.source else
                     node.span, f"balancing algorithm `{algo or 'computed'}` of "
                     f"{node.address} becomes Azure's five-tuple hash (Default)",
                     "Azure load balancers distribute by hash only (Default, SourceIP, "
                     "SourceIPProtocol)")
    if pool.persistence is not None:
        ctx.sink.add("IT301", pool.persistence.span or node.span, f"the session persistence "
                     f"of {node.address} becomes client-IP affinity (load_distribution "
                     "SourceIP)")
        rule.set("load_distribution", E.Literal("SourceIP"))


def _open(cidrs: E.Expr | None) -> bool:
    """No allow-list: none, 0.0.0.0/0, or an empty list (Octavia then admits all)."""
    return cidrs is None or LF.open_to_all(cidrs) or \
        (isinstance(cidrs, E.Tuple) and not cidrs.items)


def _acl(ctx: Ctx, node: N.Resource, lst: LB.Listener) -> None:
    """`allowed_cidrs` no NSG rule carries (its members were not opened)."""
    cidrs = lst.allowed_cidrs
    if cidrs is None or _open(cidrs):
        return
    ctx.sink.add("IT302", cidrs.span or node.span, f"`allowed_cidrs` of {node.address}'s "
                 f"listener {lst.port.text} is not translated: an Azure load balancer has no "
                 "allow-list", "allow them in a network security group on the members' "
                 "subnet (azurerm_network_security_rule)")


DECLARE: dict[str, Declaring] = {"LoadBalancer": declare_loadbalancer}
LOWER: dict[str, Lowering] = {"LoadBalancer": lower_loadbalancer}
