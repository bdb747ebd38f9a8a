"""GKE lowering of OVH and Octavia load balancers: a regional passthrough Network Load Balancer."""

from __future__ import annotations

from dataclasses import dataclass

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import omitted
from ..tfbase import passthrough as P
from ..tfbase import start as ST
from ..tfbase.companions import instance_key, meta_only, same
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from . import common as C
from . import lb_listener as L
from .instance_names import warn_repeated

ADDRESS = "google_compute_address"
FLOATING_IP = "openstack_networking_floatingip_v2"


@dataclass(frozen=True, slots=True)
class Balancer:
    """What every listener of one load balancer shares: its address, region and network."""

    node: N.Resource
    spec: LB.LoadBalancerSpec
    scheme: str  # EXTERNAL (a floating IP published it) or INTERNAL
    address: E.Expr  # the forwarding rules' ip_address
    region: E.Expr | None
    network: E.Expr
    subnet: E.Expr | None
    base: str  # the GCP name its resources start with

    def name(self, suffix: str = "") -> E.Expr:
        """A GCP name of one of its resources (each instance's own when it repeats)."""
        text = C.gcp_name(f"{self.base}-{suffix}" if suffix else self.base)
        key = instance_key(self.node)[1:-1]
        return C.tpl(f"{text}-", E.ref(key)) if key else E.Literal(text)


def vip_floating_ip(ctx: Ctx, node: N.Resource) -> N.Resource | None:
    """The floating IP (already a google_compute_address) associated with an Octavia
    load balancer's VIP port: the forwarding rules take its address, no second one."""
    if node.type != LB.OCTAVIA:
        return None
    for m in ctx.model.modules:
        for p in m.nodes if m.path == node.module else ():
            if not isinstance(p, N.Resource) or p.type != LB.FLOATING_ASSOCIATE:
                continue
            parent = LB.octavia_parent(ctx, p)
            fip = ctx.resolve(p.get("floating_ip"), p.module)
            if parent is node and fip is not None and fip.type == FLOATING_IP and \
                    fip.KIND == "FloatingIp" and fip.mode == "managed" and \
                    fip.meta.count is None and fip.meta.for_each is None:
                return fip
    return None


def declare_loadbalancer(ctx: Ctx, node: N.Resource) -> RefTarget:
    """vip_address and the floating IP read the one address of the load balancer; `id` has
    no counterpart (a GCP load balancer is several resources)."""
    fip = vip_floating_ip(ctx, node)
    return RefTarget(f"{ADDRESS}.{(fip or node).name}", {
        "vip_address": "{self}.address", "floating_ip.ip": "{self}.address",
        "name": "{self}.name", "region": "{self}.region"}, fallback=None)


def declare_other(ctx: Ctx, node: N.Resource) -> RefTarget:
    """An Octavia load balancer is declared as OVH's is; other OpenStack types as nothing."""
    if node.type == LB.OCTAVIA and node.mode != "data":
        return declare_loadbalancer(ctx, node)
    return omitted.declare_nothing(ctx, node)


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    """OVH's load balancer: read as one spec, then lowered as an Octavia one is."""
    u = ST.use(ctx, node, LF.READ, L.RULE)
    _lower(ctx, node, LB.read_loadbalancer(ctx, node))
    u.done()


def lower_octavia(ctx: Ctx, node: N.Resource) -> None:
    """openstack_lb_loadbalancer_v2 and the listeners, pools, members and monitors that
    reference it: the same spec as OVH's load balancer, so the same resources."""
    LF.lower_octavia(ctx, node, L.RULE, _lower)


def lower_octavia_part(ctx: Ctx, node: N.Resource) -> bool:
    """A listener, pool, member, monitor or VIP floating-IP association of an Octavia load
    balancer: read into its spec and translated with it (its other arguments reported
    here). False when it belongs to none."""
    found = LF.octavia_part(ctx, node, L.RULE)
    if found is None:
        return False
    parent, u = found
    ctx.sink.add("IT306", node.span, f"{node.address} is part of the Octavia load balancer "
                 f"{parent.address}: it is translated with it (address, forwarding rules, "
                 "backend services, health checks, instance groups, firewall rules)")
    ctx.merged(node, TfBlock("resource", (ADDRESS, parent.name)))
    u.done()
    return True


