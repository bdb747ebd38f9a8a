"""EKS lowering of OVH gateways (NAT gateways and routes), their interfaces, floating IPs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes import os_ports

from ..hclwrite import TfBlock
from ..tfbase import companions
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.context import Ctx
from ..tfbase.driver import lower_unsupported
from ..tfbase.refs import RefTarget, Rule
from ..tfbase.use import Use
from . import common as C
from . import egress as X
from . import gateway_plan as GP
from . import netrefs as R

NAT, EIP, ROUTE = "aws_nat_gateway", "aws_eip", "aws_route"
INTERFACES = ("ovh_cloud_project_gateway_interface",)


def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.canonical_type in INTERFACES:
        return RefTarget(f"{ROUTE}.{node.name}", {})
    spec = NW.read_gateway(ctx, node)
    subs = _subnets(ctx, node, spec)
    if not subs:
        if _regional_vpc(ctx, node, spec) is None:
            return RefTarget(None)  # not translated (IT338): nothing to read
        return RefTarget(f"{NAT}.{node.name}", {"name": "{self}.tags.Name"})
    # zone a's: the address the OVH gateway had; the instance's own when it repeats
    eip = f"{EIP}.{node.name}{{keys}}.public_ip"
    rules: dict[str, Rule] = {"name": "{self}.tags.Name", "external_information": eip}
    if node.type == "openstack_networking_router_v2":
        every = ", ".join(f"{EIP}.{x}{{keys}}.public_ip"
                          for x in _eip_labels(ctx, node, subs[0]))
        rules.update({"external_fixed_ip[].ip_address": eip,
                      "external_fixed_ip[*].ip_address": f"[{every}]"})
    return RefTarget(f"{NAT}.{node.name}", rules)


def _eip_labels(ctx: Ctx, node: N.Resource, sub: N.Resource) -> list[str]:
    """One Elastic IP per zone the NAT gateway serves; zone a keeps the gateway's label."""
    return [node.name if i == 0 else f"{node.name}_{z}"
            for i, z in enumerate(X.ZONES[:len(X.nat_zones(ctx, sub))])]


def _subnets(ctx: Ctx, node: N.Resource, spec: NW.GatewaySpec) -> list[N.Resource]:
    """The OVH subnets the gateway serves: its own, or (a router) its interfaces'."""
    return [s.sub for s in _served(ctx, node, spec)]


def _served(ctx: Ctx, node: N.Resource, spec: NW.GatewaySpec) -> list[GP.Served]:
    """GP.served, else (a gateway naming only its network) the network's first subnet."""
    found = GP.served(ctx, node, spec)
    if not found and spec.network is not None:
        net = ctx.resolve(spec.network, node.module)
        subs = R.subnets_of(ctx, net)[:1] if net is not None and net.KIND == "Network" else []
        found = [GP.Served(node, spec.network, s) for s in subs]
    return found


