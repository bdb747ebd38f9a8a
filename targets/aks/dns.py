"""AKS lowering of OVH subnet DNS servers: the dns_servers of the subnets' virtual network."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..tfbase.context import Ctx
from ..tfbase.use import Use

# OVH's own resolver, which OVH subnets often list; it serves OVH's networks.
_OVH_RESOLVERS = ("213.186.33.99",)
_KEYS = ("dns_nameservers", "use_default_public_dns_resolver")


def _not_ovh(e: E.Expr | None) -> E.Expr | None:
    """`e` without OVH's resolvers (they refuse queries from outside OVH's networks: Azure
    machines and AKS nodes behind them resolve nothing); None when nothing is left."""
    if not isinstance(e, E.Tuple):
        return e
    kept = tuple(i for i in e.items if E.str_value(i) not in _OVH_RESOLVERS)
    return None if not kept else e if len(kept) == len(e.items) else \
        E.Tuple(kept, span=e.span)


def servers(ctx: Ctx, subs: list[N.Resource]) -> E.Expr | None:
    """The DNS servers of a VNet holding `subs`: theirs when every subnet that names some
    names the same (Azure sets them per VNet, not per subnet), else None."""
    named = [s for s in (_not_ovh(NW.read_subnet(ctx, n).dns_servers) for n in subs)
             if s is not None]
    if not named or len({to_hcl(s) for s in named}) != 1:
        return None
    return named[0]


def subnet(ctx: Ctx, node: N.Resource, u: Use, spec: NW.SubnetSpec,
           vnet_subs: list[N.Resource] | None) -> None:
    """The subnet's DNS servers: its VNet's when they agree (servers), else reported."""
    listed = spec.dns_servers.items if isinstance(spec.dns_servers, E.Tuple) else ()
    ovh = [t for t in (E.str_value(i) for i in listed) if t in _OVH_RESOLVERS]
    if spec.dns_servers is not None and _not_ovh(spec.dns_servers) is None:
        for k in _KEYS:
            u.drop(k, f"{', '.join(ovh)} is OVH's resolver (cdns.ovh.net), which answers "
                   "OVH's networks only: the virtual network keeps Azure DNS (168.63.129.16)")
        return
    if spec.dns_servers is None:
        for k in _KEYS:
            u.drop(k, "Azure subnets resolve through their virtual network's DNS servers "
                   "(Azure DNS unless dns_servers is set on the azurerm_virtual_network)")
        return
    if vnet_subs is None or servers(ctx, vnet_subs) is None:
        for k in _KEYS:
            u.drop(k, "Azure DNS servers are set for the whole virtual network "
                   "(azurerm_virtual_network dns_servers), and its subnets ask for different "
                   "ones (or it is not declared here)")
        return
    for k in _KEYS:
        u.raw(k)
    ctx.sink.add("IT301", spec.dns_servers.span or node.span, f"the DNS servers of "
                 f"{node.address} become the dns_servers of its virtual network: Azure sets "
                 "them for every subnet of the VNet",
                 f"{', '.join(ovh)} (OVH's resolver, cdns.ovh.net, which answers OVH's "
                 "networks only) is left out" if ovh else "")
