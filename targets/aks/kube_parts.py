"""Parts of an AKS cluster: its system default_node_pool, network_profile and upgrade settings."""

from __future__ import annotations

import ipaddress

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import readings
from ..tfbase.context import Ctx
from ..tfbase.scaffold_names import scaffold_variable
from . import common as C
from . import kube_nat, kube_subnet
from .kube_data import note, table


def _lit(v: object) -> E.Literal:
    return E.Literal(v, str(v)) if isinstance(v, int) and not isinstance(v, bool) else \
        E.Literal(v)


def default_pool(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """AKS requires a default node pool in the cluster: a small system pool from the data
    (the OVH pools keep their own resources, count/for_each and lifecycle)."""
    sp = table()["system_pool"]
    d = b.block("default_node_pool", comment=sp["why"])
    name = _system_name(ctx, node)
    d.set("name", E.Literal(name))
    for k in ("vm_size", "node_count", "only_critical_addons_enabled", "os_disk_size_gb",
              "temporary_name_for_rotation"):
        d.set(k, _lit(sp[k]))
    subnet = subnet_of(ctx, node, spec)
    if subnet is not None:
        d.set("vnet_subnet_id", subnet)
    if spec.control_plane_ha:
        # the standard plan's control plane spans zones: so do its system nodes
        text = ctx.literal(spec.location.source, node)
        zones = C.zones_of(ctx, text) if text else ()
        if zones:
            d.set("zones", E.Tuple(tuple(E.Literal(z) for z in zones)))
    note(ctx, "cluster.system_pool", node.span, address=node.address, name=name,
         count=sp["node_count"], vm_size=sp["vm_size"])


def _system_name(ctx: Ctx, node: N.Resource) -> str:
    """The system pool's name, unless an OVH pool of the module takes it (names are unique
    in an AKS cluster)."""
    sp = table()["system_pool"]
    # (read once per module, not per cluster)
    taken = readings.index(ctx, f"aks.pool_names {node.module}", lambda: {
        E.str_value(n.get("name")) for m in ctx.model.modules for n in m.nodes
        if isinstance(n, N.Resource) and n.KIND == "NodePool" and n.module == node.module})
    return str(sp["name_if_taken"] if sp["name"] in taken else sp["name"])


def subnet_of(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> E.Expr | None:
    """The nodes' subnet (OVH nodes_subnet_id, else its network's only subnet); None when
    the cluster names none."""
    if spec.nodes_subnet is not None:
        return ctx.rewrite(spec.nodes_subnet, node.module)
    found = kube_subnet.network_subnet(ctx, node, spec)
    return found[1] if found is not None else None


def network_profile(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    cfg = table()["cluster"]
    n = b.block("network_profile", comment=cfg["network_why"])
    for k, v in cfg["network_profile"].items():
        n.set(k, E.Literal(v))
    if spec.pods_cidr.source is not None:
        n.set("pod_cidr", ctx.rewrite(spec.pods_cidr.source, node.module))
    svc = spec.services_cidr.source
    if svc is not None:
        n.set("service_cidr", ctx.rewrite(svc, node.module))
        # AKS wants both or neither; the DNS service at the 10th address, as AKS's default
        n.set("dns_service_ip", E.Call("cidrhost", (ctx.rewrite(svc, node.module),
                                                    E.Literal(10, "10"))))
    _clear_of_subnet(ctx, node, spec, n)
    nat = kube_nat.association(ctx, node, spec)
    outbound = "userAssignedNATGateway" if nat is not None else "loadBalancer"
    n.set("outbound_type", E.Literal(outbound))
    if spec.routing.source is not None:
        note(ctx, "cluster.routing", spec.routing.source.span or node.span,
             address=node.address, outbound=outbound)


def _clear_of_subnet(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, n: TfBlock) -> None:
    """Service and pod ranges outside the nodes' subnet when AKS's defaults overlap it."""
    cidr, svc, pods = kube_subnet.free_ranges(ctx, node, spec)
    if pods is not None:
        n.set("pod_cidr", E.Literal(pods))
    if svc is not None:
        n.set("service_cidr", E.Literal(svc))
        n.set("dns_service_ip", E.Literal(str(ipaddress.ip_network(svc)[10])))
    if svc is not None or pods is not None:
        note(ctx, "cluster.ranges_clear_of_subnet", node.span, address=node.address,
             cidr=cidr, ranges=", ".join(f"{k} {v}" for k, v in (("service_cidr", svc),
                                                                  ("pod_cidr", pods)) if v))


def upgrades(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """automatic_upgrade_channel from the OVH update policy (absent: ALWAYS_UPDATE)."""
    cfg = table()["cluster"]
    source = spec.update.source
    at = source.span if source is not None and source.span else node.span
    if source is not None and (spec.update.computed or E.str_value(source) is None):
        b.set("automatic_upgrade_channel", E.Conditional(
            E.Binary("==", ctx.rewrite(source, node.module), E.Literal("NEVER_UPDATE")),
            E.Literal("none"), E.Literal("patch")))
        note(ctx, "cluster.update_policy_computed", at, address=node.address)
        b.set("node_os_upgrade_channel", E.Literal(cfg["node_os_upgrade_channel"]),
              cfg["node_os_why"])
        return
    policy = spec.update.policy or K.UpdatePolicy.ALWAYS
    channel = cfg["upgrade_channel"][policy.value]
    b.set("automatic_upgrade_channel", E.Literal(channel))
    b.set("node_os_upgrade_channel", E.Literal(cfg["node_os_upgrade_channel"] if channel !=
                                               "none" else "None"), cfg["node_os_why"]
          if channel != "none" else "NEVER_UPDATE: the nodes keep their image too")
    window = ""
    if policy is K.UpdatePolicy.MINIMAL_DOWNTIME:
        w = b.block("maintenance_window_auto_upgrade", comment=cfg["maintenance_why"])
        for k, v in cfg["maintenance_window"].items():
            w.set(k, _lit(v))
        window = " in a weekly maintenance window (Sunday 03:00 UTC, a default to adjust)"
    elif channel == "patch":
        window = " (AKS applies the patch versions of the cluster's minor; minor upgrades " \
                 "stay manual: raise kubernetes_version)"
    else:
        window = " (the cluster keeps its version until kubernetes_version is raised)"
    if source is not None:
        note(ctx, "cluster.update_policy", at, policy=policy.value, address=node.address,
             channel=channel, window=window)


LOOKUP_RG = "aks_resource_group_name"


def lookup_group(ctx: Ctx, module: str) -> E.Expr:
    """The resource group of an existing AKS cluster a data source reads: a variable (a
    lookup must not create the translation's resource group), under a free name."""
    def make(name: str) -> TfBlock:
        v = TfBlock("variable", (name,), comments=[
            "scaffolding: where the existing AKS clusters this configuration reads live"])
        v.set("description", E.Literal("Resource group of the existing AKS cluster(s) that "
                                       "the data sources read"))
        v.set("type", E.Var("string"))
        return v
    return E.ref(f"var.{scaffold_variable(ctx, module, LOOKUP_RG, make)}")
