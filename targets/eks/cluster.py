"""EKS lowering of an OVH managed Kubernetes cluster: control plane, IAM, add-ons, kubeconfig."""

from __future__ import annotations

from dataclasses import replace

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import companions, dropped, hardening, readings, reftables, spec_use
from ..tfbase import kube_family as KF
from ..tfbase import kube_lifecycle as L
from ..tfbase import kube_version as KV
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.kubeconfig_rule import per_instance as per_instance_kubeconfig
from ..tfbase.pool_tuning import per_instance
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import map_value
from . import cluster_attach, cluster_iam, network, unique_names
from . import common as C
from .placement import TABLE, companion, note, platform, shape

CLUSTER = "aws_eks_cluster"


def kubeconfig_name(node: N.Resource) -> str:
    return f"{'data_' if node.mode == 'data' else ''}{node.name}_kubeconfig"


def lower_cluster(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_cluster(ctx, node)
    spec, u, b = KF.start_cluster(ctx, node, CLUSTER)
    b.set("name", C.name_value(node, u.expr("name")))
    _region(ctx, node, spec, b)
    unique_names.warn(ctx, node, b)  # (a fixed name in a repeated module: IT308)
    _version(ctx, node, spec, b)
    b.set("role_arn", cluster_iam.cluster_role(ctx, node))
    _plan(ctx, node, spec)
    subnets = network.private_subnet_ids(
        ctx, node, spec.nodes_subnet if spec.nodes_subnet is not None else spec.network)
    _vpc(ctx, node, spec)
    support, why = _upgrade(ctx, node, spec)
    shape(b, "cluster", node, subnets=subnets, services_cidr=spec.services_cidr.source and
          ctx.rewrite(spec.services_cidr.source, node.module), support_type=support,
          support_why=why, protect=hardening.protection(
              ctx, node, None, f"the cluster of {node.address}"))
    _dropped(ctx, node, spec)
    place(ctx, node, b, u)
    _version_guard(ctx, node, b)
    cluster_iam.admin_access(ctx, node)
    _addons(ctx, node, spec)
    _kubeconfig(ctx, node)
    u.done()


def place(ctx: Ctx, node: N.Resource, b: TfBlock, u: Use) -> None:
    """Place a cluster or pool: the source lifecycle's ignore_changes in EKS names (the
    ignore_changes types of eks/platform.json), the timeouts EKS takes."""
    L.place(ctx, node, b, spec_use.timeouts(u, ("create", "update", "delete")),
            platform()["ignore_changes"]["types"].get(node.canonical_type or node.type, {}))


def _region(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    src = spec.location.source
    if src is None:
        return
    if per_instance(src):
        # One region per instance: AWS provider 6.x takes it per resource, not the provider.
        b.set("region", map_value(src, node, ctx, "region", lambda s: C.region_of(ctx, s)))
        note(ctx, "cluster.region_per_instance", src.span or node.span, address=node.address)
        return
    region = C.map_region(ctx, node, src)
    if region is not None and region != ctx.default_region.get(node.module):
        # Another region than the provider's: AWS provider 6.x takes it per resource.
        b.set("region", region)


def _version(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, b: TfBlock) -> None:
    """A literal minor EKS no longer creates clusters at becomes the oldest it offers, an
    error: the upgrade across removed APIs is a human decision."""
    raw, wanted = spec.version.source, spec.version.text
    if raw is None:
        return
    oldest = platform()["cluster"]["kubernetes"]["oldest"]
    if isinstance(raw, E.Literal) and KV.older(wanted, oldest):
        note(ctx, "cluster.version_not_offered", raw.span or node.span, wanted=wanted,
             oldest=oldest, address=node.address)
        b.set("version", E.Literal(oldest, span=raw.span))
        return
    if not isinstance(raw, E.Literal) and KV.older(wanted, oldest):
        note(ctx, "cluster.version_default_not_offered", raw.span or node.span,
             wanted=wanted, oldest=oldest, address=node.address)
    b.set("version", ctx.rewrite(raw, node.module))


def _version_guard(ctx: Ctx, node: N.Resource, b: TfBlock) -> None:
    """A computed version gets a precondition: a value below the oldest offered stops the
    plan with the reason rather than CreateCluster failing mid-apply."""
    version = b.get("version")
    if version is not None and not isinstance(version, E.Literal):
        KV.guard(b, version, platform()["cluster"]["kubernetes"]["oldest"], "EKS")


def _plan(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    span = spec.plan.source.span if spec.plan.source is not None else node.span
    if spec.control_plane_ha is False and spec.plan.source is not None:
        note(ctx, "cluster.plan_free", span, address=node.address)
    elif spec.control_plane_ha is None:
        note(ctx, "cluster.plan_unknown", span, address=node.address)


def _vpc(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    if spec.pods_cidr.source is not None:
        note(ctx, "cluster.pods_cidr_dropped", spec.pods_cidr.source.span or node.span,
             address=node.address)
    if spec.routing.as_default is True:
        note(ctx, "cluster.routing_through_nat",
             spec.routing.as_default_source.span if
                     spec.routing.as_default_source else node.span,
             address=node.address)
    elif spec.routing.as_default is None and spec.routing.as_default_source is not None:
        note(ctx, "cluster.routing_computed",
             spec.routing.as_default_source.span or node.span, address=node.address)
    gw = spec.routing.gateway
    if gw is not None and E.str_value(gw) not in ("", None):
        note(ctx, "cluster.vrack_gateway_dropped", gw.span or node.span)
    if spec.lb_subnet is not None:
        note(ctx, "cluster.lb_subnet_by_tags", spec.lb_subnet.span or node.span,
             address=node.address)


def _upgrade(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> tuple[E.Expr, str]:
    """upgrade_policy.support_type, and its comment."""
    policy, source = spec.update.policy, spec.update.source
    if source is None:
        return E.Literal("STANDARD"), "EKS never upgrades a cluster by itself: raise " \
            "`version` to upgrade"
    if spec.update.computed:
        note(ctx, "cluster.update_policy_computed", source.span or node.span,
             address=node.address)
        return E.Conditional(
            E.Binary("==", ctx.rewrite(source, node.module), E.Literal("NEVER_UPDATE")),
            E.Literal("EXTENDED"), E.Literal("STANDARD")), ""
    assert policy is not None
    support = E.Literal(platform()["cluster"]["support_type"][policy.value])
    if policy is K.UpdatePolicy.NEVER:
        note(ctx, "cluster.never_update_extended", source.span or node.span,
             address=node.address)
    else:
        note(ctx, "cluster.update_policy_manual", source.span or node.span,
             policy=policy.value, address=node.address)
    return support, ""


def _dropped(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    why = platform()["not_translated"]["cluster"]
    dropped.report(ctx, node, {spec.admission.written_as: why["admission"], **why}, (
        (spec.admission.written_as, spec.admission.source),
        ("customization_cilium", spec.cilium),
        ("customization_kube_proxy", spec.kube_proxy.tuning)))


def _addons(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec) -> None:
    buckets = "object-storage" in ctx.harden.needs
    if buckets:
        note(ctx, "cluster.mountpoint_addon", node.span, address=node.address)
    pools = pools_of(ctx, node)
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
        note(ctx, "cluster.kube_proxy_mode", source.span or node.span, address=node.address)
    return E.Literal(mode.value) if mode is not None else ctx.rewrite(source, node.module)


def pools_of(ctx: Ctx, cluster: N.Resource) -> list[str]:
    """The names of the managed node pools of `cluster`, sorted; the module's pools
    are grouped by cluster once (Ctx.readings), not scanned per cluster."""
    def build() -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for n in ctx.by_module.resources(cluster.module, "NodePool"):
            if n.mode == "managed" and (on := ctx.resolve(n.get("kube_id"), n.module)) is not None:
                found.setdefault(id(on), []).append(n.name)
        for names in found.values():  # by label: the blocks' order in the input must not show
            names.sort()
        return found
    return readings.grouped(ctx, f"eks.pools_of {cluster.module}", build, cluster)


def _kubeconfig(ctx: Ctx, node: N.Resource) -> None:
    if "kubeconfig" not in ctx.attributes_read(node):
        return
    ref = f"data.{CLUSTER}.{node.name}" if node.mode == "data" else f"{CLUSTER}.{node.name}"
    if not _repeated(node):
        companion(ctx, "kubeconfig", node, ref=ref, local=kubeconfig_name(node))
        return
    # One kubeconfig per instance: a list for count, a map by key for for_each, so that
    # `x[0].kubeconfig` / `x["a"].kubeconfig` become `local.x_kubeconfig[0]` / `["a"]`.
    name = kubeconfig_name(node)
    for b in companion(ctx, "kubeconfig", node, ref="cluster", local=name):
        one = b.get(name)
        if one is not None:
            each = node.meta.for_each is not None
            b.set(name, E.ForExpr("key" if each else None, "cluster", E.ref(ref), one,
                                  E.Var("key") if each else None))


def _kubeconfig_of(cluster: E.Expr) -> E.Expr | None:
    """The kubeconfig companion's value for one cluster expression, not emitted."""
    got = companions.blocks(companions.table(TABLE), "kubeconfig",
                            {"ref": to_hcl(cluster), "local": "one"})
    return got[0].get("one") if got else None


def _repeated(node: N.Resource) -> bool:
    return node.meta.count is not None or node.meta.for_each is not None


def _declare_cluster(ctx: Ctx, node: N.Resource) -> RefTarget:
    """The Cluster rules of eks/platform.json; for a counted or for_each cluster the
    kubeconfig is read per instance (a for expression's variable builds its own); a for_each
    splat has no rule: the reference becomes an IT206 TODO."""
    target = _DECLARE_TABLE(ctx, node)
    if not _repeated(node):
        return target
    kubeconfig = per_instance_kubeconfig(node, kubeconfig_name(node), _kubeconfig_of)
    return replace(target, rules={**target.rules, "kubeconfig": kubeconfig})


def _data_cluster(ctx: Ctx, node: N.Resource) -> None:
    spec, u, b = KF.start_cluster(ctx, node, CLUSTER)
    name = u.expr("name")
    if name is None:
        shown = E.str_value(spec.lookup_id) or "the OVH cluster"
        name = E.Literal(f"TODO(IT308): name of the EKS cluster replacing {shown}")
        note(ctx, "cluster.lookup_by_ovh_id", node.span, address=node.address)
    b.set("name", name)
    _region(ctx, node, spec, b)
    KF.finish(ctx, node, b, u)
    _kubeconfig(ctx, node)


_DECLARE_TABLE = reftables.declaring(platform()["references"]["Cluster"])
DECLARE: dict[str, Declaring] = {"Cluster": _declare_cluster, **cluster_attach.DECLARE}
LOWER: dict[str, Lowering] = {"Cluster": lower_cluster, **cluster_attach.LOWER}