def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
    if node.canonical_type in INTERFACES:
        return _attachment(ctx, node, "gateway interface")
    spec = NW.read_gateway(ctx, node)
    u = ST.use(ctx, node, ("name", "region", "network_id", "subnet_id", "subnet_ids",
                           "tenant_id"), f"{NAT} + {EIP}")
    subs = _subnets(ctx, node, spec)
    name = ST.written_or(ctx, node, spec.name, E.Literal(node.name))
    if not subs and _regional_vpc(ctx, node, spec) is not None:
        return _regional(ctx, node, spec, u, name)
    if not subs:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: none of the "
                     "subnets it serves is declared in this module", "add an aws_nat_gateway "
                     "in a public subnet of the VPC and a default route to it")
        return u.done()
    served = _served(ctx, node, spec)
    p = GP.plan(ctx, node, served)
    if p.error is not None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {p.error}",
                     "add an aws_nat_gateway per VPC (repeated like the networks) and a "
                     "default route to it in each private route table")
        for k, _ in node.args:
            u.raw(k)
        return u.done()
    owner = p.owner  # (whose instances the NAT gateway and its Elastic IPs follow)
    labels = _eip_labels(ctx, node, subs[0])
    for label, z in zip(labels, X.ZONES):
        eip = TfBlock("resource", (EIP, label))
        R.set_region(ctx, node, eip, spec.location)
        eip.set("domain", E.Literal("vpc"))
        eip.set("tags", C.tags(R.suffixed(name, f"-nat-{z}")))
        companions.beside(ctx, owner, eip)
    nat = TfBlock("resource", (NAT, node.name))
    R.set_region(ctx, node, nat, spec.location)
    X.regional_nat(ctx, nat, subs[0], [R.inst(ctx, owner, f"{EIP}.{x}", "id") for x in labels],
                   node)
    nat.set("vpc_id", p.vpc)
    nat.set("tags", C.tags(name))
    P.place(ctx, GP.repeated_as(node, owner) if p.adopted(node) else node, nat)
    if p.adopted(node):
        ctx.sink.add("IT301", node.span, f"{node.address} serves subnets on a VPC per instance "
                     f"of {owner.address}: a NAT gateway is made per VPC, repeated like "
                     f"{owner.address}", "an AWS NAT gateway belongs to one VPC")
        ctx.made_per(node, owner)
    # A router's subnets are routed by its interfaces (each lowered on its own).
    own = [] if node.type == "openstack_networking_router_v2" else served
    for s in own:
        table = GP.subnet_part(ctx, node, s.ref, s.sub, "aws_route_table", s.sub.name, "id")
        if table is None:
            ctx.sink.add("IT338", s.ref.span or node.span, f"the default route of "
                         f"{s.sub.address} to {node.address} is not made: its key names no "
                         f"instance of {node.address}", "add an aws_route 0.0.0.0/0 from the "
                         "subnet's route table to the NAT gateway")
            continue
        r = X.route(ctx, f"{node.name}_{s.sub.name}", s.sub,
                    R.inst(ctx, node, f"{NAT}.{node.name}", "id"), node)
        r.set("route_table_id", table)
        R.set_region(ctx, node, r, spec.location)
        companions.beside(ctx, node, r)
    letters = X.ZONES[:len(labels)]
    where = "zone a (its range is not split), with an Elastic IP and" if len(labels) == 1 \
        else "zones " + " and ".join(", ".join(letters).rsplit(", ", 1)) + \
        ", an Elastic IP in each, with"
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a regional NAT gateway serving "
                 f"the private subnets of {subs[0].address} in {where} a default route for "
                 "them", "billed per zone it serves; allow-lists of the OVH gateway's address "
                 "need each Elastic IP" + ("" if len(labels) == 1 else "; for one zone only "
                                          "(cheaper, no zone failover) make it zonal: "
                                          "subnet_id of public zone a, allocation_id"))
    u.drop("model", "NAT gateways have no size: they scale up to 100 Gbit/s by themselves")
    if spec.external_network is not None:
        ctx.sink.add("IT301", spec.external_network.span or node.span, f"the external network "
                     f"of {node.address} (Ext-Net) becomes the VPC's internet gateway and the "
                     "NAT gateway's Elastic IPs", "inbound traffic needs Elastic IPs or load "
                     "balancers")
        u.raw("external_gateway")
        u.raw("external_network_id")
    u.drop("availability_zone", "the NAT gateway serves every zone of its subnet")
    u.drop("description", "kept as the Name tag only")
    for k in ("admin_state_up", "enable_snat", "external_fixed_ip", "distributed",
              "value_specs", "tags", "availability_zone_hints"):
        up = node.get(k)
        if k == "admin_state_up" and (isinstance(up, E.Literal) and up.value is True):
            u.raw(k)  # up: the only state a NAT gateway has
            continue
        u.drop(k, "an OpenStack router setting with no NAT gateway equivalent")
    u.done()


def _regional_vpc(ctx: Ctx, node: N.Resource, spec: NW.GatewaySpec) -> E.Expr | None:
    """The VPC a gateway of a module handed its network and subnets (variables, data
    sources) is made in: the network expression, when nothing here declares it."""
    # A literal is an OVH network id: no VPC has it.
    if spec.network is None or isinstance(spec.network, E.Literal) or \
            spec.subnets_source is not None or not spec.subnets or \
            ctx.resolve(spec.network, node.module) is not None or \
            any(ctx.resolve(s, node.module) is not None for s in spec.subnets):
        return None
    return ctx.rewrite(spec.network, node.module)


def _regional(ctx: Ctx, node: N.Resource, spec: NW.GatewaySpec, u: Use, name: E.Expr) -> None:
    """A regional NAT gateway (no public subnet of its own: the module does not know the
    VPC's) and a default route in the route table of each subnet it serves."""
    nat = TfBlock("resource", (NAT, node.name))
    R.set_region(ctx, node, nat, spec.location)
    nat.set("availability_mode", E.Literal("regional"))
    nat.set("vpc_id", _regional_vpc(ctx, node, spec) or E.Literal(""))
    nat.set("tags", C.tags(name))
    P.place(ctx, node, nat)
    for i, s in enumerate(spec.subnets):
        label = node.name if len(spec.subnets) == 1 else f"{node.name}_{i}"
        rt = TfBlock("data", ("aws_route_table", label))
        R.set_region(ctx, node, rt, spec.location)
        rt.set("subnet_id", ctx.rewrite(s, node.module))
        companions.beside(ctx, node, rt)
        r = TfBlock("resource", (ROUTE, label))
        R.set_region(ctx, node, r, spec.location)
        r.set("route_table_id", R.inst(ctx, node, f"data.aws_route_table.{label}", "id"))
        r.set("destination_cidr_block", E.Literal("0.0.0.0/0"))
        r.set("nat_gateway_id", R.inst(ctx, node, f"{NAT}.{node.name}", "id"))
        companions.beside(ctx, node, r)
    ctx.sink.add("IT301", node.span, f"{node.address} serves a network and subnets this "
                 "module is handed: it becomes a regional NAT gateway of that VPC (every zone, "
                 "addresses allocated by AWS) and a default route in each subnet's route "
                 "table", "the VPC needs an internet gateway, and each subnet a route table "
                 "of its own (the main route table is not found by subnet)")
    u.drop("model", "NAT gateways have no size: they scale up to 100 Gbit/s by themselves")
    for k in ("availability_zone", "description"):
        u.drop(k, "a regional NAT gateway spans the VPC's zones; the name is its Name tag")
    u.done()


