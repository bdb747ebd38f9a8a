"""The VNet of an Azure VM whose OVH instance is only on the public network (Ext-Net)."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import compute as M

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx

VNET, SUBNET = "azurerm_virtual_network", "azurerm_subnet"
# A VNet of the VM's own: nothing else is in it, so its range meets no other network's
# (peering it to another would need ranges that differ).
SPACE, PREFIX = "10.0.0.0/24", "10.0.0.0/26"


def only_public(spec: M.InstanceSpec) -> bool:
    """On OVH's public network and nothing else: one interface, no private network."""
    net = spec.network
    return net.public is True and net.network is None and net.subnet is None and \
        not spec.private_refs and net.others is None and net.interfaces == 1


def subnet(ctx: Ctx, node: N.Resource, name: E.Expr, group: E.Expr,
           where: E.Expr) -> E.Expr:
    """Emit the VM's VNet and subnet (per instance of `node`) and return the subnet's id:
    an Azure VM's public IP sits on a NIC in a VNet subnet, OVH's Ext-Net has none."""
    label = f"{node.name}_ext_net"
    v = TfBlock("resource", (VNET, label))
    v.note(f"{node.address} is only on OVH's public network: its NIC needs a subnet, here in "
           "a VNet of its own")
    v.set("name", name)
    v.set("location", where)
    v.set("resource_group_name", group)
    v.set("address_space", E.Tuple((E.Literal(SPACE),)))
    P.emit_meta(ctx, v, meta_only(node), {})
    ctx.emit(node.span, v)
    s = TfBlock("resource", (SUBNET, label))
    s.set("name", E.Literal("vms"))
    s.set("resource_group_name", group)
    s.set("virtual_network_name", same(node, VNET, "name", label))
    s.set("address_prefixes", E.Tuple((E.Literal(PREFIX),)))
    P.emit_meta(ctx, s, meta_only(node), {})
    ctx.emit(node.span, s)
    ctx.sink.add("IT307", node.span, f"{node.address} is only on OVH's public network "
                 f"(Ext-Net): its NIC is in {SUBNET}.{label} ({PREFIX}) of {VNET}.{label}, a "
                 "VNet of its own, with its public IP")
    return same(node, SUBNET, "id", label)
