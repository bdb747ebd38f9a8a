"""Scaleway lowering of OVH node pools as Kapsule pools: node type, sizes, zone, labels, taints."""

from __future__ import annotations

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock, todo
from ..tfbase import kube_family as KF
from ..tfbase import reftables
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import common as C
from . import pool_parts
from .kube_data import note, outside_variable, table

POOL = "scaleway_k8s_pool"
CLUSTER = "scaleway_k8s_cluster"
# OVH's per-pool scale-down tuning -> (the cluster-wide autoscaler_config argument, the
# ScaleDown field)
TUNING = (("autoscaling_scale_down_unneeded_time_seconds", "scale_down_unneeded_time",
           "unneeded_seconds"),
          ("autoscaling_scale_down_utilization_threshold", "scale_down_utilization_threshold",
           "utilization"))


def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_pool(ctx, node)
    spec, u, cluster, b = KF.start_pool(ctx, node, POOL)
    b.set("cluster_id", _cluster_id(ctx, node, spec))
    b.set("name", u.expr("name") or E.Literal(C.scw_name(node.name)))
    gpu = _node_type(ctx, node, spec, b)
    zone = pool_parts.zone(ctx, node, spec, b, cluster)
    KF.sizing(ctx, node, spec, b, ("size", "autoscaling", "min_size", "max_size"),
              table()["pool"]["unset_size"], note, _computed, True)
    pool_parts.labels_taints(ctx, node, spec, b, gpu)
    pool_parts.placement(ctx, node, spec, b, zone)
    pool_parts.private_nodes(ctx, node, spec, b, cluster)
    if KF.minimal_downtime(ctx, cluster):
        surge = table()["pool"]["surge"]
        up = b.block("upgrade_policy", comment="MINIMAL_DOWNTIME: a new node before an old "
                     "one goes")
        for k, v in surge.items():
            up.set(k, E.Literal(v, str(v)))
    _dropped(ctx, node, spec, KF.tuned(
        ctx, node, spec, cluster, "autoscaler_config", "from the scale-down tuning of its OVH "
        "pools: Kapsule tunes it for the whole cluster", TUNING, _tuning, note))
    KF.close(ctx, node, spec, b, u, ("create", "update", "default"), table(), "size")


def _tuning(field: str, out: E.Expr) -> E.Expr:
    # OVH counts seconds; Kapsule takes a duration ("600s").
    return KF.as_text(out, "<scaleway>", 1, "s") if field == "unneeded_seconds" else out


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
    gpu, span = KF.flavor(ctx, node, spec, b, "node_type", note)
    if gpu:
        note(ctx, "pool.gpu_operator", span, address=node.address)
    return gpu


def _computed(on: E.Expr, bound: E.Expr, size: E.Expr) -> E.Expr:
    # (one value when both branches are the same, e.g. a minimum that is also the size)
    return bound if to_hcl(bound) == to_hcl(size) else E.Conditional(on, bound, size)


def _dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
             carried: set[str]) -> None:
    KF.report_dropped(ctx, node, spec, carried, table()["not_translated"]["node_pool"])
    KF.floating_ips(ctx, node, spec, note)


def _data_pool(ctx: Ctx, node: N.Resource) -> None:
    """A node pool looked up by cluster and name: the Kapsule pool of that name."""
    spec, u, cluster, b = KF.start_pool(ctx, node, POOL)
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
    KF.finish(ctx, node, b, u)


DECLARE: dict[str, Declaring] = reftables.declarings(table()["references"], ("NodePool",))
LOWER: dict[str, Lowering] = {"NodePool": lower_pool}
