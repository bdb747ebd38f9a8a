"""Scaleway lowering of OVH node pools as Kapsule pools: node type, sizes, zone, labels, taints."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock, todo
from ..tfbase import dropped, reftables, spec_use
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.use import Use
from ..tfbase.values import map_value
from . import common as C
from . import kube_ignore, pool_autoscaler, pool_parts
from .kube_data import note, outside_variable, table

POOL = "scaleway_k8s_pool"
CLUSTER = "scaleway_k8s_cluster"


def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_pool(ctx, node)
    spec = K.read_pool(ctx, node)
    u = Use(ctx, node, POOL)
    spec_use.consume(u, "kube")
    cluster = ctx.resolve(spec.cluster, node.module)
    b = TfBlock("resource", (POOL, node.name))
    b.set("cluster_id", _cluster_id(ctx, node, spec))
    b.set("name", u.expr("name") or E.Literal(C.scw_name(node.name)))
    gpu = _node_type(ctx, node, spec, b)
    zone = pool_parts.zone(ctx, node, spec, b, cluster)
    _sizing(ctx, node, spec, b)
    pool_parts.labels_taints(ctx, node, spec, b, gpu)
    pool_parts.placement(ctx, node, spec, b, zone)
    pool_parts.private_nodes(ctx, node, spec, b, cluster)
    policy = K.read_cluster(ctx, cluster).update.policy if cluster is not None else None
    if policy is K.UpdatePolicy.MINIMAL_DOWNTIME:
        surge = table()["pool"]["surge"]
        up = b.block("upgrade_policy", comment="MINIMAL_DOWNTIME: a new node before an old "
                     "one goes")
        for k, v in surge.items():
            up.set(k, E.Literal(v, str(v)))
    _dropped(ctx, node, spec, pool_autoscaler.merge(ctx, node, spec, cluster))
    kube_ignore.place(ctx, node, b, spec_use.timeouts(u, ("create", "update", "default")))
    if spec.sizing.mode is not K.SizingMode.FIXED:
        # The autoscaler owns the node count: Terraform must not reset it.
        kube_ignore.ignore(b, ("size",))
    u.done()


def _cluster_id(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec) -> E.Expr | None:
    if spec.cluster is None:
        return None
    var = outside_variable(ctx, node, spec.cluster)
    if var is not None and node.mode != "data":
        note(ctx, "pool.cluster_given", spec.cluster.span or node.span, var=var,
             address=node.address)
    return ctx.rewrite(spec.cluster, node.module)


def _node_type(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> bool:
    """node_type; True when the nodes have GPUs."""
    source = spec.machine.source
    b.set("node_type", map_value(source, node, ctx, "flavor",
                                 lambda s: C.node_type_of(ctx, s)))
    machines = [spec.machine] if spec.machine.known else list(spec.candidates)
    m = spec.machine
    fit = C.fit_of(ctx, m) if m.known else None
    span = source.span if source is not None and source.span else node.span
    if fit is not None and fit.quality != "exact" and not fit.gpu_model:
        note(ctx, "pool.flavor_approximate", span, flavor=m.flavor, vcpu=m.vcpu,
             ram_gb=m.ram_gb, machine_type=fit.machine_type, fit_vcpu=fit.vcpu,
             fit_ram_gb=fit.ram_gb)
    gpu = any(x.gpu is not None for x in machines)
    if gpu:
        note(ctx, "pool.gpu_operator", span, address=node.address)
    return gpu


def _sizing(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> None:
    s = spec.sizing
    unset = table()["pool"]["unset_size"]

    def rw(e: E.Expr | None, default: int) -> E.Expr:
        return ctx.rewrite(e, node.module) if e is not None else E.Literal(default, str(default))
    size = rw(s.desired if s.desired is not None else s.min, unset["desired"])
    lo, hi = rw(s.min, unset["min"]), rw(s.max, unset["max"])
    if s.mode is K.SizingMode.FIXED:
        b.set("size", size)
        b.set("autoscaling", E.Literal(False))
        bound = s.min if s.min is not None else s.max
        if bound is not None:
            note(ctx, "pool.min_max_fixed", bound.span or node.span, address=node.address)
        return
    b.set("size", size, "the node count at creation; the autoscaler moves it")
    if s.mode is K.SizingMode.AUTOSCALED:
        b.set("autoscaling", E.Literal(True))
        b.set("min_size", lo)
        b.set("max_size", hi)
        return
    assert s.switch is not None
    on = ctx.rewrite(s.switch, node.module)
    b.set("autoscaling", on)
    for name, bound in (("min_size", lo), ("max_size", hi)):
        # (one value when both branches are the same, e.g. a minimum that is also the size)
        b.set(name, bound if to_hcl(bound) == to_hcl(size) else E.Conditional(on, bound, size))
    note(ctx, "pool.autoscale_computed", s.switch.span or node.span, address=node.address)


def _dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
             carried: set[str]) -> None:
    sd = spec.sizing.scale_down
    dropped.report(ctx, node, table()["not_translated"]["node_pool"], tuple(
        (k, v) for k, v in (
            ("autoscaling_scale_down_unneeded_time_seconds", sd.unneeded_seconds),
            ("autoscaling_scale_down_unready_time_seconds", sd.unready_seconds),
            ("autoscaling_scale_down_utilization_threshold", sd.utilization))
        if k not in carried) + (
        ("template.metadata.annotations", spec.annotations),
        ("template.metadata.finalizers", spec.finalizers),
        ("template.spec.unschedulable", spec.unschedulable),
        ("monthly_billed", spec.monthly_billed)))
    if spec.floating_ips is True:
        src = spec.floating_ips_source
        note(ctx, "pool.floating_ips", src.span if src is not None and src.span else node.span,
             address=node.address)


def _data_pool(ctx: Ctx, node: N.Resource) -> None:
    """A node pool looked up by cluster and name: the Kapsule pool of that name."""
    spec = K.read_pool(ctx, node)
    u = Use(ctx, node, f"data.{POOL}")
    spec_use.consume(u, "kube")
    b = TfBlock("data", (POOL, node.name))
    cluster = ctx.resolve(spec.cluster, node.module)
    cluster_id = _cluster_id(ctx, node, spec)
    if cluster is None or cluster.KIND != "Cluster":
        shown = E.str_value(spec.cluster) or "the OVH cluster"
        note(ctx, "pool.cluster_by_ovh_id",
             spec.cluster.span if spec.cluster is not None else node.span,
             address=node.address, shown=shown)
        if cluster_id is None or E.str_value(cluster_id) is not None:
            cluster_id = todo("IT308", f"id of the Kapsule cluster replacing {shown}")
    b.set("cluster_id", cluster_id)
    b.set("name", u.expr("name") or E.Literal(node.name))
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


DECLARE: dict[str, Declaring] = reftables.declarings(table()["references"], ("NodePool",))
LOWER: dict[str, Lowering] = {"NodePool": lower_pool}