def _lower(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    fip = vip_floating_ip(ctx, node)
    public = spec.new_floating_ip or spec.floating_ip is not None or fip is not None
    lb = _balancer(ctx, node, spec, public, fip)
    # (one warning for all: every resource of the load balancer starts with this name)
    warn_repeated(ctx, node, "each GCP resource (address, forwarding rules, backend services, "
                  "health checks)", lb.name(), where=lb.region)
    forwarded = [lst for lst in spec.listeners
                 if (lst.protocol.text or "").lower() in L.PROTOCOLS]
    if fip is None:
        _address(ctx, lb, shared=not public and len(forwarded) > 1)
    else:
        ctx.sink.add("IT306", node.span, f"the VIP of {node.address} is the address of "
                     f"{fip.address} ({ADDRESS}.{fip.name}), which its forwarding rules use")
    _notes(ctx, lb)
    if not spec.listeners and spec.listeners_source is None:
        ctx.sink.add("IT301", node.span, f"{node.address} has no listener: only its address "
                     "is reserved", "add a forwarding rule and backend service per port it "
                     "should serve (a Kubernetes Service can use the address as its IP)")
    LF.computed_listeners(ctx, node, spec, "forwarding rule or backend service",
                          "write a forwarding rule, backend service and health check per "
                          "listener (for_each)")
    for lst, label in LF.listeners(node, spec):
        L.listener(ctx, lb, lst, label)


def _balancer(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec, public: bool,
              fip: N.Resource | None) -> Balancer:
    literal = E.str_value(spec.name.source) if isinstance(spec.name.source, E.Literal) \
        else None
    if spec.name.source is not None and literal is None:
        ctx.sink.add("IT302", spec.name.source.span or node.span, f"the name of {node.address} "
                     "is computed: its GCP resources are named after its label instead "
                     "(GCP names take lowercase letters, digits and hyphens only)")
    region = C.map_region(ctx, node, spec.location.source)
    if fip is not None:
        region, address = (E.ref(f"{ADDRESS}.{fip.name}.region"),
                           E.ref(f"{ADDRESS}.{fip.name}.address"))
    else:
        address = same(node, ADDRESS, "address")
    subnet = _declared(ctx, node, spec.subnet, "Subnet", "google_compute_subnetwork", "id")
    network = _declared(ctx, node, spec.network, "Network", "google_compute_network", "id")
    if network is None and spec.subnet is not None:
        network = _declared(ctx, node, spec.subnet, "Subnet", "google_compute_subnetwork",
                            "network")
    if network is None:
        network = E.Literal("default")
        at = (spec.network or spec.subnet or node).span
        ctx.sink.add("IT308", at or node.span, f"the network of {node.address} is not known: its "
                     "firewall rules" + ("" if public else " and internal forwarding rules")
                     + " are written for the `default` VPC", "set the VPC of its backends")
    return Balancer(node, spec, "EXTERNAL" if public else "INTERNAL", address, region,
                    network, subnet, literal or node.name)


def _declared(ctx: Ctx, node: N.Resource, expr: E.Expr | None, kind: str, type_: str,
              attr: str) -> E.Expr | None:
    """`type_.<label>.attr` of the network or subnet `expr` names when it is declared here
    once (OVH writes a network id through lookups that have no GCP value), else `expr`
    rewritten when that reads no placeholder and is no literal (an OVH id means nothing to
    GCP)."""
    if expr is None:
        return None
    found = ctx.resolve(expr, node.module)
    if found is not None and found.KIND == kind and found.mode == "managed" and \
            found.meta.count is None and found.meta.for_each is None:
        return E.ref(f"{type_}.{found.name}.{attr}")
    if attr != "id":
        return None
    out = ctx.rewrite(expr, node.module)
    ovh = any((t := E.traversal(x)) is not None and t[0].startswith(("ovh_", "openstack_"))
              for x in E.walk(out))  # (an undeclared OVH object: nothing GCP reads)
    return None if ovh or isinstance(out, E.Literal) or "TODO(" in to_hcl(out) else out


def _address(ctx: Ctx, lb: Balancer, shared: bool) -> None:
    """One address for every listener, as the OVH VIP is: external when a floating IP
    published the load balancer, else internal in its subnet."""
    node, spec = lb.node, lb.spec
    a = TfBlock("resource", (ADDRESS, node.name))
    P.emit_meta(ctx, a, meta_only(node), {})
    a.set("name", lb.name())
    a.set("region", lb.region)
    a.set("address_type", E.Literal(lb.scheme))
    desc = spec.description.source or E.obj_get(LF.private(node, "floating_ip_create"),
                                                "description")
    if desc is not None:
        a.set("description", ctx.rewrite(desc, node.module))
    if spec.description.source is not None:  # (the floating IP's: one description only)
        LF.fip_description(ctx, node, "the address carries the load balancer's description")
    if lb.scheme == "INTERNAL":
        if lb.subnet is None:
            at = (spec.subnet or node).span
            ctx.sink.add("IT308", at or node.span, f"{node.address} names no subnet declared "
                         "here: its internal address is taken in the region's subnet of the "
                         "default VPC",
                         "set subnetwork on the address and the forwarding rules")
        a.set("subnetwork", lb.subnet)
        if shared:  # several internal forwarding rules on one IP (GCP asks for the purpose)
            a.set("purpose", E.Literal("SHARED_LOADBALANCER_VIP"))
    a.note(f"the VIP of {node.address}: every listener's forwarding rule uses it")
    ctx.emit(node.span, a)
    if spec.floating_ip is not None or (node.type == LB.OCTAVIA and lb.scheme == "EXTERNAL"):
        at = spec.floating_ip.span if spec.floating_ip is not None else None
        ctx.sink.add("IT301", at or node.span, f"the existing floating IP of {node.address} "
                     "stays at OVH: a new GCP external address is reserved",
                     f"move DNS records to its address ({ADDRESS}.{node.name}.address)")


def _notes(ctx: Ctx, lb: Balancer) -> None:
    """What the load balancer as a whole becomes, and its settings that have no home."""
    node, spec = lb.node, lb.spec
    kind = "external" if lb.scheme == "EXTERNAL" else "internal"
    ctx.sink.add("IT301", node.span, f"{node.address} becomes a regional {kind} passthrough "
                 "Network Load Balancer (per listener a forwarding rule, a backend service "
                 "and a health check): it forwards TCP/UDP to the VMs unchanged (client IPs "
                 "kept, no proxying, no port translation)", "for Kubernetes workloads use a "
                 "Service of type LoadBalancer or the Gateway API instead")
    if spec.flavor is not None:
        ctx.sink.add("IT302", spec.flavor.span or node.span, f"the flavor "
                     f"`{spec.size or to_hcl(spec.flavor)}` of {node.address} is not "
                     "translated: GCP load balancers have no size (they scale with traffic)")
    if spec.gateway is not None:
        ctx.sink.add("IT301", spec.gateway.span or node.span, f"the gateway of "
                     f"{node.address} is not part of a GCP load balancer: its backends "
                     "egress through the Cloud NAT of their subnet's router",
                     "add a google_compute_router and google_compute_router_nat if none "
                     "serves that subnet")
