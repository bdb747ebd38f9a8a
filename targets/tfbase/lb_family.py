"""What every cloud's load balancer lowering reads and says alike, the cloud's words passed in."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from . import lb_keys, omitted
from .context import Ctx
from .start import use
from .use import Use

# the OVH load balancer's arguments the spec reads (the lowering says what each becomes)
READ = ("name", "description", "region_name", "flavor_id", "network", "listeners",
        "service_name")


def private(node: N.Resource, key: str) -> E.Expr | None:
    """`network.private.<key>` of an OVH load balancer (floating_ip_create, gateway_create)."""
    return E.obj_get(E.obj_get(N.first_object(node.get("network")), "private"), key)


def fip_description(ctx: Ctx, node: N.Resource, what: str) -> None:
    """The created floating IP's description, which the cloud's public IP (`what`) has not."""
    desc = E.obj_get(private(node, "floating_ip_create"), "description")
    if desc is not None:
        ctx.sink.add("IT302", desc.span or node.span, f"the floating IP description of "
                     f"{node.address} is not translated: {what}")


def listeners(node: N.Resource, spec: LB.LoadBalancerSpec) -> Iterator[tuple[LB.Listener, str]]:
    """Each listener and the label of what it becomes: the load balancer's own for one,
    `<name>_<port>` (its index when the port is computed) for several."""
    for i, lst in enumerate(spec.listeners):
        yield lst, (node.name if len(spec.listeners) == 1 else
                    f"{node.name}_{lst.port.text or i}")


def computed_listeners(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, made: str,
                       hint: str) -> None:
    """Listeners the source computes: none of what a listener becomes (`made`) is made (IT308)."""
    if spec.listeners_source is not None:
        ctx.sink.add("IT308", spec.listeners_source.span or node.span, f"the listeners of "
                     f"{node.address} are computed: no {made} is made", hint)


def unread(ctx: Ctx, node: N.Resource, lst: LB.Listener, why: str, hint: str = "") -> None:
    """The listener's keys (and its pool's, members', probe's) no lowering reads: IT302,
    `why` the cloud has no such setting."""
    span = lst.source.span or node.span
    for at, path, key in lb_keys.unread(lst.source):
        ctx.sink.add("IT302", at or span, f"`{path}.{key}` of {node.address} is not "
                     f"translated: {why}", hint)


def forward(ctx: Ctx, node: N.Resource, lst: LB.Listener, protocols: Mapping[str, str],
            why: str, hint: str) -> tuple[str, str | None]:
    """(the listener's protocol, what the cloud forwards it as); None and IT305 when the
    cloud does not forward it (`why`, after "`<protocol>`: ")."""
    proto = (lst.protocol.text or "").lower()
    out = protocols.get(proto)
    if out is None:
        ctx.sink.add("IT305", lst.source.span or node.span, f"listener "
                     f"{lst.port.text or '?'} of {node.address} is `{proto or 'computed'}`: "
                     f"{why}; it is not translated", hint)
    return proto, out


def member_ports(ctx: Ctx, node: N.Resource, lst: LB.Listener, members: tuple[LB.Member, ...],
                 why: str, hint: str) -> None:
    """Members on several ports, where the cloud forwards to one (the first member's): IT301."""
    ports = {m.port.text for m in members}
    if len(ports) > 1:
        listed = ", ".join(sorted(map(str, ports)))
        ctx.sink.add("IT301", lst.source.span or node.span, f"the members of {node.address}'s "
                     f"listener {lst.port.text} listen on ports {listed}: {why}", hint)


def member_weights(ctx: Ctx, node: N.Resource, lst: LB.Listener,
                   members: tuple[LB.Member, ...], why: str) -> None:
    """Members of different weights, which the cloud does not balance by: IT302."""
    weights = {m.weight.text for m in members if m.weight.source is not None}
    if len(weights) > 1:
        ctx.sink.add("IT302", lst.source.span or node.span, f"member weights of "
                     f"{node.address}'s listener {lst.port.text} are not translated: {why}")


def tcp_instead(ctx: Ctx, node: N.Resource, hc: LB.HealthCheck, kind: str, check: str,
                hint: str) -> None:
    """A health monitor kind the cloud does not check: it becomes a TCP `check` (IT301)."""
    ctx.sink.add("IT301", hc.kind.source.span if hc.kind.source else node.span,
                 f"health monitor `{kind or 'computed'}` of {node.address} becomes a TCP "
                 f"{check}", hint)


def open_to_all(cidrs: E.Expr) -> bool:
    """`allowed_cidrs = ["0.0.0.0/0"]`: no allow-list to translate."""
    return isinstance(cidrs, E.Tuple) and [E.str_value(c) for c in cidrs.items] == ["0.0.0.0/0"]


def octavia_spec(ctx: Ctx, node: N.Resource) -> LB.LoadBalancerSpec:
    """An openstack_lb_loadbalancer_v2 and the listeners, pools, members and monitors of its
    module that reference it, read as one OVH load balancer spec."""
    parts = [n for m in ctx.model.modules if m.path == node.module for n in m.nodes
             if isinstance(n, N.Resource)]
    return LB.read_octavia(ctx, node, parts)


def lower_octavia(ctx: Ctx, node: N.Resource, type_: str,
                  lower: Callable[[Ctx, N.Resource, LB.LoadBalancerSpec], None]) -> None:
    """An Octavia load balancer, its arguments read for `type_`, `lower`ed as its spec."""
    u = use(ctx, node, LB.OCTAVIA_READ[LB.OCTAVIA], type_)
    lower(ctx, node, octavia_spec(ctx, node))
    u.done()


def octavia_part(ctx: Ctx, node: N.Resource, type_: str) -> tuple[N.Resource, Use] | None:
    """(the Octavia load balancer, the use of its arguments for `type_`) of a listener,
    pool, member or monitor read into that balancer's spec; None when it belongs to none
    (or to a data source)."""
    parent = LB.octavia_parent(ctx, node)
    if parent is None or parent.mode == "data":
        return None
    return parent, use(ctx, node, LB.OCTAVIA_READ[node.type], type_)


def openstack_other(ctx: Ctx, node: N.Resource, lower: Callable[[Ctx, N.Resource], None],
                    part: Callable[[Ctx, N.Resource], bool], cloud: str) -> None:
    """An OpenStack resource no family lowers: an Octavia load balancer (`lower`), one of its
    parts (`part`: False when it belongs to none), else omitted in `cloud`'s words."""
    # Octavia load balancers are OVH's load balancer written as linked resources.
    if node.type == LB.OCTAVIA and node.mode != "data":
        return lower(ctx, node)
    if node.type in (*LB.OCTAVIA_PARTS, LB.FLOATING_ASSOCIATE) and part(ctx, node):
        return None
    omitted.lower_openstack_other(ctx, node, cloud)
