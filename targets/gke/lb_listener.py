"""One OVH listener on GKE: forwarding rule, backend service, health check, firewall rule."""

from __future__ import annotations

from typing import TYPE_CHECKING

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import passthrough as P
from ..tfbase.companions import meta_only, same
from ..tfbase.context import Ctx
from . import common as C
from . import lb_backends as B
from . import lb_health as H

if TYPE_CHECKING:
    from .loadbalancer import Balancer

RULE, BACKEND = "google_compute_forwarding_rule", "google_compute_region_backend_service"
FIREWALL = "google_compute_firewall"
# OVH listener protocol -> what a passthrough load balancer forwards it as
PROTOCOLS = {"tcp": "TCP", "http": "TCP", "https": "TCP", "udp": "UDP"}
# The listeners it cannot forward: why, and what to build instead.
_NOT_FORWARDED = {
    "terminated-https": ("a passthrough load balancer does not terminate TLS",
                         "build a regional Application Load Balancer (target HTTPS proxy, "
                         "URL map, google_compute_region_ssl_certificate) or terminate TLS "
                         "on the VMs and forward TCP"),
    "prometheus": ("GCP load balancers serve no metrics listener",
                   "read the load balancer metrics in Cloud Monitoring"),
}
_OTHER = ("a GCP passthrough load balancer forwards TCP and UDP",
          "build the listener by hand (an Application Load Balancer for L7 features)")
# Google's health-check probers (and, for external passthrough, its legacy ranges): the
# firewall must admit them or every backend is unhealthy.
PROBERS = ("35.191.0.0/16", "130.211.0.0/22")
PROBERS_EXTERNAL = ("209.85.152.0/22", "209.85.204.0/22")


def listener(ctx: Ctx, lb: Balancer, lst: LB.Listener, label: str) -> None:
    """The forwarding rule on the listener's port, its backend service over the pool's
    VMs, the pool's health check and the firewall rule that lets clients and probes in."""
    node = lb.node
    span = lst.source.span or node.span
    LF.unread(ctx, node, lst, "a GCP passthrough load balancer has no such setting")
    proto = (lst.protocol.text or "").lower()
    why, hint = _NOT_FORWARDED.get(proto, _OTHER)
    proto, forward = LF.forward(ctx, node, lst, PROTOCOLS, why, hint)
    if forward is None:
        return
    if lst.port.source is None:
        ctx.sink.add("IT308", span, f"listener of {node.address} has no port: no forwarding "
                     "rule is made", "write the forwarding rule with the port by hand")
        return
    if proto in ("http", "https"):
        ctx.sink.add("IT301", span, f"listener {lst.port.text} of {node.address} ({proto}) "
                     + ("forwards TCP: no HTTP routing, no X-Forwarded-For (the client IP "
                        "reaches the VMs as the source address)" if proto == "http" else
                        "passes TLS through to the VMs as TCP"),
                     "use an Application Load Balancer if L7 features matter")
    suffix = label[len(node.name) + 1:] if label != node.name else ""
    port = ctx.rewrite(lst.port.source, node.module)
    pool = lst.pool
    members = pool.members if pool is not None else ()
    check_port = _member_port(ctx, lb, lst, members) or port
    hc = H.health_check(ctx, node, lst, label, lb.name(suffix), lb.region, check_port)
    ctx.emit(node.span, hc)
    found = _backends(ctx, lb, lst, pool)
    be = TfBlock("resource", (BACKEND, label))
    P.emit_meta(ctx, be, meta_only(node), {})
    be.set("name", lb.name(suffix))
    be.set("region", lb.region)
    be.set("protocol", E.Literal(forward))
    be.set("load_balancing_scheme", E.Literal(lb.scheme))
    be.set("health_checks", E.Tuple((same(node, H.CHECK, "id", label),)))
    if pool is not None:
        _affinity(ctx, lb, pool, be)
    groups = B.groups(ctx, node, found) if found else []
    if groups is None:
        ctx.sink.add("IT308", span, f"the members of {node.address}'s listener "
                     f"{lst.port.text} share VMs with another pool's instance group: a VM "
                     "is in one load-balanced group only, so no backend is added",
                     "add that group as a backend of this backend service")
        groups = []
    for g in groups:
        b = be.block("backend")
        b.set("group", g)
        b.set("balancing_mode", E.Literal("CONNECTION"))
    ctx.emit(node.span, be)
    fr = TfBlock("resource", (RULE, label))
    P.emit_meta(ctx, fr, meta_only(node), {})
    fr.set("name", lb.name(suffix))
    fr.set("region", lb.region)
    if lb.spec.description.source is not None:
        fr.set("description", ctx.rewrite(lb.spec.description.source, node.module))
    fr.set("load_balancing_scheme", E.Literal(lb.scheme))
    fr.set("ip_protocol", E.Literal(forward))
    fr.set("ports", E.Tuple((_port_text(port),)))
    fr.set("ip_address", lb.address)
    fr.set("backend_service", same(node, BACKEND, "id", label))
    if lb.scheme == "INTERNAL":
        fr.set("network", lb.network)
        fr.set("subnetwork", lb.subnet)
    ctx.emit(node.span, fr)
    _firewall(ctx, lb, lst, label, suffix, forward, (port, check_port), found)


