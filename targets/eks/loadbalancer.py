"""EKS lowering of OVH (Octavia) load balancers: aws_lb, listeners, target groups, a group."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase import reftables
from ..tfbase.companions import Param
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import attach as A
from . import common as C
from . import netrefs as R
from .images import platform
from .placement import companion

# OVH protocol -> (on an ALB, on an NLB); what an ALB serves; pool algorithms on an ALB
_PROTO: dict[str, list[str]] = platform()["load_balancers"]["protocols"]
ALB: list[str] = platform()["load_balancers"]["application"]
_ALGO: dict[str, str] = platform()["load_balancers"]["algorithms"]
declare_loadbalancer = reftables.declaring(platform()["references"]["LoadBalancer"])


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    spec = LB.read_loadbalancer(ctx, node)
    u = Use(ctx, node, "aws_lb")
    for k in ("region_name", "name", "network", "listeners", "flavor_id", "description"):
        u.raw(k)
    protos = [(lst.protocol.text or "").lower() for lst in spec.listeners]
    app = bool(protos) and all(p in ALB for p in protos)
    if spec.listeners_source is not None:
        ctx.sink.add("IT308", spec.listeners_source.span or node.span, f"the listeners of "
                     f"{node.address} are computed: a network load balancer without "
                     "listeners is made", "write one aws_lb_listener per listener")
    public = spec.new_floating_ip or spec.floating_ip is not None
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    if sub is not None and sub.KIND == "Subnet":
        zone = "public_" if public else ""
        subnets: E.Expr = E.Tuple(tuple(E.ref(f"aws_subnet.{sub.name}_{zone}{z}.id")
                                        for z in ("a", "b")))
    else:
        subnets = A.private_subnet_ids(ctx, node, spec.subnet or spec.network)
        if public:
            ctx.sink.add("IT308", node.span, f"{node.address} is public but its subnet is "
                         "not declared here: it is placed in the private subnets",
                         "give it the public subnets of the VPC")
    vpc = A.vpc_id_of(ctx, node, spec.subnet or spec.network)
    name = ctx.rewrite(spec.name.source, node.module) if spec.name.source else \
        E.Literal(C.aws_name(node.name, 32))
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
    b.set("security_groups", E.Tuple((E.ref(f"aws_security_group.{sg}.id"),)))
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
        ctx.sink.add("IT302", node.arg_span("flavor_id"), f"`flavor_id` of {node.address} "
                     f"({spec.size or E.str_value(spec.flavor) or 'computed'}) is not translated: "
                     "AWS load balancers have "
                     "no size, they scale by themselves (billed per capacity unit)")
    if spec.gateway is not None:
        ctx.sink.add("IT302", node.arg_span("network"), f"the gateway {node.address} creates "
                     "is not translated: the VPC's NAT gateway (from its OVH gateway) gives "
                     "egress; targets answer through the load balancer")
    if spec.new_floating_ip and spec.floating_ip is None:
        ctx.sink.add("IT301", node.arg_span("network"), f"the new floating IP of "
                     f"{node.address} becomes an internet-facing load balancer in the public "
                     "subnets: AWS gives it a DNS name (and one address per zone)")
    if spec.floating_ip is not None and app:
        ctx.sink.add("IT302", node.arg_span("network"), f"the floating IP of {node.address} "
                     "is not translated: application load balancers take no Elastic IP "
                     "(their DNS name is the entry point)")
    if "vip_address" in ctx.attributes_read(node):
        ctx.sink.add("IT301", node.span, f"`vip_address` of {node.address} becomes the load "
                     "balancer's DNS name: AWS load balancers have no fixed IP")
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an "
                 f"{'application' if app else 'internal' if not public else 'internet-facing'}"
                 f"{'' if app else ' network'} load balancer with a target "
                 "group of IP targets per listener", "if it fronts Kubernetes Services, "
                 "delete it and use a Service of type LoadBalancer (AWS Load Balancer "
                 "Controller) instead")
    u.done()


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
            ctx.sink.add("IT308", cidrs.span or node.span, f"the allowed CIDRs of "
                         f"{node.address} (repeated with count/for_each): only the first "
                         "is allowed", "add one ingress rule per CIDR")
        proto = (lst.protocol.text or "tcp").lower()
        rules.append({"item": lst.port.text or "listener", "for_each": each, "cidr": cidr,
                      "port_expr": ctx.rewrite(lst.port.source, node.module)
                      if lst.port.source else C.num(0),
                      "protocol": "udp" if proto == "udp" else "tcp"})
    companion(ctx, "lb_access", node, region=at.get("region"), name=R.suffixed(name, "-lb"),
              vpc=vpc, listeners=rules)
    return f"{node.name}_lb"


# What the listener lowering reads of each OVH object; any other key is reported.
_READ = {"listener": ("port", "protocol", "allowed_cidrs", "pool"),
         "pool": ("algorithm", "protocol", "members", "health_monitor", "session_persistence"),
         "member": ("address", "protocol_port", "weight"),
         "health_monitor": ("monitor_type", "delay", "timeout", "max_retries",
                            "max_retries_down", "http_configuration"),
         "http_configuration": ("url_path", "http_method", "http_version", "expected_codes")}
_NESTED = {"pool": "pool", "members": "member", "health_monitor": "health_monitor",
           "http_configuration": "http_configuration"}


def _unread(ctx: Ctx, node: N.Resource, obj: E.Expr | None, kind: str, path: str) -> None:
    """Report the keys of a listener (and its pool, members, probe) nothing translates."""
    if not isinstance(obj, E.Object):
        return
    for k, v in obj.items:
        name = E.key_name(k) or "?"
        if name not in _READ[kind]:
            ctx.sink.add("IT302", k.span or node.span, f"`{path}.{name}` of {node.address} is "
                         "not translated: the AWS listener and target group have no such "
                         "setting here")
        elif name in _NESTED:
            inner = v.items if isinstance(v, E.Tuple) else (v,)
            for item in inner:
                _unread(ctx, node, item, _NESTED[name], f"{path}.{name}")


def _listener(ctx: Ctx, node: N.Resource, lst: LB.Listener, app: bool, vpc: E.Expr,
              lb_name: E.Expr) -> None:
    at = lst.source.span or node.span
    _unread(ctx, node, lst.source, "listener", "listeners")
    proto_in = (lst.protocol.text or "").lower()
    if proto_in not in _PROTO:
        ctx.sink.add("IT302", at, f"a `{proto_in or 'computed'}` listener of {node.address} is "
                     "not translated: AWS load balancers serve HTTP(S), TCP, TLS and UDP")
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
        ctx.sink.add("IT308", at, f"the TLS listener of {node.address} needs an ACM "
                     f"certificate: set var.{key}_certificate_arn",
                     "OVH kept the certificate in its own store")
    if proto_in == "https" and not app:
        ctx.sink.add("IT301", at, f"the https listener of {node.address} passes TLS through "
                     "as TCP, as Octavia does")
    elif proto_in == "http" and not app:
        ctx.sink.add("IT301", at, f"the http listener of {node.address} becomes TCP on a "
                     "network load balancer (other listeners are not HTTP)")
    members: list[Param] = []
    for j, m in enumerate(pool.members if pool else ()):
        members.append({"item": str(j), "member_port": m.port.source and
                        ctx.rewrite(m.port.source, node.module), "target": ctx.rewrite(
                            m.address.source, node.module) if m.address.source else E.Literal("")})
        if m.weight.text not in (None, "1"):
            ctx.sink.add("IT302", m.weight.source.span if m.weight.source else at,
                         f"a member weight of {node.address} is not translated: target "
                         "groups spread traffic evenly")
    companion(ctx, "lb_listener", node, members=members, **params)
    if pool is not None and pool.members_source is not None:
        ctx.sink.add("IT308", pool.members_source.span or at, f"the members of "
                     f"{node.address} are computed: register them with "
                     "aws_lb_target_group_attachment (for_each over the list)")


def _pool(ctx: Ctx, node: N.Resource, pool: LB.Pool, app: bool) -> dict[str, Param]:
    """The target group's algorithm, stickiness and health check (companion parameters)."""
    algo = pool.algorithm.text
    out: dict[str, Param] = {"algorithm": E.Literal(_ALGO[algo]) if app and algo in _ALGO
                             else None}
    sticky = E.Literal("lb_cookie" if app else "source_ip")
    if algo == "sourceIP":
        out["sticky"] = sticky
    elif algo is not None and not app:
        ctx.sink.add("IT301", pool.algorithm.source.span if pool.algorithm.source else
                     node.span, f"the {algo} pool of {node.address}: network load balancers "
                     "hash flows to targets")
    if pool.persistence is not None:
        ctx.sink.add("IT301", pool.persistence.span or node.span, f"the session persistence "
                     f"of {node.address} becomes target group stickiness "
                     f"({'an lb_cookie' if app else 'source IP'})", "check the cookie name "
                     "and duration")
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
    if kind not in ("http", "https", "tcp"):
        ctx.sink.add("IT301", hc.kind.source.span if hc.kind.source else node.span,
                     f"the {kind} health monitor of {node.address} becomes a TCP check")
    if hc.method.text not in (None, "GET") or \
            (hc.version.text or "1.1") != "1.1":
        ctx.sink.add("IT302", hc.method.source.span if hc.method.source else node.span,
                     f"the health check method/version of {node.address} is not "
                     "translated: target groups check with GET over HTTP/1.1")
    return out


def _companion(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    P.emit_meta(ctx, b, R.meta_only(node), {})
    ctx.emit(node.span, b)
