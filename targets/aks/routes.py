"""AKS lowering of OVH subnet host routes: an azurerm_route_table associated with the subnet."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import common as C

TABLE, ASSOC = "azurerm_route_table", "azurerm_subnet_route_table_association"


def host_routes(ctx: Ctx, node: N.Resource, u: Use, spec: NW.SubnetSpec,
                location: E.Expr | None) -> None:
    """OVH host routes (pushed to instances by DHCP) become user-defined routes of the
    subnet: the next hop is an address inside the VNet, a VirtualAppliance to Azure. Azure
    applies them to the subnet's traffic in the fabric, so every machine of the subnet uses
    them, as every OVH instance taking DHCP did."""
    for k in ("host_route", "host_routes"):
        u.raw(k)
    if spec.routes_source is None:
        return
    complete = [r for r in spec.routes if r.destination.source is not None
                and r.nexthop.source is not None]
    if not complete or len(complete) != len(spec.routes):
        ctx.sink.add("IT302", spec.routes_source.span or node.span, f"the host routes of "
                     f"{node.address} are not translated: they are computed or incomplete",
                     f"add an {TABLE} with its routes (next_hop_type VirtualAppliance) and an "
                     f"{ASSOC}")
        return
    t = TfBlock("resource", (TABLE, node.name))
    P.emit_meta(ctx, t, meta_only(node), {})
    group, where = C.resource_group(ctx, node.module, location)
    t.set("name", C.instance_name(node, f"rt-{node.name}", 80))
    t.set("location", where)
    t.set("resource_group_name", group)
    items: list[E.Expr] = []
    for i, r in enumerate(complete):
        assert r.destination.source is not None and r.nexthop.source is not None
        # (an attribute in azurerm 4.x, a list of objects: every field is written)
        items.append(E.Object((
            (E.Var("name"), E.Literal(f"host-route-{i}")),
            (E.Var("address_prefix"), ctx.rewrite(r.destination.source, node.module)),
            (E.Var("next_hop_type"), E.Literal("VirtualAppliance")),
            (E.Var("next_hop_in_ip_address"), ctx.rewrite(r.nexthop.source, node.module)))))
    t.set("route", E.Tuple(tuple(items)))
    t.note(f"the host routes of {node.address}")
    ctx.emit(node.span, t)
    a = TfBlock("resource", (ASSOC, node.name))
    P.emit_meta(ctx, a, meta_only(node), {})
    a.set("subnet_id", same(node, "azurerm_subnet", "id"))
    a.set("route_table_id", same(node, TABLE, "id"))
    ctx.emit(node.span, a)
    ctx.sink.add("IT301", spec.routes_source.span or node.span, f"the host routes of "
                 f"{node.address} become {TABLE}.{node.name} on its subnet: Azure routes "
                 "the subnet's traffic through each next hop (a VirtualAppliance)",
                 "the next-hop machines need IP forwarding (ip_forwarding_enabled on their "
                 "network interface)")