def _attachment(ctx: Ctx, node: N.Resource, what: str) -> None:
    """A subnet added to a gateway (or router): a default route of its private route table
    to the gateway's NAT gateway."""
    spec = NW.read_attachment(ctx, node)
    u = ST.use(ctx, node, ("id", "gateway_id", "router_id", "subnet_id", "region"), ROUTE)
    gw = ctx.resolve(spec.gateway, node.module)
    sub = ctx.resolve(spec.subnet, node.module)
    served = _served(ctx, gw, NW.read_gateway(ctx, gw)) if gw is not None and \
        gw.KIND == "Gateway" and gw.canonical_type not in INTERFACES else []
    if not served or sub is None or sub.KIND != "Subnet" or spec.subnet is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway or "
                     "subnet is not declared in this module", "add a default route "
                     "(aws_route 0.0.0.0/0) from the subnet's route table to the NAT gateway")
        return u.done()
    assert gw is not None
    p = GP.plan(ctx, gw, served)
    nat = GP.nat_of(ctx, node, gw, spec.gateway, p) if p.error is None else None
    table = GP.subnet_part(ctx, node, spec.subnet, sub, "aws_route_table", sub.name, "id")
    if nat is None or table is None:
        why = f"{gw.address} is not translated" if p.error is not None else \
            "its key names no instance of its router or subnet"
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {why}",
                     "add a default route (aws_route 0.0.0.0/0) from the subnet's route table "
                     "to the NAT gateway of its VPC")
        return u.done()
    r = X.route(ctx, node.name, sub, nat, node)
    r.set("route_table_id", table)
    P.place(ctx, node, r)
    u.drop("port_id", "AWS routes go to the NAT gateway, not to a port")
    u.drop("interface_id", "AWS routes go to the NAT gateway, not to an interface")
    u.drop("force_destroy", "an OpenStack port clean-up setting")
    u.done()


def lower_router_interface(ctx: Ctx, node: N.Resource) -> None:
    _attachment(ctx, node, "router interface")


def declare_router_interface(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{ROUTE}.{node.name}", {})


# -- floating IPs --------------------------------------------------------------------------------
def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{EIP}.{node.name}", {"ip": "{self}.public_ip",
                                            "address": "{self}.public_ip"})


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_floating_ip(ctx, node)
    if spec.failover:
        return lower_unsupported(ctx, node)
    u = Use(ctx, node, EIP)
    b = TfBlock("resource", (EIP, node.name))
    u.raw("region")
    R.set_region(ctx, node, b, spec.location)
    b.set("domain", E.Literal("vpc"))
    tags: list[tuple[E.Expr, E.Expr]] = [(E.Var("Name"), E.Literal(node.name))]
    if spec.description.source is not None:
        tags.append((E.Var("Description"), u.expr("description") or E.Literal("")))
    b.set("tags", E.Object(tuple(tags)))
    if (spec.pool.text or "ext-net").lower() == "ext-net":
        u.raw("pool")
    else:
        u.drop("pool", "Elastic IPs come from Amazon's pool (or a BYOIP pool: "
               "public_ipv4_pool)")
    u.drop("availability_zone", "Elastic IPs are regional")
    for k in ("port_id", "fixed_ip"):
        u.drop(k, "associate the Elastic IP with aws_eip_association (instance or ENI)")
    for k in ("address", "subnet_id", "subnet_ids", "value_specs", "dns_name", "dns_domain",
              "tags", "tenant_id"):
        u.drop(k, "an OpenStack floating IP setting with no Elastic IP equivalent")
    P.place(ctx, node, b)
    server = os_ports.server_of_floating_ip(ctx, node)
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an Elastic IP" + (
        f", associated with {server.address} (aws_eip_association)" if server is not None
        else "; attach it with aws_eip_association (OVH floating IPs attach to a port)"))
    u.done()
