"""EKS lowering of OVH (Octavia) load balancers: aws_lb, listeners, target groups, a group."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import companions, lb_keys, reftables
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.companions import Param
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from . import attach as A
from . import common as C
from . import lb_members as LM
from . import lb_reach as LR
from . import netrefs as R
from .placement import companion, note, platform

# OVH protocol -> (on an ALB, on an NLB); what an ALB serves; pool algorithms on an ALB
_PROTO: dict[str, list[str]] = platform()["load_balancers"]["protocols"]
ALB: list[str] = platform()["load_balancers"]["application"]
_ALGO: dict[str, str] = platform()["load_balancers"]["algorithms"]
declare_loadbalancer = reftables.declaring(platform()["references"]["LoadBalancer"])


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    spec = LB.read_loadbalancer(ctx, node)
    u = ST.use(ctx, node, ("region_name", "name", "network", "listeners", "flavor_id",
                           "description"), "aws_lb")
    _lower(ctx, node, spec)
    u.done()


def lower_octavia(ctx: Ctx, node: N.Resource) -> None:
    """openstack_lb_loadbalancer_v2 and the listeners, pools, members and monitors that
    reference it: the same spec as OVH's load balancer, so the same aws_lb."""
    LF.lower_octavia(ctx, node, "aws_lb", _lower)


def lower_octavia_part(ctx: Ctx, node: N.Resource) -> bool:
    """A listener, pool, member or monitor of a translated Octavia load balancer: read
    there (its unread arguments are reported here). False when it belongs to none."""
    found = LF.octavia_part(ctx, node, "aws_lb")
    if found is None:
        return False
    parent, u = found
    note(ctx, "lb.octavia_part", node.span, address=node.address, lb=parent.address)
    ctx.merged(node, TfBlock("resource", ("aws_lb", parent.name)))
    u.done()
    return True


def declare_octavia_listener(ctx: Ctx, node: N.Resource) -> RefTarget | None:
    """An Octavia listener's references read the aws_lb_listener made of it (None when it
    makes none: its load balancer is not translated or AWS takes no such protocol)."""
    parent = LB.octavia_parent(ctx, node)
    port = LB.value(ctx, node, node.get("protocol_port")).text
    proto = (LB.value(ctx, node, node.get("protocol")).text or "").lower().replace("_", "-")
    if parent is None or parent.mode == "data" or port is None or proto not in _PROTO:
        return None
    return RefTarget(f"aws_lb_listener.{parent.name}_{port}", {
        "protocol_port": "{self}.port", "protocol": "{self}.protocol"}, fallback="{self}.arn")


