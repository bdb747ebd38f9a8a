"""OVH gateways, router interfaces and floating IPs lowered for a cloud, its words as data."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes import os_ports
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from . import passthrough as P
from .companions import same
from .context import Ctx
from .refs import RefTarget
from .use import Use

INTERFACES = ("ovh_cloud_project_gateway_interface",)
# (what an OVH gateway reads but the cloud's gateway takes from elsewhere or not at all)
_RAW = ("model", "region", "name", "service_name", "network_id", "subnet_id", "subnet_ids",
        "external_gateway", "external_network_id")


@dataclass(frozen=True)
class GatewayWords:
    """A cloud's gateway family: the types an OVH gateway becomes and its diagnostics' words."""

    gateway: str  # what an OVH gateway becomes (a NAT gateway, a Public Gateway)
    attach: str  # what a subnet behind it becomes (an association, a Gateway Network)
    ip: str  # the egress address's type
    ip_attr: str  # its address attribute
    model_attr: str  # the gateway's size attribute
    network: str  # what the cloud calls the subnet
    joined: str  # "is associated with the NAT gateway"
    handed_help: str  # what to pass for a subnet handed in (a module variable)
    no_description: str
    no_zone: str
    attach_help: str  # after "add a <attach>" for an interface not translated (IT338)
    not_a_port: str  # why an interface's port is dropped


@dataclass(frozen=True)
class FloatingWords:
    """A cloud's floating IP: its type, address attribute and diagnostics' words."""

    type: str
    attr: str
    no_failover: str  # after "routes an OVH failover IP to a server: "
    failover_help: str
    becomes: str  # after "<address> becomes "
    becomes_help: str
    no_description: str
    no_zone: str
    bound: str  # why the OpenStack port arguments are dropped


# (ctx, node, label, name, model, location) -> (emitted before, the gateway, emitted after)
Build = Callable[[Ctx, N.Resource, str, E.Expr | None, Value, E.Expr | None],
                 tuple[list[TfBlock], TfBlock, list[TfBlock]]]
Attach = Callable[[Ctx, N.Resource, str, E.Expr, E.Expr], TfBlock]  # (label, gateway, subnet)


def declare_gateway(ctx: Ctx, node: N.Resource, w: GatewayWords) -> RefTarget:
    if node.canonical_type in INTERFACES:
        return RefTarget(f"{w.attach}.{node.name}")
    # (the egress address: OpenStack routers' external_fixed_ip, OVH gateways' ips)
    ip = f"{w.ip}.{node.name}{{keys}}.{w.ip_attr}"  # (the instance's own when it repeats)
    # `depends_on = [the OVH gateway]` waited for its subnets' attachment too (OVH attaches
    # them in the same call): the cloud's attachments join the gateway there
    attached = [f"{w.attach}.{node.name}" if i == 0 else f"{w.attach}.{node.name}_{i}"
                for i in range(len(NW.read_gateway(ctx, node).subnets))]
    return RefTarget(f"{w.gateway}.{node.name}", {
        "name": "{self}.name", "external_fixed_ip[].ip_address": ip,
        "external_fixed_ip[*].ip_address": f"[{ip}]",
        "external_information[].ips[].ip": ip, "model": "{self}." + w.model_attr},
        bare=f"[{', '.join(['{self}', *attached])}]" if attached else "{self}")


def declare_floating_ip(ctx: Ctx, node: N.Resource, w: FloatingWords) -> RefTarget:
    return RefTarget(f"{w.type}.{node.name}", {"address": "{self}." + w.attr,
                                               "ip": "{self}." + w.attr})


def lower_gateway(ctx: Ctx, node: N.Resource, w: GatewayWords, build: Build,
                  attach: Attach) -> None:
    """The gateway `build` makes, and one `attach` per subnet it names; a subnet handed in
    is IT301, computed or missing subnets IT308."""
    if node.canonical_type in INTERFACES:
        return lower_attachment(ctx, node, w, attach)
    spec = NW.read_gateway(ctx, node)
    u = Use(ctx, node, w.gateway)
    before, b, after = build(ctx, node, node.name, u.expr("name"), spec.model,
                             spec.location.source)
    for x in before:
        ctx.emit(node.span, x)
    for k in _RAW:
        u.raw(k)
    u.drop("description", w.no_description)
    u.drop("availability_zone", w.no_zone)
    P.place(ctx, node, b)
    for x in after:
        ctx.emit(node.span, x)
    for i, s in enumerate(spec.subnets):
        label = node.name if i == 0 else f"{node.name}_{i}"
        ctx.emit(node.span, attach(ctx, node, label, same(node, w.gateway, "id"),
                                   ctx.rewrite(s, node.module)))
        if ctx.resolve(s, node.module) is None:
            # handed in (a module variable): the caller's value must be the cloud's id now
            ctx.sink.add("IT301", s.span or node.span, f"the subnet of {node.address} is "
                         f"not declared in this module: {w.attach}.{label} attaches the "
                         f"{w.network} it names", w.handed_help)
    serves = f"add a {w.attach} per {w.network} it serves"
    if spec.subnets_source is not None:
        ctx.sink.add("IT308", spec.subnets_source.span or node.span, f"the subnets of "
                     f"{node.address} are computed: none {w.joined}", serves)
    elif not spec.subnets and not interfaced(ctx, node):
        ctx.sink.add("IT308", node.span, f"{node.address} names no subnet: no {w.network} "
                     f"{w.joined}", serves)
    u.done()


def interfaced(ctx: Ctx, gw: N.Resource) -> bool:
    """A gateway or router interface of the module names `gw` (OpenStack routers get their
    subnets that way)."""
    return id(gw) in _attachments(ctx)[0]


def attaching(ctx: Ctx, sub: N.Resource) -> str | None:
    """The label of the first (by name) gateway, gateway interface or router interface of the
    module that attaches subnet `sub` (a gateway's i-th subnet: `<name>_<i>`), if any."""
    return _attachments(ctx)[1].get(id(sub))


def _attachments(ctx: Ctx) -> tuple[set[int], dict[int, str]]:
    """The gateways some interface names, and each attached subnet's label, read once (each
    gateway and subnet asked it of every node: quadratic in the module's size). A reference
    resolves in its own module, so what it names is of that module."""
    hit = ctx.readings.get(("gateway_family.attachments", 0))
    if hit is not None:
        return hit[1]
    gateways: set[int] = set()
    labels: dict[int, str] = {}
    for n in sorted(ctx.nodes.values(), key=lambda n: n.name):
        if n.KIND == "RouterInterface" or n.canonical_type in INTERFACES:
            spec = NW.read_attachment(ctx, n)
            if spec.gateway is not None and \
                    (g := ctx.resolve(spec.gateway, n.module)) is not None:
                gateways.add(id(g))
            if n.KIND in ("Gateway", "RouterInterface") and spec.subnet is not None and \
                    (sub := ctx.resolve(spec.subnet, n.module)) is not None:
                labels.setdefault(id(sub), n.name)
        elif n.KIND == "Gateway":
            for i, r in enumerate(NW.read_gateway(ctx, n).subnets):
                if (sub := ctx.resolve(r, n.module)) is not None:
                    labels.setdefault(id(sub), n.name if i == 0 else f"{n.name}_{i}")
    out = (gateways, labels)
    ctx.readings[("gateway_family.attachments", 0)] = (None, out)
    return out


def lower_attachment(ctx: Ctx, node: N.Resource, w: GatewayWords, attach: Attach) -> None:
    """A subnet added to a gateway or router: the `attach` of that subnet to the gateway."""
    spec = NW.read_attachment(ctx, node)
    u = Use(ctx, node, w.attach)
    for k in ("id", "gateway_id", "router_id", "subnet_id", "region", "service_name"):
        u.raw(k)
    gw = ctx.resolve(spec.gateway, node.module) if spec.gateway is not None else None
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    if gw is None or gw.KIND != "Gateway" or gw.canonical_type in INTERFACES or sub is None \
            or spec.gateway is None or spec.subnet is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway or "
                     "subnet is not declared in this module",
                     f"add a {w.attach} {w.attach_help}")
        return u.done()
    b = attach(ctx, node, node.name, ctx.rewrite(spec.gateway, node.module),
               ctx.rewrite(spec.subnet, node.module))
    P.place(ctx, node, b)
    for k in ("port_id", "interface_id"):
        u.drop(k, w.not_a_port)
    u.drop("force_destroy", "an OpenStack port clean-up setting")
    u.done()


