"""GKE cluster networking: VPC, subnetwork and the Pod/Service secondary ranges."""

from __future__ import annotations

import ipaddress

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from ..tfbase.modrefs import output_of, resolve_across
from . import network

# OVH MKS defaults, used when the cluster does not set ip_allocation_policy.
_DEFAULT_RANGES = (("10.2.0.0/16", "10.3.0.0/16"), ("10.240.0.0/14", "10.244.0.0/20"),
                   ("172.20.0.0/14", "172.24.0.0/20"))


def _network_ref(ctx: Ctx, node: N.Resource, net_raw: E.Expr) -> E.Expr:
    """The cluster's `network`: the source expression rewritten, unless it picks the
    network's OpenStack id of one region out of its regions_attributes (`one([for a in
    net.regions_attributes : a.openstackid if a.region == ...])`, OVH's documented way):
    on GCP that is the VPC itself, whose regional attributes have no counterpart."""
    found = ctx.resolve(net_raw, node.module) if E.traversal(net_raw) is None else None
    target = ctx.refmap.get(ctx.key_of(found)) if found is not None else None
    if found is None or found.KIND != "Network" or target is None or \
            target.self_ref is None or found.meta.count is not None or \
            found.meta.for_each is not None or not any(
                isinstance(e, E.ForExpr) and "regions_attributes" in to_hcl(e.collection)
                for e in E.walk(net_raw)):
        # (`tolist(net.regions_attributes[*].openstackid)[0]` is rewritten by the rules)
        return ctx.rewrite(net_raw, node.module)
    ctx.sink.add("IT306", net_raw.span or node.span, f"`private_network_id` of {node.address} "
                 f"picks one region's OpenStack id of {found.address}: on GCP the cluster "
                 f"joins the VPC itself ({target.self_ref})")
    return E.ref(f"{target.self_ref}.id")


def cluster_network(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """network, subnetwork, VPC-native ranges and private nodes of a GKE cluster."""
    net_raw, subnet_raw = spec.network, spec.nodes_subnet
    # Through module inputs and outputs too: the subnet is often made by a sibling module.
    subnet_node = resolve_across(ctx, subnet_raw, node.module)
    if subnet_node is None and net_raw is not None:
        subnet_node = network.subnet_of_network(ctx, resolve_across(ctx, net_raw, node.module))
    if net_raw is not None:
        b.set("network", _network_ref(ctx, node, net_raw))
    if subnet_raw is not None:
        b.set("subnetwork", ctx.rewrite(subnet_raw, node.module))
    elif subnet_node is not None and subnet_node.module == node.module:
        b.set("subnetwork", E.ref(f"{network.SUBNET}.{subnet_node.name}.id"))
    elif subnet_node is not None and (out := output_of(ctx, node.module, net_raw, subnet_node,
                                                       network.SUBNET)) is not None:
        # The network comes from a child module that also outputs its subnet: the same
        # module call's output, which the translated child writes as the subnetwork's id.
        b.set("subnetwork", out)
    elif subnet_node is not None:
        b.set("subnetwork", E.Literal(f"TODO(IT206): the id of {subnet_node.address} in module "
                                      f"`{subnet_node.module}`"))
        ctx.sink.add("IT206", node.arg_span("private_network_id") if net_raw is None
                     else _span(net_raw, node), f"the subnet of {node.address} is "
                     f"{subnet_node.address} in module `{subnet_node.module}`; pass its id to "
                     "this module and set `subnetwork`")
    subnet_block = ctx.primary.get(ctx.key_of(subnet_node)) if subnet_node else None
    if net_raw is None:
        subnet_block = network.scaffold_network(ctx, node, b)
    b.set("networking_mode", E.Literal("VPC_NATIVE"))
    ranges = b.block("ip_allocation_policy")
    if subnet_block is None:
        ctx.sink.add("IT206", node.arg_span("nodes_subnet_id") if subnet_raw is None
                     else _span(subnet_raw, node), f"the subnet of {node.address} is not "
                     "declared here; its secondary ranges for Pods and Services must exist")
        ranges.set("cluster_secondary_range_name", E.Literal(f"{node.name}-pods"))
        ranges.set("services_secondary_range_name", E.Literal(f"{node.name}-services"))
    else:
        primary = E.str_value(subnet_block.get("ip_cidr_range"))
        taken = [primary] if primary else []
        for block in subnet_block.items:
            if isinstance(block, TfBlock) and block.type == "secondary_ip_range":
                taken.append(E.str_value(block.get("ip_cidr_range")) or "")
        pods_expr, svc_expr = _ranges(ctx, node, spec.pods_cidr.source,
                                      spec.services_cidr.source, taken)
        for suffix, cidr in (("pods", pods_expr), ("services", svc_expr)):
            sec = subnet_block.block("secondary_ip_range")
            sec.set("range_name", E.Literal(f"{node.name}-{suffix}"))
            sec.set("ip_cidr_range", cidr)
        ranges.set("cluster_secondary_range_name", E.Literal(f"{node.name}-pods"))
        ranges.set("services_secondary_range_name", E.Literal(f"{node.name}-services"))
    routing = spec.routing
    if routing.as_default is True:
        priv = b.block("private_cluster_config")
        priv.set("enable_private_nodes", E.Literal(True))
        priv.set("enable_private_endpoint", E.Literal(False))
        ctx.sink.add("IT301", routing.as_default_source.span if routing.as_default_source
                     else None, f"{node.address} routes node egress through the private "
                     "network: nodes are private and egress goes through Cloud NAT")
    gw = routing.gateway
    if gw is not None and E.str_value(gw) not in ("", None):
        ctx.sink.add("IT302", gw.span, "`default_vrack_gateway` is not translated: Cloud "
                     "Router/NAT routes egress; custom next hops need google_compute_route")


def _ranges(ctx: Ctx, node: N.Resource, pods: E.Expr | None, services: E.Expr | None,
            taken: list[str]) -> tuple[E.Expr, E.Expr]:
    if pods is not None and services is not None:
        return ctx.rewrite(pods, node.module), ctx.rewrite(services, node.module)
    nets = [ipaddress.ip_network(t, strict=False) for t in taken if _is_cidr(t)]
    for p, s in _DEFAULT_RANGES:
        cand = [ipaddress.ip_network(p), ipaddress.ip_network(s)]
        if not any(c.overlaps(n) for c in cand for n in nets):
            ctx.sink.add("IT307", node.span, f"{node.address}: GKE needs secondary ranges for "
                         f"Pods and Services; {p} and {s} were chosen")
            return (ctx.rewrite(pods, node.module) if pods else E.Literal(p),
                    ctx.rewrite(services, node.module) if services else E.Literal(s))
    ctx.sink.add("IT308", node.span, "no free default range for Pods/Services; choose them")
    return E.Literal("TODO(IT308): pods CIDR"), E.Literal("TODO(IT308): services CIDR")


def _is_cidr(s: str) -> bool:
    try:
        ipaddress.ip_network(s, strict=False)
        return True
    except ValueError:
        return False


def _span(e: E.Expr | None, node: N.Resource) -> Span:
    return e.span if e is not None and e.span is not None else node.span