def _lower(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    protos = [(lst.protocol.text or "").lower() for lst in spec.listeners]
    app = bool(protos) and all(p in ALB for p in protos)
    if spec.listeners_source is not None:
        note(ctx, "lb.listeners_computed", spec.listeners_source.span or node.span,
             address=node.address)
    public = spec.new_floating_ip or spec.floating_ip is not None
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    if sub is not None and sub.KIND == "Subnet":
        zone = "public_" if public else ""
        subnets: E.Expr = E.Tuple(tuple(E.ref(f"aws_subnet.{sub.name}_{zone}{z}.id")
                                        for z in ("a", "b")))
    else:
        subnets = A.private_subnet_ids(ctx, node, spec.subnet or spec.network)
        if public:
            note(ctx, "lb.public_subnet_unknown", node.span, address=node.address)
    vpc = A.vpc_id_of(ctx, node, spec.subnet or spec.network)
    name = ST.written_or(ctx, node, spec.name, E.Literal(C.aws_name(node.name, 32)))
    key = companions.instance_key(node)[1:-1]
    if key and E.str_value(name) is not None:
        # One name for every instance: AWS refuses a second load balancer, group or target
        # group of the same name, so each instance's names carry its key.
        name = C.tpl(f"{E.str_value(name)}-", E.ref(key))
    sg = _security_group(ctx, node, spec, vpc, name)
    b = TfBlock("resource", ("aws_lb", node.name))
    R.set_region(ctx, node, b, spec.location)
    b.set("name", name)
    b.set("internal", E.Literal(not public))
    b.set("load_balancer_type", E.Literal("application" if app else "network"))
    if spec.floating_ip is not None and not app:
        for i in (0, 1):  # the Elastic IP in the first zone
            m = b.block("subnet_mapping")
            m.set("subnet_id", E.Index(subnets, C.num(i)) if not isinstance(subnets, E.Tuple)
                  else subnets.items[i])
            if i == 0:
                m.set("allocation_id", ctx.rewrite(spec.floating_ip, node.module))
    else:
        b.set("subnets", subnets)
    b.set("security_groups", E.Tuple((companions.same(node, "aws_security_group", "id", sg),)))
    b.set(platform()["deletion_protection"]["arguments"]["aws_lb"],
          E.Literal(ctx.harden.deletion_protection))
    tags: list[tuple[E.Expr, E.Expr]] = [(E.Var("Name"), name)]
    if spec.description.source is not None:
        tags.append((E.Var("Description"), ctx.rewrite(spec.description.source, node.module)))
    b.set("tags", E.Object(tuple(tags)))
    P.place(ctx, node, b)
    for lst in spec.listeners:
        _listener(ctx, node, lst, app, vpc, name)
    if spec.size is not None or spec.flavor is not None:
        note(ctx, "lb.flavor_dropped", node.arg_span("flavor_id"), address=node.address,
             size=spec.size or E.str_value(spec.flavor) or "computed")
    if spec.gateway is not None:
        note(ctx, "lb.gateway_dropped", node.arg_span("network"),
             address=node.address)
    if spec.new_floating_ip and spec.floating_ip is None:
        note(ctx, "lb.new_floating_ip", node.arg_span("network"), address=node.address)
    if spec.floating_ip is not None and app:
        note(ctx, "lb.alb_floating_ip_dropped", node.arg_span("network"),
             address=node.address)
    if "vip_address" in ctx.attributes_read(node):
        note(ctx, "lb.vip_is_dns_name", node.span, address=node.address)
    note(ctx, "lb.becomes", node.span, address=node.address,
         kind="application" if app else "internal" if not public else "internet-facing",
         network="" if app else " network")


def _security_group(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, vpc: E.Expr,
                    name: E.Expr) -> str:
    """The listeners' allowed CIDRs (OVH: all of the internet unless listed)."""
    at = TfBlock("resource", ("aws_security_group", ""))
    R.set_region(ctx, node, at, spec.location)
    rules: list[Param] = []
    for lst in spec.listeners:
        cidrs = lst.allowed_cidrs
        if cidrs is None or (isinstance(cidrs, E.Tuple) and not cidrs.items):
            cidrs = C.strings(["0.0.0.0/0"])  # OVH listeners are open unless listed
        each = None
        if isinstance(cidrs, E.Tuple) and len(cidrs.items) == 1:
            cidr = ctx.rewrite(cidrs.items[0], node.module)
        elif node.meta.count is None and node.meta.for_each is None:
            each, cidr = E.Call("toset", (ctx.rewrite(cidrs, node.module),)), E.ref("each.value")
        else:
            cidr = E.Index(ctx.rewrite(cidrs, node.module), C.num(0))
            note(ctx, "lb.first_cidr_only", cidrs.span or node.span,
                 address=node.address)
        proto = (lst.protocol.text or "tcp").lower()
        rules.append({"item": lst.port.text or "listener", "for_each": each, "cidr": cidr,
                      "port_expr": ctx.rewrite(lst.port.source, node.module)
                      if lst.port.source else C.num(0),
                      "protocol": "udp" if proto == "udp" else "tcp"})
    companion(ctx, "lb_access", node, region=at.get("region"), name=R.suffixed(name, "-lb"),
              vpc=vpc, listeners=rules)
    return f"{node.name}_lb"


def _unread(ctx: Ctx, node: N.Resource, obj: E.Expr | None, kind: str, path: str) -> None:
    """Report the keys of a listener (and its pool, members, probe) nothing translates."""
    for at, p, name in lb_keys.unread(obj, kind, path):
        note(ctx, "lb.setting_dropped", at or node.span, path=p, name=name,
             address=node.address)


def _listener(ctx: Ctx, node: N.Resource, lst: LB.Listener, app: bool, vpc: E.Expr,
              lb_name: E.Expr) -> None:
    at = lst.source.span or node.span
    _unread(ctx, node, lst.source, "listener", "listeners")
    proto_in = (lst.protocol.text or "").lower()
    if proto_in not in _PROTO:
        note(ctx, "lb.listener_protocol_dropped", at, proto_in=proto_in or "computed",
             address=node.address)
        return
    proto = _PROTO[proto_in][0 if app else 1]
    port = ctx.rewrite(lst.port.source, node.module) if lst.port.source else C.num(0)
    key = f"{node.name}_{lst.port.text or 'listener'}"
    pool = lst.pool
    member_port = pool.members[0].port if pool and pool.members else None
    pool_proto = (pool.protocol.text or proto_in).lower() if pool else proto_in
    params: dict[str, Param] = {
        "lst": key, "tg_name": R.suffixed(lb_name, f"-{lst.port.text or 'tg'}"), "vpc": vpc,
        "tg_port": ctx.rewrite(member_port.source, node.module)
        if member_port and member_port.source else port, "port": port, "protocol": proto,
        "tg_protocol": _PROTO.get(pool_proto, _PROTO[proto_in])[0 if app else 1] or proto}
    if pool is not None:
        params.update(_pool(ctx, node, pool, app))
    if proto in ("HTTPS", "TLS"):
        params["tls"] = True
        note(ctx, "lb.acm_certificate", at, address=node.address, listener=key)
    if proto_in == "https" and not app:
        note(ctx, "lb.https_passthrough", at, address=node.address)
    elif proto_in == "http" and not app:
        note(ctx, "lb.http_as_tcp", at, address=node.address)
    members: list[Param] = []
    for j, m in enumerate(pool.members if pool else ()):
        members.append({"item": str(j), "member_port": m.port.source and
                        ctx.rewrite(m.port.source, node.module),
                        "target": LM.target(ctx, node, m)})
        if m.weight.text not in (None, "1"):
            note(ctx, "lb.weight_dropped",
                 m.weight.source.span if m.weight.source else at, address=node.address)
    blocks = companion(ctx, "lb_listener", node, members=members, **params)
    LM.repeat(ctx, node, key, pool.members if pool else (), blocks)
    tg_port = params["tg_port"]
    assert isinstance(tg_port, E.Expr)  # (the members' port, or the listener's)
    LR.admit(ctx, node, key, pool.members if pool else (), tg_port, str(params["tg_protocol"]),
             vpc)
    if pool is not None and pool.members_source is not None:
        note(ctx, "lb.members_computed", pool.members_source.span or at,
             address=node.address)


def _pool(ctx: Ctx, node: N.Resource, pool: LB.Pool, app: bool) -> dict[str, Param]:
    """The target group's algorithm, stickiness and health check (companion parameters)."""
    algo = pool.algorithm.text
    out: dict[str, Param] = {"algorithm": E.Literal(_ALGO[algo]) if app and algo in _ALGO
                             else None}
    sticky = E.Literal("lb_cookie" if app else "source_ip")
    if algo == "sourceIP":
        out["sticky"] = sticky
    elif algo is not None and not app:
        note(ctx, "lb.nlb_algorithm", pool.algorithm.source.span if pool.algorithm.source
             else node.span, algo=algo, address=node.address)
    if pool.persistence is not None:
        note(ctx, "lb.persistence_stickiness", pool.persistence.span or node.span,
             address=node.address, cookie="an lb_cookie" if app else "source IP")
        out["sticky"] = sticky
    hc = pool.health
    if hc is None:
        return out
    kind = (hc.kind.text or "tcp").lower()
    web = kind in ("http", "https")
    out["check"] = E.Literal(kind.upper() if web else "TCP")
    for field, value in (("path", hc.path), ("matcher", hc.codes), ("interval", hc.delay_s),
                         ("timeout", hc.timeout_s), ("healthy", hc.healthy_after),
                         ("unhealthy", hc.unhealthy_after)):
        if value.source is not None and (web or field not in ("path", "matcher")):
            out[f"check_{field}"] = ctx.rewrite(value.source, node.module)
    if isinstance(out.get("check_interval"), E.Expr):
        out["check_interval"] = LM.check_interval(ctx, node, hc, out["check_interval"])
    if kind not in ("http", "https", "tcp"):
        note(ctx, "lb.check_as_tcp", hc.kind.source.span if hc.kind.source else node.span,
             kind=kind, address=node.address)
    if hc.method.text not in (None, "GET") or \
            (hc.version.text or "1.1") != "1.1":
        note(ctx, "lb.check_method_dropped",
             hc.method.source.span if hc.method.source else node.span, address=node.address)
    return out