def lower_floating_ip(ctx: Ctx, node: N.Resource, w: FloatingWords,
                      build: Callable[[Ctx, N.Resource, E.Expr | None], TfBlock]) -> None:
    """The address `build` makes (from the floating IP's location); an OVH failover IP,
    which the cloud has not, is IT305 and reported whole."""
    spec = NW.read_floating_ip(ctx, node)
    u = Use(ctx, node, w.type)
    if spec.failover:
        ctx.sink.add("IT305", node.span, f"{node.address} routes an OVH failover IP to a "
                     f"server: {w.no_failover}", w.failover_help)
        for k, _ in node.args:  # (the resource is reported whole, not each argument)
            u.raw(k)
        return u.done()
    b = build(ctx, node, spec.location.source)
    server = os_ports.server_of_floating_ip(ctx, node)
    if server is not None:
        ctx.sink.add("IT301", node.span, f"{node.address} becomes {w.becomes}, the public "
                     f"address of {server.address}'s network interface")
    else:
        ctx.sink.add("IT301", node.span, f"{node.address} becomes {w.becomes}", w.becomes_help)
    for k in ("region", "service_name", "pool"):
        u.raw(k)
    u.drop("description", w.no_description)
    u.drop("availability_zone", w.no_zone)
    for k in ("address", "port_id", "fixed_ip", "subnet_id", "subnet_ids", "ip"):
        u.drop(k, w.bound)
    P.place(ctx, node, b)
    u.done()
