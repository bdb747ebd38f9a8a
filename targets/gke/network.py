"""GKE lowering of networking: private networks, subnets, gateways (Cloud NAT), IPs, LBs."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import literal_str
from . import common as C

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
    if node.mode == "data":
        u = Use(ctx, node, f"data.{NETWORK}")
        b = TfBlock("data", (NETWORK, node.name))
        b.set("name", C.name_value(node, u.expr("name")))
        P.emit_meta(ctx, b, node, {})
        ctx.emit(node.span, b)
        return u.done()
    u = Use(ctx, node, NETWORK)
    b = TfBlock("resource", (NETWORK, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    b.set("auto_create_subnetworks", E.Literal(False))
    desc = u.expr("description")
    if desc is not None:
        b.set("description", desc)
    u.drop("vlan_id", "VPC networks have no VLAN id")
    # A VPC is global: it spans every region the vRack network listed.
    u.raw("regions")
    u.raw("region")
    P.place(ctx, node, b)
    if node.canonical_type == "ovh_cloud_project_region_network":
        _region_network_subnet(ctx, node, u)
    u.done()


def _region_network_subnet(ctx: Ctx, node: N.Resource, u: Use) -> None:
    sub = N.first_object(u.raw("subnet"))
    if sub is None:
        return
    s = TfBlock("resource", (SUBNET, node.name))
    s.set("name", C.name_value(node, u.expr("name")))
    s.set("region", C.map_region(ctx, node, u.raw("region_name")))
    s.set("network", E.ref(f"{NETWORK}.{node.name}.id"))
    cidr = E.obj_get(sub, "cidr")
    s.set("ip_cidr_range", ctx.rewrite(cidr, node.module) if cidr else None)
    s.set("private_ip_google_access", E.Literal(True))
    for k, _ in sub.items:
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
    u = Use(ctx, node, SUBNET)
    b = TfBlock("resource", (SUBNET, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    b.set("region", C.map_region(ctx, node, u.raw("region")))
    net = u.raw("network_id")
    b.set("network", ctx.rewrite(net, node.module) if net else None)
    v1 = node.canonical_type == "ovh_cloud_project_network_private_subnet"
    cidr = u.expr("network" if v1 else "cidr")
    b.set("ip_cidr_range", cidr)
    b.set("private_ip_google_access", E.Literal(True))
    managed = "GCP allocates addresses and runs DHCP itself"
    for k in ("start", "end", "allocation_pools", "dhcp", "dhcp_enabled", "no_gateway",
              "gateway_ip", "enable_gateway_ip"):
        value = node.get(k)
        if k in ("dhcp", "dhcp_enabled", "enable_gateway_ip") and \
                isinstance(value, E.Literal) and value.value is True:
            u.raw(k)  # the GCP default
            continue
        u.drop(k, managed)
    for k in ("dns_nameservers", "use_default_public_dns_resolver"):
        u.drop(k, "VPC subnets use Cloud DNS; set resolvers with a google_dns_policy")
    u.drop("host_route", "add google_compute_route resources for static routes")
    u.drop("availability_zone", "GCP subnets are regional")
    u.drop("description", "google_compute_subnetwork descriptions are kept only on the VPC")
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
    sub = TfBlock("resource", (SUBNET, cluster.name),
                  comments=[f"scaffolding: nodes subnet for {cluster.address}"])
    sub.set("name", _instance_name(C.gcp_name(f"{cluster.name}-nodes"), key))
    sub.set("region", cluster_block.get("location"))
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


def lower_gateway(ctx: Ctx, node: N.Resource) -> None:
    if node.canonical_type == "ovh_cloud_project_gateway_interface":
        return _gateway_interface(ctx, node)
    u = Use(ctx, node, f"{ROUTER} + {NAT}")
    region = C.map_region(ctx, node, u.raw("region"))
    net_raw = u.raw("network_id")
    subnets: list[E.Expr] = []
    one = u.raw("subnet_id")
    if one is not None:
        subnets.append(one)
    many = u.raw("subnet_ids")
    if isinstance(many, E.Tuple):
        subnets.extend(many.items)
    network = ctx.rewrite(net_raw, node.module) if net_raw is not None else None
    if network is None and subnets:
        sub_node = ctx.resolve(subnets[0], node.module)
        net_node = ctx.resolve(sub_node.get("network_id"), sub_node.module) if sub_node else None
        if net_node is not None:
            network = E.ref(f"{NETWORK}.{net_node.name}.id")
    r = TfBlock("resource", (ROUTER, node.name))
    r.set("name", C.name_value(node, u.expr("name")))
    r.set("region", region)
    r.set("network", network or E.Literal("TODO(IT206): VPC of the gateway"))
    P.emit_meta(ctx, r, node, {})
    ctx.emit(node.span, r)
    nat = TfBlock("resource", (NAT, node.name))
    nat.set("name", C.name_value(node, u.expr("name")))
    nat.set("router", E.ref(f"{ROUTER}.{node.name}.name"))
    nat.set("region", E.ref(f"{ROUTER}.{node.name}.region"))
    nat.set("nat_ip_allocate_option", E.Literal("AUTO_ONLY"))
    nat.set("source_subnetwork_ip_ranges_to_nat",
            E.Literal("LIST_OF_SUBNETWORKS" if subnets else "ALL_SUBNETWORKS_ALL_IP_RANGES"))
    for s in subnets:
        _nat_subnet(nat, ctx.rewrite(s, node.module))
    P.place(ctx, node, nat)
    u.drop("model", "Cloud NAT has no size model; it scales with the number of NAT IPs")
    u.drop("external_gateway", "Cloud NAT allocates its external IPs")
    u.drop("availability_zone", "Cloud Router and NAT are regional")
    u.drop("description", "kept as the resource name only")
    u.done()


def _nat_subnet(nat: TfBlock, subnet: E.Expr) -> None:
    s = nat.block("subnetwork")
    s.set("name", subnet)
    s.set("source_ip_ranges_to_nat", C.strings(["ALL_IP_RANGES"]))


def _gateway_interface(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, NAT)
    # The provider names the gateway `id` (required); `gateway_id` is read too, as older
    # configurations wrote it.
    gw = ctx.resolve(u.raw("id") or u.raw("gateway_id"), node.module)
    u.raw("region")  # the region of its gateway, which the router already has
    nat = ctx.primary.get(ctx.key_of(gw)) if gw else None
    subnet = u.raw("subnet_id")
    if nat is None or subnet is None:
        ctx.sink.add("IT338", node.span, f"{node.address} is not translated: its gateway is not "
                     "declared in this module", "add the subnetwork to the Cloud NAT of the "
                     "router that replaces the gateway")
    else:
        ctx.merged(node, nat)
        nat.set("source_subnetwork_ip_ranges_to_nat", E.Literal("LIST_OF_SUBNETWORKS"))
        _nat_subnet(nat, ctx.rewrite(subnet, node.module))
    u.done()


def declare_floating_ip(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref("google_compute_address", node), {
        "ip": "{self}.address", "address": "{self}.address"})


def lower_floating_ip(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "google_compute_address")
    if node.canonical_type == "ovh_cloud_project_failover_ip_attach":
        from ..tfbase.driver import lower_unsupported
        return lower_unsupported(ctx, node)
    b = TfBlock("resource", ("google_compute_address", node.name))
    b.set("name", E.Literal(C.gcp_name(node.name)))
    b.set("region", C.map_region(ctx, node, u.raw("region")))
    b.set("description", u.expr("description"))
    b.set("address_type", E.Literal("EXTERNAL"))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    ctx.sink.add("IT301", node.span, f"{node.address}: a static external address; attach it with "
                 "an access_config or forwarding rule (OVH floating IPs attach to a port)")
    u.done()


def declare_loadbalancer(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(None, {})


def lower_loadbalancer(ctx: Ctx, node: N.Resource) -> None:
    u = Use(ctx, node, "GKE")
    listeners = u.raw("listeners")
    lines = []
    if isinstance(listeners, E.Tuple):
        for lst in listeners.items:
            port = literal_str(E.obj_get(lst, "port"), node, ctx) or \
                str(getattr(E.obj_get(lst, "port"), "value", "?"))
            proto = E.str_value(E.obj_get(lst, "protocol")) or "?"
            lines.append(f"listener {proto}/{port}")
    for k in ("region_name", "flavor_id", "network", "name", "description"):
        u.raw(k)
    ctx.sink.add("IT305", node.span, f"{node.address} has no single GKE resource: for Kubernetes "
                 "workloads use a Service of type LoadBalancer or a Gateway; for VMs build a "
                 "forwarding rule + backend service + health check", ", ".join(lines))
    placeholder = TfBlock("")
    placeholder.note(f"TODO(IT305): {node.address} (Octavia load balancer"
                     + (f"; {', '.join(lines)}" if lines else "") + ") is not translated.\n"
                     "Kubernetes: Service type LoadBalancer / Gateway API. VMs: "
                     "google_compute_forwarding_rule + google_compute_region_backend_service.")
    ctx.emit(node.span, placeholder)
    u.done()
