"""The nodes' subnet of an AKS cluster that names only its OVH private network."""

from __future__ import annotations

import ipaddress

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K
from iac_translate.compiler.passes import network as NW

from ..tfbase.context import Ctx
from ..tfbase.modrefs import output_of, resolve_across
from ..tfbase.module_index import subnets_of

SUBNET = "azurerm_subnet"


def network_subnet(ctx: Ctx, node: N.Resource,
                   spec: K.ClusterSpec) -> tuple[N.Resource, E.Expr] | None:
    """(the OVH subnet, its azurerm_subnet id) OVH puts the nodes in when the cluster names a
    private network and no nodes_subnet_id: the network's only subnet, beside the cluster or
    through the output of the child module that gives its id. None when that is not
    certain (several subnets, count/for_each, no output of the subnet's id)."""
    if spec.network is None or spec.nodes_subnet is not None:
        return None
    net = resolve_across(ctx, spec.network, node.module)
    subs = subnets_of(ctx, net) if net is not None else []
    if len(subs) != 1 or subs[0].meta.count is not None or subs[0].meta.for_each is not None:
        return None
    sub = subs[0]
    if sub.module == node.module:
        # Beside the cluster: OVH puts the nodes in that only subnet, so AKS does too
        # (mybinder.org-deploy, eimis-synapse, public-cloud-examples wordpress).
        own = ctx.rewrite(E.build_traversal(sub.type, [("attr", sub.name), ("attr", "id")]),
                          node.module)
        return (sub, own) if _is_id(own, sub) else None
    # Only the id: vnet_subnet_id takes the subnet's resource id, never its name.
    out = output_of(ctx, node.module, spec.network, sub, SUBNET, attrs=("id",))
    return (sub, out) if out is not None else None


def _is_id(ref: E.Expr, sub: N.Resource) -> bool:
    return E.traversal(E.unwrap(ref)) == (SUBNET, [("attr", sub.name), ("attr", "id")])


# AKS's defaults (service 10.0.0.0/16, overlay pods 10.244.0.0/16), then ranges outside the
# ones AKS reserves (169.254/16, 172.30/16, 172.31/16, 192.0.2/24) and the docker bridge.
_SERVICES = ("10.0.0.0/16", "172.16.0.0/16", "10.96.0.0/16")
_PODS = ("10.244.0.0/16", "192.168.0.0/16", "100.64.0.0/16")


def free_ranges(ctx: Ctx, node: N.Resource,
                spec: K.ClusterSpec) -> tuple[str | None, str | None, str | None]:
    """(the nodes' subnet CIDR, a service CIDR, a pod CIDR) when the subnet's literal CIDR
    overlaps AKS's default service or pod range: AKS refuses such a cluster at create
    (ServiceCidrOverlapExistingSubnetsCidr); None for a range the default already fits."""
    if spec.nodes_subnet is not None:
        sub = resolve_across(ctx, spec.nodes_subnet, node.module)
    else:
        found = network_subnet(ctx, node, spec)
        sub = found[0] if found is not None else None
    cidr = NW.read_subnet(ctx, sub).network_cidr if sub is not None and \
        sub.KIND == "Subnet" else None
    if cidr is None:
        return None, None, None
    taken = [cidr]
    svc = _first_free(_SERVICES, taken) if spec.services_cidr.source is None else None
    taken += [ipaddress.ip_network(svc)] if svc else []
    pods = _first_free(_PODS, taken) if spec.pods_cidr.source is None else None
    return (str(cidr), None if svc == _SERVICES[0] else svc,
            None if pods == _PODS[0] else pods)


def _first_free(cands: tuple[str, ...], taken: list[ipaddress.IPv4Network]) -> str | None:
    for c in cands:
        net = ipaddress.ip_network(c)
        if not any(net.overlaps(t) for t in taken):
            return c
    return None
