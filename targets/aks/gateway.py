"""AKS lowering of OVH gateways and router interfaces (NAT gateways), floating IPs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C

NAT, PIP = "azurerm_nat_gateway", "azurerm_public_ip"
NAT_PIP, NAT_SUB = ("azurerm_nat_gateway_public_ip_association",
                    "azurerm_subnet_nat_gateway_association")
INTERFACES = ("ovh_cloud_project_gateway_interface",)
_MODEL = ("an Azure NAT gateway has one SKU (Standard), which scales to 50 Gbps; OVH "
          "gateway models s/m/l are bandwidth tiers")


def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.canonical_type in INTERFACES:
        return RefTarget(f"{NAT_SUB}.{node.name}")
    # (the egress address: OpenStack routers' external_fixed_ip, OVH gateways' ips)
    ip = f"{PIP}.{node.name}.ip_address"
    return RefTarget(f"{NAT}.{node.name}", {
        "name": "{self}.name", "external_fixed_ip[].ip_address": ip,
        "external_fixed_ip[*].ip_address": f"[{ip}]",
        "external_information[].ips[].ip": ip, "model": "{self}.sku_name"})


def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{PIP}.{node.name}", {"address": "{self}.ip_address",
                                            "ip": "{self}.ip_address"})


def public_ip(ctx: Ctx, node: N.Resource, label: str, location: E.Expr | None) -> TfBlock:
    """A Standard static public IP (what NAT gateways and Standard load balancers take)."""
    b = TfBlock("resource", (PIP, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    group, where = C.resource_group(ctx, node.module, C.map_region(ctx, node, location))
    b.set("name", C.instance_name(node, f"pip-{label}", 80))
    b.set("location", where)
    b.set("resource_group_name", group)
    b.set("allocation_method", E.Literal("Static"))
    b.set("sku", E.Literal("Standard"))
    return b


def subnet_association(ctx: Ctx, node: N.Resource, label: str, subnet: E.Expr,
                       nat: E.Expr) -> TfBlock:
    """The subnet egresses through the NAT gateway: what the OVH gateway gave its subnet."""
    b = TfBlock("resource", (NAT_SUB, label))
    P.emit_meta(ctx, b, meta_only(node), {})
    b.set("subnet_id", subnet)
    b.set("nat_gateway_id", nat)
    return b


def _prefixed(prefix: str, name: E.Expr) -> E.Expr:
    """`prefix` before the value of `name` (a literal, a template or any expression)."""
    if isinstance(name, E.Literal) and isinstance(name.value, str):
        return E.Literal(C.az_name(prefix + name.value, 80))
    if isinstance(name, E.Template) and name.heredoc is None:
        return E.Template((prefix, *name.parts))
    return E.Template((prefix, E.Interp(name)))


def nat_gateway(ctx: Ctx, node: N.Resource, label: str, name: E.Expr | None,
                model: Value, location: E.Expr | None) -> tuple[TfBlock, TfBlock, TfBlock]:
    """(public IP, NAT gateway, their association): an OVH gateway's egress, or the one an
    OVH load balancer creates for its subnet."""
    ip = public_ip(ctx, node, label, location)
    ip.note(f"the public address of {node.address}'s egress")
    if name is not None:  # (its own name follows the gateway's: per workspace, instance)
        ip.set("name", _prefixed("pip-", name))
    b = TfBlock("resource", (NAT, label))
    group, where = C.resource_group(ctx, node.module, C.map_region(ctx, node, location))
    b.set("name", name or C.instance_name(node, label, 80))
    b.set("location", where)
    b.set("resource_group_name", group)
    b.set("sku_name", E.Literal("Standard"))
    if model.source is not None:
        ctx.sink.add("IT301", model.source.span or node.span, f"OVH gateway model "
                     f"`{model.text or '?'}` of {node.address} becomes an Azure NAT "
                     "gateway (Standard)", _MODEL)
    assoc = TfBlock("resource", (NAT_PIP, label))
    P.emit_meta(ctx, assoc, meta_only(node), {})
    assoc.set("nat_gateway_id", same(node, NAT, "id", label))
    assoc.set("public_ip_address_id", same(node, PIP, "id", label))
    return ip, b, assoc


def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
    if node.canonical_type in INTERFACES:
        return _attachment(ctx, node)
    spec = NW.read_gateway(ctx, node)
    u = Use(ctx, node, NAT)
    ip, b, assoc = nat_gateway(ctx, node, node.name, u.expr("name"), spec.model,
                               spec.location.source)
    ctx.emit(node.span, ip)
    for k in ("model", "region", "name", "service_name", "network_id", "subnet_id",
              "subnet_ids", "external_gateway", "external_network_id"):
        u.raw(k)
    u.drop("description", "an Azure NAT gateway has no description (tags only)")
    u.drop("availability_zone", "the NAT gateway is regional (no zone)")
    P.place(ctx, node, b)
    ctx.emit(node.span, assoc)
    for i, s in enumerate(spec.subnets):
        label = node.name if i == 0 else f"{node.name}_{i}"
        ctx.emit(node.span, subnet_association(ctx, node, label, ctx.rewrite(s, node.module),
                                               same(node, NAT, "id")))
        if ctx.resolve(s, node.module) is None:
            # handed in (a module variable): the caller's value must be the Azure id now
            ctx.sink.add("IT301", s.span or node.span, f"the subnet of {node.address} is "
                         f"not declared in this module: {NAT_SUB}.{label} attaches the "
                         "subnet it names", "pass the id of the Azure subnet "
                         "(azurerm_subnet.<x>.id) for it")
    if spec.subnets_source is not None:
        ctx.sink.add("IT308", spec.subnets_source.span or node.span, f"the subnets of "
                     f"{node.address} are computed: none is associated with the NAT gateway",
                     f"add a {NAT_SUB} per subnet it serves")
    elif not spec.subnets and not _interfaced(ctx, node):
        ctx.sink.add("IT308", node.span, f"{node.address} names no subnet: no subnet is "
                     "associated with the NAT gateway", f"add a {NAT_SUB} per subnet it serves")
    u.done()


def _interfaced(ctx: Ctx, gw: N.Resource) -> bool:
    """A gateway or router interface of the module names `gw`."""
    return any((ref := NW.read_attachment(ctx, n).gateway) is not None and
               ctx.resolve(ref, n.module) is gw for n in ctx.nodes.values()
               if n.module == gw.module and (n.KIND == "RouterInterface" or
                                             n.canonical_type in INTERFACES))


def nat_association(ctx: Ctx, sub: N.Resource, lbs: bool = True) -> str | None:
    """The `azurerm_subnet_nat_gateway_association.<x>` that makes subnet `sub` egress
    through a NAT gateway, if any: a cluster in that subnet then takes outbound_type
    userAssignedNATGateway and depends on it (AKS checks the association at create).
    `lbs`: also the one an OVH load balancer's gateway_create makes (loadbalancer.py)."""
    found = _gateway_association(ctx, sub)
    if found is not None or not lbs:
        return found
    for n in sorted(ctx.nodes.values(), key=lambda n: n.name):
        if n.module == sub.module and n.KIND == "LoadBalancer" and n.mode == "managed":
            spec = LB.read_loadbalancer(ctx, n)
            private = E.obj_get(N.first_object(n.get("network")), "private")
            if E.obj_get(private, "gateway_create") is not None and spec.subnet is not None \
                    and ctx.resolve(spec.subnet, n.module) is sub:
                return f"{NAT_SUB}.{n.name}_gateway"
    return None


