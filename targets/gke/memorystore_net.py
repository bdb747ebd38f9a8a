"""Where a Memorystore instance finds its VPC, and the service connection policy it needs."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes.database import NodeSpec
from iac_translate.compiler.passes.geo import Location

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx
from ..tfbase.module_index import subnets_of
from . import common as C
from .database_net import placement
from .instance_names import warn_repeated

POLICY = "google_network_connectivity_service_connection_policy"
_NEEDS = ("Memorystore for Valkey creates its Private Service Connect endpoints only in a "
          "network with a service connection policy for service class gcp-memorystore in "
          "its region (one per network and region: a second one fails to create)")
_HELP = (f"add a {POLICY} (service_class = \"gcp-memorystore\", psc_config.subnetworks = a "
         "subnetwork of that region) where the network is declared, applied first")


def valkey_network(ctx: Ctx, node: N.Resource, first: NodeSpec | None,
                   location: E.Expr | None) -> tuple[E.Expr | None, E.Expr | None]:
    """(the endpoints' network, None for a placeholder; the policy the instance waits for).
    Only a network declared beside the database is certain to be a VPC here: one a caller
    passes may be null (OVH: a public service, which Memorystore does not offer) or hold an
    OVH id today, so it is not written as the endpoints' network."""
    place = placement(ctx, node)
    net = place.network
    if place.mode == "public":
        if net is None:
            ctx.sink.add("IT308", node.span, f"{node.address} has no private network; "
                         "Memorystore is reached through a Private Service Connect endpoint "
                         f"in a VPC: set it. {_NEEDS}", _HELP)
        else:
            ctx.sink.add("IT308", net.span or node.span, f"the private network of "
                         f"{node.address} comes from {place.why}: it may be null (a public "
                         "service on OVH, which Memorystore does not offer) or an OVH id, so "
                         f"the endpoints' network is a variable to set. {_NEEDS}", _HELP)
        return None, None
    network = ctx.rewrite(net, node.module) if net is not None else None
    if network is None:
        return None, None
    if place.mode != "here":
        where = "another configuration's" if place.mode == "external" else \
            f"passed by the module's callers as var.{place.handed.var}" if place.handed \
            else "declared elsewhere"
        ctx.sink.add("IT308", net.span if net is not None and net.span else node.span,
                     f"the VPC of {node.address} is {where} ({to_hcl(network)}): {_NEEDS}; "
                     "none is added here", _HELP)
        return network, None
    subnet = _subnet(ctx, node, first)
    if subnet is None or location is None:
        ctx.sink.add("IT308", node.span, f"{node.address}: no subnetwork of its network is "
                     f"declared in its region, so no service connection policy is added. "
                     f"{_NEEDS}", _HELP)
        return network, None
    vpc = ctx.resolve(net, node.module) if net is not None else None
    return network, _policy(ctx, node, network, subnet, location, vpc)


def _subnet(ctx: Ctx, node: N.Resource, first: NodeSpec | None) -> E.Expr | None:
    """The database's own subnet, else the first subnet of its network in its region."""
    if first is None:
        return None
    own = ctx.resolve(first.subnet, node.module) if first.subnet is not None else None
    if own is not None and own.KIND == "Subnet" and own.mode == "managed":
        return ctx.rewrite(first.subnet, node.module)
    vpc = ctx.resolve(first.network, node.module) if first.network is not None else None
    if vpc is None:
        return None
    for sub in subnets_of(ctx, vpc):
        if _same_region(NW.read_subnet(ctx, sub).location, first.location):
            return ctx.rewrite(E.ref(f"{sub.type}.{sub.name}.id"), sub.module) \
                if sub.meta.count is None and sub.meta.for_each is None else None
    return None


def _same_region(a: Location, b: Location) -> bool:
    """`GRA11` and `GRA` are one region here (both map to the target region of metro GRA)."""
    if a.geo is not None and b.geo is not None:
        return a.geo.metro == b.geo.metro
    return a.text is not None and a.text == b.text


def _policy(ctx: Ctx, node: N.Resource, network: E.Expr, subnet: E.Expr,
            location: E.Expr, vpc: N.Resource | None) -> E.Expr:
    """One policy per network and region of the module; its reference."""
    key = f"scp:{to_hcl(network)}|{to_hcl(location)}"
    labels: dict[str, str] = readings.index(ctx, f"gke.scp_labels {node.module}", dict)
    if key not in labels:
        base = f"memorystore_{vpc.name}" if vpc is not None else "memorystore"
        label, n = base, 2
        while label in labels.values():
            label, n = f"{base}_{n}", n + 1
        labels[key] = label
    label = labels[key]

    def make() -> TfBlock:
        b = TfBlock("resource", (POLICY, label), comments=[
            "scaffolding: Memorystore for Valkey makes its endpoints only where a service "
            "connection policy allows it"])
        b.set("name", E.Literal(C.gcp_name(label.replace("_", "-"))))
        b.set("location", location)
        b.set("service_class", E.Literal("gcp-memorystore"))
        b.set("network", network)
        b.block("psc_config").set("subnetworks", E.Tuple((subnet,)))
        warn_repeated(ctx, node, POLICY, b.get("name"), where=location)
        return b
    ctx.scaffold(key, node.module, make)
    return E.ref(f"{POLICY}.{label}")
