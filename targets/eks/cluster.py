"""EKS lowering of an OVH managed Kubernetes cluster: control plane, IAM, add-ons, kubeconfig."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dropped, reftables, spec_use
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.use import Use
from ..tfbase.values import map_value
from . import cluster_attach, cluster_iam, kube_ignore, network
from . import common as C
from .images import platform
from .placement import companion, shape

CLUSTER = "aws_eks_cluster"


def kubeconfig_name(node: N.Resource) -> str:
    return f"{'data_' if node.mode == 'data' else ''}{node.name}_kubeconfig"


def lower_cluster(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_cluster(ctx, node)
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, CLUSTER)
    spec_use.consume(u, "kube")
    b = TfBlock("resource", (CLUSTER, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    _region(ctx, node, spec, b)
    if spec.version.source is not None:
        b.set("version", ctx.rewrite(spec.version.source, node.module))
    b.set("role_arn", cluster_iam.cluster_role(ctx, node))
    _plan(ctx, node, spec)
    subnets = network.private_subnet_ids(
        ctx, node, spec.nodes_subnet if spec.nodes_subnet is not None else spec.network)
    _vpc(ctx, node, spec)
    support, why = _upgrade(ctx, node, spec)
    shape(b, "cluster", node, subnets=subnets, services_cidr=spec.services_cidr.source and
          ctx.rewrite(spec.services_cidr.source, node.module), support_type=support,
          support_why=why, protect=_protection(ctx, node))
    _dropped(ctx, node, spec)
    kube_ignore.place(ctx, node, b, spec_use.timeouts(u, ("create", "update", "delete")))
    cluster_iam.admin_access(ctx, node)
    _addons(ctx, node, spec)
    _kubeconfig(ctx, node)
    u.done()


def _region(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    src = spec.location.source
    if src is None:
        return
    if per_instance(src):
        # One region per instance: AWS provider 6.x takes it per resource, not the provider.
        b.set("region", map_value(src, node, ctx, "region", lambda s: C.region_of(ctx, s)))
        ctx.sink.add("IT301", src.span or node.span, f"{node.address} has a region per "
                     "instance: each cluster and its add-ons, node groups and access entries "
                     "set `region`; the subnets they use must be looked up in that region too")
        return
    region = C.map_region(ctx, node, src)
    if region is not None and region != ctx.default_region.get(node.module):
        # Another region than the provider's: AWS provider 6.x takes it per resource.
        b.set("region", region)


def per_instance(e: E.Expr) -> bool:
    """The value differs per instance of a count/for_each resource."""
    return any((t := E.traversal(sub)) is not None and t[0] in ("each", "count")
               for sub in E.walk(e))


def _plan(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    span = spec.plan.source.span if spec.plan.source is not None else node.span
    if spec.control_plane_ha is False and spec.plan.source is not None:
        ctx.sink.add("IT301", span, f"plan `free` of {node.address}: the EKS control plane is "
                     "always highly available over three zones and billed per hour, like the "
                     "OVH standard plan")
    elif spec.control_plane_ha is None:
        ctx.sink.add("IT301", span, f"the plan of {node.address} is not written as free or "
                     "standard: the EKS control plane is always highly available (the "
                     "standard plan)")


def _vpc(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    if spec.pods_cidr.source is not None:
        ctx.sink.add("IT302", spec.pods_cidr.source.span or node.span,
                     f"`ip_allocation_policy.pods_ipv4_cidr` of {node.address} is not "
                     "translated: the VPC CNI gives pods addresses of the node subnets")
    if spec.routing.as_default is True:
        ctx.sink.add("IT301", spec.routing.as_default_source.span if
                     spec.routing.as_default_source else node.span,
                     f"{node.address} routes node egress through the private network: the "
                     "node groups sit in private subnets whose default route is a NAT gateway")
    elif spec.routing.as_default is None and spec.routing.as_default_source is not None:
        ctx.sink.add("IT301", spec.routing.as_default_source.span or node.span,
                     f"private_network_routing_as_default of {node.address} is an "
                     "expression: nodes always sit in private subnets behind a NAT gateway")
    gw = spec.routing.gateway
    if gw is not None and E.str_value(gw) not in ("", None):
        ctx.sink.add("IT302", gw.span or node.span, "`default_vrack_gateway` is not "
                     "translated: the private subnets' route tables send egress to the NAT "
                     "gateway; another next hop needs an aws_route")
    if spec.lb_subnet is not None:
        ctx.sink.add("IT301", spec.lb_subnet.span or node.span,
                     f"load_balancers_subnet_id of {node.address}: EKS places load balancers "
                     "in the subnets tagged kubernetes.io/role/elb (public) or "
                     "kubernetes.io/role/internal-elb (internal)")


def _upgrade(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> tuple[E.Expr, str]:
    """upgrade_policy.support_type, and its comment."""
    policy, source = spec.update.policy, spec.update.source
    if source is None:
        return E.Literal("STANDARD"), "EKS never upgrades a cluster by itself: raise " \
            "`version` to upgrade"
    if spec.update.computed:
        ctx.sink.add("IT301", source.span or node.span, f"update_policy of {node.address} is "
                     "an expression: NEVER_UPDATE becomes EXTENDED support, anything else "
                     "STANDARD; EKS never upgrades the cluster by itself")
        return E.Conditional(
            E.Binary("==", ctx.rewrite(source, node.module), E.Literal("NEVER_UPDATE")),
            E.Literal("EXTENDED"), E.Literal("STANDARD")), ""
    assert policy is not None
    support = E.Literal(platform()["cluster"]["support_type"][policy.value])
    if policy is K.UpdatePolicy.NEVER:
        ctx.sink.add("IT301", source.span or node.span, f"NEVER_UPDATE of {node.address}: "
                     "EXTENDED support keeps the version 12 more months past standard support, "
                     "billed per cluster-hour on top of the control plane")
    else:
        ctx.sink.add("IT301", source.span or node.span, f"{policy.value} of {node.address}: "
                     "EKS never upgrades the control plane or the nodes by itself; raise "
                     "`version` (and the node groups follow) to upgrade")
    return support, ""


def _protection(ctx: Ctx, node: N.Resource) -> E.Expr:
    on = ctx.harden.deletion_protection
    if on:
        ctx.sink.add("IT337", node.span, f"the cluster of {node.address} is protected against "
                     "deletion (the target's hardening default)",
                     "--no-deletion-protection (or decisions: deletion_protection: false) "
                     "turns it off")
    return E.Literal(on)


def _dropped(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    why = platform()["not_translated"]["cluster"]
    dropped.report(ctx, node, {spec.admission.written_as: why["admission"], **why}, (
        (spec.admission.written_as, spec.admission.source),
        ("customization_cilium", spec.cilium),
        ("customization_kube_proxy", spec.kube_proxy.tuning)))


def _addons(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    buckets = "object-storage" in ctx.harden.needs
    if buckets:
        ctx.sink.add("IT346", node.span, f"the cluster of {node.address} gets the Mountpoint "
                     "for Amazon S3 CSI driver: workloads of this repository mount buckets")
    pools = _pools_of(ctx, node)
    companion(ctx, "addons", node, region=cluster_iam.cluster_region(ctx, node),
              mounts_buckets=buckets, kube_proxy_mode=_proxy_mode(ctx, node, spec),
              node_groups=E.Tuple(tuple(E.ref(f"aws_eks_node_group.{p}") for p in pools))
              if pools else None)


def _proxy_mode(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> E.Expr | None:
    mode = spec.kube_proxy.mode
    source = spec.kube_proxy.source
    if source is None:
        return None
    if mode is not K.ProxyMode.IPTABLES:
        ctx.sink.add("IT301", source.span or node.span, f"kube_proxy_mode of {node.address}: "
                     "the kube-proxy add-on runs in that mode; IPVS needs the ip_vs kernel "
                     "modules, which the EKS AL2023 AMIs ship")
    return E.Literal(mode.value) if mode is not None else ctx.rewrite(source, node.module)


def _pools_of(ctx: Ctx, cluster: N.Resource) -> list[str]:
    out = []
    for n in ctx.nodes.values():
        if n.KIND == "NodePool" and n.mode == "managed" and n.module == cluster.module and \
                ctx.resolve(n.get("kube_id"), n.module) is cluster:
            out.append(n.name)
    return out


def _kubeconfig(ctx: Ctx, node: N.Resource) -> None:
    if "kubeconfig" in ctx.attributes_read(node):
        ref = f"data.{CLUSTER}.{node.name}" if node.mode == "data" else f"{CLUSTER}.{node.name}"
        companion(ctx, "kubeconfig", node, ref=ref, local=kubeconfig_name(node))


def _data_cluster(ctx: Ctx, node: N.Resource) -> None:
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, f"data.{CLUSTER}")
    spec_use.consume(u, "kube")
    b = TfBlock("data", (CLUSTER, node.name))
    name = u.expr("name")
    if name is None:
        shown = E.str_value(spec.lookup_id) or "the OVH cluster"
        name = E.Literal(f"TODO(IT308): name of the EKS cluster replacing {shown}")
        ctx.sink.add("IT308", node.span, f"{node.address} looks a cluster up by OVH id; give the "
                     "EKS cluster name instead")
    b.set("name", name)
    _region(ctx, node, spec, b)
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    _kubeconfig(ctx, node)
    u.done()


DECLARE: dict[str, Declaring] = {**reftables.declarings(platform()["references"], ("Cluster",)),
                                 **cluster_attach.DECLARE}
LOWER: dict[str, Lowering] = {"Cluster": lower_cluster, **cluster_attach.LOWER}