def _gateway_association(ctx: Ctx, sub: N.Resource) -> str | None:
    for n in sorted(ctx.nodes.values(), key=lambda n: n.name):
        if n.module != sub.module or n.KIND not in ("Gateway", "RouterInterface"):
            continue
        if n.KIND == "RouterInterface" or n.canonical_type in INTERFACES:
            r = NW.read_attachment(ctx, n).subnet
            if r is not None and ctx.resolve(r, n.module) is sub:
                return f"{NAT_SUB}.{n.name}"
            continue
        for i, r in enumerate(NW.read_gateway(ctx, n).subnets):
            if ctx.resolve(r, n.module) is sub:
                return f"{NAT_SUB}.{n.name if i == 0 else f'{n.name}_{i}'}"
    return None


def subnet_gateway(ctx: Ctx, node: N.Resource, u: Use, spec: NW.SubnetSpec,
                   b: TfBlock) -> None:
    """OVH `no_gateway` (no default route out) is an Azure subnet without default outbound
    access (exact); a subnet with a gateway egresses through the NAT gateway associated with
    it, and one with none only through Azure's default outbound access."""
    for k in ("no_gateway", "enable_gateway_ip"):
        u.raw(k)
    if spec.gateway is False:
        b.set("default_outbound_access_enabled", E.Literal(False))
    elif spec.gateway_source is not None and nat_association(ctx, node) is None:
        ctx.sink.add("IT301", spec.gateway_source.span or node.span, f"{node.address} has a "
                     "default gateway on OVH: the Azure subnet egresses only through Azure's "
                     "default outbound access (no fixed address; Microsoft is retiring it), "
                     "as no NAT gateway is associated with it",
                     f"associate one ({NAT_SUB})")
    u.drop("gateway_ip", "an Azure subnet's gateway is its first address (Azure's)")


