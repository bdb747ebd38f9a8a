"""GKE lowering of networking: private networks, subnets, gateways (Cloud NAT), IPs, LBs."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import network as NW
from iac_translate.compiler.passes import os_ports

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.companions import same
from ..tfbase.context import Ctx
from ..tfbase.keyed import keyed
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from . import common as C
from . import router_plan as RP
from .instance_names import warn_repeated
from .netspec import drop, rw, took

NETWORK = "google_compute_network"
SUBNET = "google_compute_subnetwork"
ROUTER = "google_compute_router"
NAT = "google_compute_router_nat"


def declare_network(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(f"data.{NETWORK}.{node.name}", {"name": "{self}.name"})
    return RefTarget(C.self_ref(NETWORK, node), {
        "name": "{self}.name",
        "regions_openstack_ids[]": "{self}.id",
        "regions_attributes[].openstackid": "{self}.id",
        "regions_attributes[*].openstackid": "[{self}.id]",
        "openstack_id": "{self}.id", "openstackid": "{self}.id"})


def lower_network(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_network(ctx, node)
    if node.mode == "data":
        u = Use(ctx, node, f"data.{NETWORK}")
        b = TfBlock("data", (NETWORK, node.name))
        b.set("name", C.name_value(node, took(u, spec.name.source)))
        P.emit_meta(ctx, b, node, {})
        ctx.emit(node.span, b)
        return u.done()
    u = Use(ctx, node, NETWORK)
    b = TfBlock("resource", (NETWORK, node.name))
    b.set("name", C.name_value(node, took(u, spec.name.source)))
    warn_repeated(ctx, node, NETWORK, b.get("name"), "per project")  # (VPCs are global)
    b.set("auto_create_subnetworks", E.Literal(False))
    desc = took(u, spec.description.source)
    if desc is not None:
        b.set("description", desc)
    drop(u, spec.vlan_id.source, "VPC networks have no VLAN id")
    # A VPC is global: it spans every region the vRack network listed.
    took(u, spec.regions_source, *(loc.source for loc in spec.locations))
    P.place(ctx, node, b)
    if spec.inline_subnet is not None:
        _region_network_subnet(ctx, node, u, spec, spec.inline_subnet)
    u.done()


def _region_network_subnet(ctx: Ctx, node: N.Resource, u: Use, net: NW.NetworkSpec,
                           sub: NW.SubnetSpec) -> None:
    took(u, net.inline_source)
    s = TfBlock("resource", (SUBNET, node.name))
    s.set("name", C.name_value(node, rw(ctx, node, net.name.source)))
    s.set("region", C.map_region(ctx, node, sub.location.source))
    warn_repeated(ctx, node, SUBNET, s.get("name"), where=s.get("region"))
    s.set("network", E.ref(f"{NETWORK}.{node.name}.id"))
    s.set("ip_cidr_range", rw(ctx, node, sub.cidr.source))
    s.set("private_ip_google_access", E.Literal(True))
    obj = net.inline_source
    for k, _ in obj.items if isinstance(obj, E.Object) else ():
        name = E.key_name(k)
        if name not in ("cidr", "enable_dhcp", "ip_version"):
            ctx.sink.add("IT302", k.span, f"`subnet.{name}` of {node.address} is not translated: "
                         "GCP manages DHCP, DNS and gateways of subnets")
    ctx.emit(node.span, s)


def declare_subnet(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(SUBNET, node), {
        "cidr": "{self}.ip_cidr_range", "network": "{self}.ip_cidr_range",
        "gateway_ip": "{self}.gateway_address", "region": "{self}.region",
        "name": "{self}.name"})


def lower_subnet(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_subnet(ctx, node)
    u = Use(ctx, node, SUBNET)
    b = TfBlock("resource", (SUBNET, node.name))
    written = took(u, spec.name.source)
    # (OVH subnets have no name: the label, keyed per instance, as GCP names are unique)
    b.set("name", C.name_value(node, written) if written is not None else
          keyed(node, C.gcp_name(node.name)))
    took(u, spec.location.source)
    b.set("region", C.map_region(ctx, node, spec.location.source))
    warn_repeated(ctx, node, SUBNET, b.get("name"), where=b.get("region"))
    b.set("network", took(u, spec.network))
    b.set("ip_cidr_range", took(u, spec.cidr.source))
    b.set("private_ip_google_access", E.Literal(True))
    managed = "GCP allocates addresses and runs DHCP itself"
    for r in spec.dhcp_ranges:
        drop(u, r.start.source, managed)
        drop(u, r.end.source, managed)
    drop(u, spec.dhcp_ranges_source, managed)
    # DHCP on and an enabled gateway are what GCP always does (a literal `true`).
    for switch, on in ((spec.dhcp_source, spec.dhcp), (spec.gateway_source, spec.gateway)):
        if on is True and isinstance(switch, E.Literal) and switch.value is True:
            took(u, switch)
        else:
            drop(u, switch, managed)
    drop(u, spec.gateway_ip.source, managed)
    for dns in (spec.dns_servers, spec.public_dns_source):
        drop(u, dns, "VPC subnets use Cloud DNS; set resolvers with a google_dns_policy")
    drop(u, spec.routes_source, "add google_compute_route resources for static routes")
    drop(u, spec.zone.source, "GCP subnets are regional")
    drop(u, spec.description.source,
         "google_compute_subnetwork descriptions are kept only on the VPC")
    P.place(ctx, node, b)
    u.done()


def subnet_of_network(ctx: Ctx, net: N.Resource | None) -> N.Resource | None:
    """The first subnet declared on `net` (used when a cluster names only the network)."""
    return ctx.by_module.first_subnet(net) if net is not None else None


def scaffold_network(ctx: Ctx, cluster: N.Resource, cluster_block: TfBlock) -> TfBlock:
    """GKE needs a VPC and a subnet; OVH clusters without a private network get new ones."""
    ctx.sink.add("IT307", cluster.span, f"{cluster.address} has no private network; a VPC and a "
                 "subnet with Pod/Service ranges are added for the GKE cluster")
    key = instance_key(cluster)  # one VPC per cluster instance under count/for_each
    net = TfBlock("resource", (NETWORK, cluster.name),
                  comments=[f"scaffolding: VPC for {cluster.address}"])
    net.set("name", _instance_name(C.gcp_name(f"{cluster.name}-vpc"), key))
    net.set("auto_create_subnetworks", E.Literal(False))
    # (named after the cluster's label, so even a cluster named per call shares them)
    warn_repeated(ctx, cluster, NETWORK, net.get("name"), "per project")
    sub = TfBlock("resource", (SUBNET, cluster.name),
                  comments=[f"scaffolding: nodes subnet for {cluster.address}"])
    sub.set("name", _instance_name(C.gcp_name(f"{cluster.name}-nodes"), key))
    sub.set("region", cluster_block.get("location"))
    warn_repeated(ctx, cluster, SUBNET, sub.get("name"), where=sub.get("region"))
    sub.set("network", _instance_ref(NETWORK, cluster.name, key))
    sub.set("ip_cidr_range", E.Literal("10.0.0.0/20"))
    sub.set("private_ip_google_access", E.Literal(True))
    for b in (net, sub):
        P.emit_meta(ctx, b, _meta_only(cluster), {})
        ctx.emit(cluster.span, b)
    cluster_block.set("network", _instance_ref(NETWORK, cluster.name, key))
    cluster_block.set("subnetwork", _instance_ref(SUBNET, cluster.name, key))
    return sub


def instance_key(node: N.Resource) -> E.Expr | None:
    """`each.key` / `count.index` when the resource has several instances."""
    if node.meta.for_each is not None:
        return E.ref("each.key")
    if node.meta.count is not None:
        return E.ref("count.index")
    return None


def _instance_name(base: str, key: E.Expr | None) -> E.Expr:
    return E.Literal(base) if key is None else C.tpl(f"{base}-", key)


def _instance_ref(type_: str, name: str, key: E.Expr | None) -> E.Expr:
    head: E.Expr = E.ref(f"{type_}.{name}")
    return E.GetAttr(E.Index(head, key) if key is not None else head, "id")


def _meta_only(node: N.Resource) -> N.Resource:
    """count/for_each of the cluster, so scaffolding follows its instances."""
    from dataclasses import replace
    return replace(node, meta=N.Meta(count=node.meta.count, for_each=node.meta.for_each))


def declare_gateway(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(ROUTER, node), {"name": "{self}.name"})


def lower_gateway(ctx: Ctx, node: N.Resource,
                  attached: tuple[tuple[N.Resource, E.Expr], ...] = ()) -> None:
    """A gateway (or a router: `attached` are its interfaces and the subnet of each)."""
    if node.canonical_type == "ovh_cloud_project_gateway_interface":
        return _gateway_interface(ctx, node)
    spec = NW.read_gateway(ctx, node)
    u = Use(ctx, node, f"{ROUTER} + {NAT}")
    took(u, spec.location.source)
    region = C.map_region(ctx, node, spec.location.source)
    subnets = list(spec.subnets)
    took(u, spec.subnets_source, *subnets)
    network = took(u, spec.network)
    plan = RP.plan(ctx, node, subnets, attached)
    name = took(u, spec.name.source)
    if plan.error is not None:
        # (a router on one VPC cannot serve another's subnets; no block is better than one
        # that names an instance it cannot know)
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: {plan.error}",
                     "add a google_compute_router and google_compute_router_nat per VPC, "
                     "repeated like the networks, listing that VPC's subnets")
        for k, _ in node.args:
            u.raw(k)
        return u.done()
    if network is None or plan.repeat is not node:
        network = plan.network
    owner = node if plan.repeat is node else _repeated_as(node, plan.repeat)
    r = TfBlock("resource", (ROUTER, node.name))
    r.set("name", _per_instance_name(owner, C.name_value(node, name), plan.repeat is not node))
    r.set("region", region)
    warn_repeated(ctx, owner, ROUTER, r.get("name"), where=region)  # (NAT names: per router)
    r.set("network", network or E.Literal("TODO(IT206): VPC of the gateway"))
    P.emit_meta(ctx, r, owner, {})
    ctx.emit(node.span, r)
    nat = TfBlock("resource", (NAT, node.name))
    nat.set("name", C.name_value(node, name))
    nat.set("router", same(owner, ROUTER, "name"))
    nat.set("region", same(owner, ROUTER, "region"))
    nat.set("nat_ip_allocate_option", E.Literal("AUTO_ONLY"))
    nat.set("source_subnetwork_ip_ranges_to_nat",
            E.Literal("LIST_OF_SUBNETWORKS" if plan.entries else "ALL_SUBNETWORKS_ALL_IP_RANGES"))
    for entry in plan.entries:
        RP.nat_subnet(nat, entry)
    P.place(ctx, owner, nat)
    drop(u, spec.model.source, "Cloud NAT has no size model; it scales with the number of "
         "NAT IPs")
    drop(u, spec.external_network, "Cloud NAT allocates its external IPs")
    drop(u, spec.zone.source, "Cloud Router and NAT are regional")
    drop(u, spec.description.source, "kept as the resource name only")
    if plan.repeat is not node:
        ctx.sink.add("IT301", node.span, f"{node.address} serves subnets on a VPC per instance "
                     f"of {plan.repeat.address}: a Cloud Router and NAT are made per VPC, "
                     f"repeated like {plan.repeat.address}", "a GCP router belongs to one VPC")
        ctx.made_per(node, plan.repeat)
    u.done()


def _repeated_as(node: N.Resource, like: N.Resource) -> N.Resource:
    """`node` with the count/for_each of `like` (a router repeated like its interfaces)."""
    return replace(node, meta=replace(node.meta, count=like.meta.count,
                                      for_each=like.meta.for_each))


def _per_instance_name(owner: N.Resource, name: E.Expr, adopted: bool) -> E.Expr:
    """The router's name, with the instance key when it is repeated only here (GCP router
    names are unique per region)."""
    key = instance_key(owner)
    if not adopted or key is None:
        return name
    text = E.str_value(name)
    return C.tpl(f"{text}-", key) if text is not None else C.tpl(name, "-", key)


def _gateway_interface(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_attachment(ctx, node)
    u = Use(ctx, node, NAT)
    # The provider names the gateway `id` (required); `gateway_id` is read too, as older
    # configurations wrote it.
    took(u, spec.gateway, spec.location.source)  # the region is its gateway's
    gw = ctx.resolve(spec.gateway, node.module)
    nat = ctx.primary.get(ctx.key_of(gw)) if gw else None
    subnet = spec.subnet
    took(u, subnet)
    if nat is None or subnet is None or gw is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway is not "
                     "declared in this module", "add the subnetwork to the Cloud NAT of the "
                     "router that replaces the gateway")
    else:
        entry = RP.interface_entry(ctx, gw, node, subnet)
        if entry is None:
            ctx.sink.add("IT338", node.span, f"{node.address} is not translated: it names its "
                         f"subnet with a key the Cloud NAT of {gw.address} does not have",
                         "add the subnetwork to the NAT of the router of that instance")
        else:
            ctx.merged(node, nat)
            nat.set("source_subnetwork_ip_ranges_to_nat", E.Literal("LIST_OF_SUBNETWORKS"))
            RP.nat_subnet(nat, entry)
    u.done()


def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref("google_compute_address", node), {
        "ip": "{self}.address", "address": "{self}.address"})


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    spec = NW.read_floating_ip(ctx, node)
    if spec.failover:
        from ..tfbase.driver import lower_unsupported
        return lower_unsupported(ctx, node)
    u = Use(ctx, node, "google_compute_address")
    b = TfBlock("resource", ("google_compute_address", node.name))
    b.set("name", E.Literal(C.gcp_name(node.name)))
    took(u, spec.location.source)
    b.set("region", C.map_region(ctx, node, spec.location.source))
    warn_repeated(ctx, node, "google_compute_address", b.get("name"), where=b.get("region"))
    b.set("description", took(u, spec.description.source))
    b.set("address_type", E.Literal("EXTERNAL"))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    server = os_ports.server_of_floating_ip(ctx, node)
    if server is not None:
        ctx.sink.add("IT301", node.span, f"{node.address}: a static external address, the "
                     f"access_config NAT address of {server.address}'s interface (OVH floating "
                     "IPs are NAT addresses too)")
    else:
        ctx.sink.add("IT301", node.span, f"{node.address}: a static external address; attach "
                     "it with an access_config or forwarding rule (OVH floating IPs attach to "
                     "a port)")
    u.done()

