"""A target's DECLARE and LOWER for OVH gateways, router interfaces and floating IPs."""

from __future__ import annotations

from collections.abc import Callable

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from . import gateway_family as GF
from .context import Ctx
from .driver import Declaring, Lowering
from .refs import RefTarget


def tables(owner: str, w: GF.GatewayWords, fw: GF.FloatingWords, build: GF.Build,
           attach: GF.Attach, address: Callable[[Ctx, N.Resource, E.Expr | None], TfBlock]
           ) -> tuple[dict[str, Declaring], dict[str, Lowering]]:
    """gateway_family's lowerings in the target's words (`w`, `fw`): `build` makes a
    gateway's blocks, `attach` a subnet's attachment (a router interface is one),
    `address` a floating IP's; `owner` (the caller's __name__) is the module the report's
    rules name, as before."""
    def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
        return GF.declare_gateway(ctx, node, w)

    def declare_router_interface(ctx: Ctx, node: N.Resource) -> RefTarget:
        return RefTarget(f"{w.attach}.{node.name}")

    def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
        return GF.declare_floating_ip(ctx, node, fw)

    def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
        GF.lower_gateway(ctx, node, w, build, attach)

    def _attachment(ctx: Ctx, node: N.Resource) -> None:
        """A subnet added to a gateway or router: that subnet's attachment."""
        GF.lower_attachment(ctx, node, w, attach)

    def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
        GF.lower_floating_ip(ctx, node, fw, address)
    lowerings: dict[str, Lowering] = {"Gateway": lower_gateway, "RouterInterface": _attachment,
                                      "FloatingIp": lower_floating_ip}
    for fn in (declare_gateway, declare_router_interface, declare_floating_ip,
               *lowerings.values()):
        fn.__module__ = owner
    return ({"Gateway": declare_gateway, "RouterInterface": declare_router_interface,
             "FloatingIp": declare_floating_ip}, lowerings)
