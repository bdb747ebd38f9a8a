"""GKE lowering of OVH load balancers and OpenStack Octavia ones: a located TODO (IT305)."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import loadbalancer as LB

from ..hclwrite import TfBlock
from ..tfbase import lb_family as LF
from ..tfbase import spec_use
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use


def declare_loadbalancer(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(None, {})


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    """OVH's load balancer: read as one spec, then lowered as an Octavia one is."""
    spec = LB.read_loadbalancer(ctx, node)
    u = Use(ctx, node, "GKE")
    spec_use.consume(u, "network")  # none of its arguments has a single GKE home
    _lower(ctx, node, spec)
    u.done()


def lower_octavia(ctx: Ctx, node: N.Resource) -> None:
    """openstack_lb_loadbalancer_v2 and the listeners, pools, members and monitors that
    reference it: the same spec as OVH's load balancer, so the same TODO."""
    LF.lower_octavia(ctx, node, "GKE", _lower)


def lower_octavia_part(ctx: Ctx, node: N.Resource) -> bool:
    """A listener, pool, member, monitor or VIP floating-IP association of an Octavia load
    balancer: read into its spec and reported with it (its other arguments here). False
    when it belongs to none."""
    found = LF.octavia_part(ctx, node, "GKE")
    if found is None:
        return False
    parent, u = found
    ctx.sink.add("IT305", node.span, f"{node.address} is part of the Octavia load balancer "
                 f"{parent.address}, which has no single GKE resource: see the TODO(IT305) "
                 "written for it")
    u.done()
    return True


def _lower(ctx: Ctx, node: N.Resource, spec: LB.LoadBalancerSpec) -> None:
    """No single GKE resource: an IT305 and a located TODO naming what was read."""
    lines = [_listener(lst) for lst in spec.listeners]
    ctx.sink.add("IT305", node.span, f"{node.address} has no single GKE resource: for Kubernetes "
                 "workloads use a Service of type LoadBalancer or a Gateway; for VMs build a "
                 "forwarding rule + backend service + health check", ", ".join(lines))
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Octavia load balancer"
                     + (f"; {', '.join(lines)}" if lines else "") + ") is not translated.\n"
                     "Kubernetes: Service type LoadBalancer / Gateway API. VMs: "
                     "google_compute_forwarding_rule + google_compute_region_backend_service.")
    ctx.emit(node.span, placeholder)


def _listener(lst: LB.Listener) -> str:
    """`listener HTTP/80`, with the members of its pool when they are literal (the backends
    the forwarding rule must reach)."""
    text = f"listener {lst.protocol.text or '?'}/{lst.port.text or '?'}"
    members = [f"{m.address.text}:{m.port.text or '?'}" for m in (lst.pool.members if lst.pool
                                                                   else ()) if m.address.text]
    return text + (f" -> {' '.join(members)}" if members else "")