def _port_text(port: E.Expr) -> E.Expr:
    """`ports` holds strings: a literal port number is written as one."""
    return E.Literal(str(port.value)) if isinstance(port, E.Literal) else port


def _member_port(ctx: Ctx, lb: Balancer, lst: LB.Listener,
                 members: tuple[LB.Member, ...]) -> E.Expr | None:
    """The members' port (the first one's), which the health check probes; IT308 when it
    is not the listener's: a passthrough load balancer does not translate ports."""
    node = lb.node
    LF.member_ports(ctx, node, lst, members, "a passthrough load balancer delivers to the "
                    "listener's port", "make every VM serve the listener's port")
    first = members[0].port if members else None
    if first is None or first.source is None:
        return None
    same_port = first.text == lst.port.text if first.text and lst.port.text else \
        to_hcl(first.source) == to_hcl(lst.port.source) if lst.port.source else False
    if not same_port:
        ctx.sink.add("IT308", first.source.span or node.span, f"the members of "
                     f"{node.address}'s listener {lst.port.text or '?'} listen on port "
                     f"{first.text or to_hcl(first.source)}: a GCP passthrough load balancer "
                     "delivers to the VMs on the listener's port",
                     f"make the VMs serve port {lst.port.text or 'the listener port'} (an "
                     "iptables REDIRECT to the member port keeps the health check valid)")
    return ctx.rewrite(first.source, node.module)


def _backends(ctx: Ctx, lb: Balancer, lst: LB.Listener,
              pool: LB.Pool | None) -> list[B.Vms]:
    """The translated VMs behind the listener's members; IT308 for every member that is
    not one (GCP passthrough backends are VMs, not IP addresses)."""
    node = lb.node
    span = lst.source.span or node.span
    where = f"{node.address}'s listener {lst.port.text or '?'}"
    hint = f"add the VMs to an instance group and that group as a backend of {BACKEND}"
    if pool is None or (not pool.members and pool.members_source is None):
        ctx.sink.add("IT308", span, f"{where} has no members: its backend service has no "
                     "backend", hint)
        return []
    if pool.members_source is not None:
        ctx.sink.add("IT308", pool.members_source.span or span, f"the members of {where} "
                     "are computed: no backend is added", hint)
        return []
    LF.member_weights(ctx, node, lst, pool.members, "a passthrough load balancer spreads "
                      "connections by hash, not weight")
    found = []
    for m in pool.members:
        vms = B.vms(ctx, node, m)
        if vms is None:
            text = to_hcl(m.address.source) if m.address.source is not None else "computed"
            at = m.address.source.span if m.address.source is not None else None
            ctx.sink.add("IT308", at or span, f"member `{text}` of {where} is not a VM "
                         "translated here (one VM, or one member per VM of a counted "
                         "instance): GCP passthrough backends are VMs in instance "
                         "groups, not addresses; no backend is added for it", hint)
        else:
            found.append(vms)
    return found