def _attachment(ctx: Ctx, node: N.Resource) -> None:
    """A subnet added to a gateway or router: that subnet's NAT gateway association."""
    spec = NW.read_attachment(ctx, node)
    u = Use(ctx, node, NAT_SUB)
    for k in ("id", "gateway_id", "router_id", "subnet_id", "region", "service_name"):
        u.raw(k)
    gw = ctx.resolve(spec.gateway, node.module) if spec.gateway is not None else None
    sub = ctx.resolve(spec.subnet, node.module) if spec.subnet is not None else None
    if gw is None or gw.KIND != "Gateway" or gw.canonical_type in INTERFACES or sub is None \
            or spec.gateway is None or spec.subnet is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway or "
                     "subnet is not declared in this module", f"add a {NAT_SUB} associating "
                     "the subnet with the NAT gateway")
        return u.done()
    b = subnet_association(ctx, node, node.name, ctx.rewrite(spec.subnet, node.module),
                           ctx.rewrite(spec.gateway, node.module))
    P.place(ctx, node, b)
    for k in ("port_id", "interface_id"):
        u.drop(k, "a NAT gateway association attaches the subnet, not a port")
    u.drop("force_destroy", "an OpenStack port clean-up setting")
    u.done()


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_floating_ip(ctx, node)
    u = Use(ctx, node, PIP)
    if spec.failover:
        ctx.sink.add("IT305", node.span, f"{node.address} routes an OVH failover IP to a "
                     "server: Azure has no such address", "use an azurerm_public_ip "
                     "re-associated between NICs, or a load balancer frontend")
        for k, _ in node.args:  # (the resource is reported whole, not each argument)
            u.raw(k)
        return u.done()
    b = public_ip(ctx, node, node.name, spec.location.source)
    b.set("name", C.instance_name(node, node.name, 80))
    ctx.sink.add("IT301", node.span, f"{node.address} becomes an Azure public IP (Standard, "
                 "static)", "associate it with a VM's network interface "
                 "(ip_configuration.public_ip_address_id) or a load balancer frontend")
    for k in ("region", "service_name", "pool"):
        u.raw(k)
    u.drop("description", "an Azure public IP has no description (tags only)")
    u.drop("availability_zone", "the public IP is regional (no zone)")
    for k in ("address", "port_id", "fixed_ip", "subnet_id", "subnet_ids", "ip"):
        u.drop(k, "the address is bound to a network interface, not an OpenStack port")
    P.place(ctx, node, b)
    u.done()


def declare_router_interface(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(f"{NAT_SUB}.{node.name}")


DECLARE: dict[str, Declaring] = {"Gateway": declare_gateway,
                                 "RouterInterface": declare_router_interface,
                                 "FloatingIp": declare_floating_ip}
LOWER: dict[str, Lowering] = {"Gateway": lower_gateway, "RouterInterface": _attachment,
                              "FloatingIp": lower_floating_ip}
