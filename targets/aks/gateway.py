"""AKS lowering of OVH gateways and router interfaces (NAT gateways), floating IPs."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.reader import Value

from ..hclwrite import TfBlock
from ..tfbase import gateway_family as GF
from ..tfbase import network_family as NF
from ..tfbase import passthrough as P
from ..tfbase import readings
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import common as C
from . import unique_names

NAT, PIP = "azurerm_nat_gateway", "azurerm_public_ip"
NAT_PIP, NAT_SUB = ("azurerm_nat_gateway_public_ip_association",
                    "azurerm_subnet_nat_gateway_association")
INTERFACES = GF.INTERFACES
_MODEL = ("an Azure NAT gateway has one SKU (Standard), which scales to 50 Gbps; OVH "
          "gateway models s/m/l are bandwidth tiers")
W = GF.GatewayWords(
    gateway=NAT, attach=NAT_SUB, ip=PIP, ip_attr="ip_address", model_attr="sku_name",
    network="subnet", joined="is associated with the NAT gateway",
    handed_help="pass the id of the Azure subnet (azurerm_subnet.<x>.id) for it",
    no_description="an Azure NAT gateway has no description (tags only)",
    no_zone="the NAT gateway is regional (no zone)",
    attach_help="associating the subnet with the NAT gateway",
    not_a_port="a NAT gateway association attaches the subnet, not a port")
FLOATING = GF.FloatingWords(
    type=PIP, attr="ip_address", no_failover="Azure has no such address",
    failover_help="use an azurerm_public_ip re-associated between NICs, or a load balancer "
    "frontend", becomes="an Azure public IP (Standard, static)",
    becomes_help="associate it with a VM's network interface "
    "(ip_configuration.public_ip_address_id) or a load balancer frontend",
    no_description="an Azure public IP has no description (tags only)",
    no_zone="the public IP is regional (no zone)",
    bound="the address is bound to a network interface, not an OpenStack port")


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


def subnet_association(ctx: Ctx, node: N.Resource, label: str, nat: E.Expr,
                       subnet: E.Expr) -> TfBlock:
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
    for named in (ip, b):
        unique_names.warn(ctx, node, named)  # (a fixed name in a repeated module: IT308)
    assoc = TfBlock("resource", (NAT_PIP, label))
    P.emit_meta(ctx, assoc, meta_only(node), {})
    assoc.set("nat_gateway_id", same(node, NAT, "id", label))
    assoc.set("public_ip_address_id", same(node, PIP, "id", label))
    return ip, b, assoc


def _build(ctx: Ctx, node: N.Resource, label: str, name: E.Expr | None, model: Value,
           location: E.Expr | None) -> tuple[list[TfBlock], TfBlock, list[TfBlock]]:
    ip, b, assoc = nat_gateway(ctx, node, label, name, model, location)
    served = _vnet_location(ctx, node)
    if served is not None:  # (a NAT gateway serves subnets of its own region only)
        for block in (ip, b):
            block.set("location", served)
    return [ip], b, [assoc]


def _vnet_location(ctx: Ctx, node: N.Resource) -> E.Expr | None:
    """`azurerm_virtual_network.<x>.location` of the VNet whose subnets gateway `node`
    serves (its network, else its first subnet's), when made here: an OpenStack network
    names no region and takes the resource group's, which a gateway's own `region` (a
    variable, a literal) need not equal, and Azure associates a NAT gateway with subnets
    of its region only. None: not known here."""
    spec = NW.read_gateway(ctx, node)
    network = spec.network
    if network is None and spec.subnets:
        sub = ctx.resolve(spec.subnets[0], node.module)
        network = NW.read_subnet(ctx, sub).network if sub is not None else None
    vnet = ctx.rewrite(network, node.module) if network is not None else None
    if not isinstance(vnet, E.GetAttr) or vnet.name != "id":
        return None
    t = E.traversal(vnet.obj)
    text = to_hcl(vnet.obj)
    if not t or t[0] != "azurerm_virtual_network" or "each." in text or "count." in text:
        return None
    return E.GetAttr(vnet.obj, "location")


def nat_association(ctx: Ctx, sub: N.Resource, lbs: bool = True) -> str | None:
    """The `azurerm_subnet_nat_gateway_association.<x>` that makes subnet `sub` egress
    through a NAT gateway, if any: a cluster in that subnet then takes outbound_type
    userAssignedNATGateway and depends on it (AKS checks the association at create).
    `lbs`: also the one an OVH load balancer's gateway_create makes (loadbalancer.py)."""
    found = _gateway_association(ctx, sub)
    if found is not None or not lbs:
        return found
    name = _first_by_name(ctx, "aks.lb_gateways", _lb_subnets).get((sub.module, id(sub)))
    return None if name is None else f"{NAT_SUB}.{name}_gateway"


def _gateway_association(ctx: Ctx, sub: N.Resource) -> str | None:
    label = GF.attaching(ctx, sub)
    return None if label is None else f"{NAT_SUB}.{label}"


Found = Iterator[tuple[N.Resource, str]]


def _first_by_name(ctx: Ctx, what: str, found: Callable[[Ctx, N.Resource], Found]
                   ) -> dict[tuple[str, int], str]:
    """(module, id(subnet)) -> the label the first node (by name) of its module that `found`
    ties to that subnet gives it: one pass over the model for all subnets (asking it per
    subnet scanned every node, quadratic)."""
    def build() -> dict[tuple[str, int], str]:
        index: dict[tuple[str, int], str] = {}
        for n in sorted(ctx.nodes.values(), key=lambda n: n.name):
            for sub, label in found(ctx, n):
                index.setdefault((n.module, id(sub)), label)
        return index
    return readings.index(ctx, what, build)


def _lb_subnets(ctx: Ctx, n: N.Resource) -> Found:
    """The subnet of a managed load balancer whose gateway_create makes it a NAT gateway."""
    if n.KIND == "LoadBalancer" and n.mode == "managed":
        spec = LB.read_loadbalancer(ctx, n)
        private = E.obj_get(N.first_object(n.get("network")), "private")
        if E.obj_get(private, "gateway_create") is not None and spec.subnet is not None \
                and (sub := ctx.resolve(spec.subnet, n.module)) is not None:
            yield sub, n.name


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


def _public_ip(ctx: Ctx, node: N.Resource, location: E.Expr | None) -> TfBlock:
    b = public_ip(ctx, node, node.name, location)
    b.set("name", C.instance_name(node, node.name, 80))
    return b


DECLARE, LOWER = NF.gateway_tables(__name__, W, FLOATING, _build, subnet_association, _public_ip)