def _affinity(ctx: Ctx, lb: Balancer, pool: LB.Pool, be: TfBlock) -> None:
    node = lb.node
    algo = (pool.algorithm.text or "").lower()
    if algo == "sourceip" or pool.persistence is not None:
        be.set("session_affinity", E.Literal("CLIENT_IP"))
    if algo not in ("", "sourceip") and pool.algorithm.source is not None:
        ctx.sink.add("IT301", pool.algorithm.source.span or node.span, f"balancing "
                     f"algorithm `{pool.algorithm.text or 'computed'}` of {node.address} "
                     "becomes GCP's connection hash (5-tuple)", "session_affinity CLIENT_IP "
                     "keeps a client on one VM")
    if pool.persistence is not None:
        ctx.sink.add("IT301", pool.persistence.span or node.span, f"the session persistence "
                     f"of {node.address} becomes client-IP affinity (a passthrough load "
                     "balancer sees no cookies)")
    if (pool.protocol.text or "").lower() in ("proxy", "proxyv2"):
        ctx.sink.add("IT308", pool.protocol.source.span if pool.protocol.source else
                     node.span, f"the pool of {node.address} speaks the PROXY protocol: a "
                     "passthrough load balancer sends none (the client IP is the source "
                     "address)", "turn PROXY protocol off on the VMs")


def _firewall(ctx: Ctx, lb: Balancer, lst: LB.Listener, label: str, suffix: str,
              forward: str, ports: tuple[E.Expr, E.Expr], found: list[B.Vms]) -> None:
    """Clients (allowed_cidrs, all when OVH allowed all) and the health-check probers on
    the VMs' ports: without it GCP drops the traffic."""
    node = lb.node
    fw = TfBlock("resource", (FIREWALL, label))
    P.emit_meta(ctx, fw, meta_only(node), {})
    fw.set("name", lb.name(f"{suffix}-allow" if suffix else "allow"))
    fw.set("network", B.network_of(found) or lb.network)  # (where the VMs receive it)
    fw.set("direction", E.Literal("INGRESS"))
    probers = PROBERS + (PROBERS_EXTERNAL if lb.scheme == "EXTERNAL" else ())
    cidrs = lst.allowed_cidrs
    fixed = C.strings(list(probers))
    if cidrs is None or (isinstance(cidrs, E.Tuple) and not cidrs.items):
        ranges: E.Expr = C.strings([*probers, "0.0.0.0/0"])
    else:
        written = ctx.rewrite(cidrs, node.module)
        ranges = E.Tuple(fixed.items + written.items) if isinstance(written, E.Tuple) else \
            E.Call("concat", (fixed, written))
    fw.set("source_ranges", ranges)
    unique = {to_hcl(p): p for p in ports}  # (the listener's port, the checked one)
    allow = fw.block("allow")
    allow.set("protocol", E.Literal(forward.lower()))
    allow.set("ports", E.Tuple(tuple(_port_text(p) for p in unique.values())))
    if forward == "UDP":  # the health check probes TCP
        extra = fw.block("allow")
        extra.set("protocol", E.Literal("tcp"))
        extra.set("ports", E.Tuple((_port_text(ports[1]),)))
    tags = B.target_tags(found)
    if tags is not None:
        fw.set("target_tags", tags)
    else:
        ctx.sink.add("IT301", lst.source.span or node.span, f"the firewall rule "
                     f"{FIREWALL}.{label} admits {node.address}'s clients and health checks "
                     "on every VM of the network: its backends carry no common network tag",
                     "add a network tag to the backend VMs and set target_tags")
    ctx.emit(node.span, fw)
