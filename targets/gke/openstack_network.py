"""GKE lowering of OVH's OpenStack networking (networks, subnets, routers, interfaces, IPs)."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW

from ..tfbase.context import Ctx
from ..tfbase.use import Use
from . import network
from .netspec import drop, took


def _bare(node: N.Resource, *values: E.Expr | None) -> N.Resource:
    """The node without `provider = openstack.x` (that provider is removed) and without the
    arguments holding `values`: settings that mean what GCP always does, read here."""
    gone = [v for v in values if v is not None]
    args = tuple((k, v) for k, v in node.args if not any(v is g for g in gone))
    kept = dict(args)
    a = node.arg_spans
    spans = tuple(x for i in range(0, len(a), 2) if a[i] in kept for x in a[i:i + 2])
    return replace(node, args=args, arg_spans=spans,
                   meta=replace(node.meta, provider=None))


def _is(value: E.Expr | None, literal: object) -> bool:
    return isinstance(value, E.Literal) and value.value == literal


def lower_network(ctx: Ctx, node: N.Resource) -> None:
    # admin_state_up = true is the only state a VPC has; a lookup by name finds a global VPC.
    up = node.arg("admin_state_up")
    region = NW.read_network(ctx, node).locations
    where = region[0].source if node.mode == "data" and region else None
    network.lower_network(ctx, _bare(node, up if up is None or _is(up, True) else None,
                                     where))


def lower_subnet(ctx: Ctx, node: N.Resource) -> None:
    version = NW.read_subnet(ctx, node).ip_version.source
    network.lower_subnet(ctx, _bare(node, version if _is(version, 4) else None))


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    """A floating IP from the Ext-Net pool is a static external address."""
    pool = NW.read_floating_ip(ctx, node).pool
    public = (pool.text or "").lower() in ("", "ext-net")
    network.lower_floating_ip(ctx, _bare(node, pool.source if public else None))


def lower_router(ctx: Ctx, node: N.Resource) -> None:
    """A router with interfaces on subnets: a Cloud Router + Cloud NAT for those subnets
    (the interfaces are found here, so the NAT lists them)."""
    attached = []
    for i in ctx.by_module.resources(node.module, "RouterInterface"):
        spec = NW.read_attachment(ctx, i)
        if ctx.resolve(spec.gateway, i.module) is node and spec.subnet is not None:
            attached.append((i, spec.subnet))
    ext = NW.read_gateway(ctx, node).external_network
    if ext is not None:
        ctx.sink.add("IT301", ext.span, f"`external_network_id` of {node.address}: the external "
                     "network (Ext-Net) becomes Cloud NAT, which gives the subnets outbound "
                     "access; inbound traffic needs external addresses or load balancers")
    network.lower_gateway(ctx, _bare(node, ext, node.arg("admin_state_up")), tuple(attached))


def lower_router_interface(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_attachment(ctx, node)
    u = Use(ctx, node, network.NAT)
    router = ctx.resolve(spec.gateway, node.module)
    took(u, spec.gateway, spec.subnet, spec.location.source)
    if router is None or router.KIND != "Gateway":
        ctx.sink.add("IT305", node.span, f"{node.address}: its router is not declared in this "
                     "module; add the subnet to the Cloud NAT of the router by hand")
    else:
        ctx.sink.add("IT310", node.span, f"{node.address} is omitted: its subnet is listed in "
                     f"the Cloud NAT of {router.address}")
    drop(u, spec.port, "Cloud NAT is attached to subnets, not ports")
    u.done()
