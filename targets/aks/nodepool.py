"""AKS lowering of OVH node pools: azurerm_kubernetes_cluster_node_pool (User pools), sizes."""

from __future__ import annotations

import re

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock, todo
from ..tfbase import kube_family as KF
from ..tfbase import reftables
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from . import kube_parts, pool_parts
from .kube_data import note, table

POOL = "azurerm_kubernetes_cluster_node_pool"
CLUSTER = "azurerm_kubernetes_cluster"
# OVH's per-pool scale-down tuning -> (the cluster-wide auto_scaler_profile argument, the
# ScaleDown field)
TUNING = (("autoscaling_scale_down_unneeded_time_seconds", "scale_down_unneeded",
           "unneeded_seconds"),
          ("autoscaling_scale_down_unready_time_seconds", "scale_down_unready",
           "unready_seconds"),
          ("autoscaling_scale_down_utilization_threshold", "scale_down_utilization_threshold",
           "utilization"))


def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_pool(ctx, node)
    spec, u, cluster, b = KF.start_pool(ctx, node, POOL)
    b.set("name", pool_parts.name(ctx, node, u.expr("name")))
    b.set("kubernetes_cluster_id", _cluster_id(ctx, node, spec, cluster))
    b.set("mode", E.Literal(table()["pool"]["mode"]))
    gpu = _vm_size(ctx, node, spec, b)
    # AKS rejects min_count/max_count on a pool that does not autoscale: null when off
    KF.sizing(ctx, node, spec, b, ("node_count", "auto_scaling_enabled", "min_count",
                                   "max_count"), table()["pool"]["unset_size"], note,
              lambda on, bound, size: E.Conditional(on, bound, E.Literal(None)), False)
    pool_parts.zones(ctx, node, spec, b)
    pool_parts.labels_taints(ctx, node, spec, b, gpu)
    if not gpu:
        _gpu_taint_if_gpu(ctx, node, spec, b)
    if cluster is not None:
        block = ctx.primary.get(ctx.key_of(cluster))
        subnet = block.find("default_node_pool") if block is not None else None
        sub = subnet.get("vnet_subnet_id") if subnet is not None else None
        if sub is not None:
            b.set("vnet_subnet_id", sub, "the nodes' subnet of the cluster")
    else:  # (a module given the cluster's id: OVH placed the pool in the cluster's network)
        ctx.sink.add("IT308", node.span, f"the cluster of {node.address} is not declared "
                     "here: if its default node pool is in a VNet subnet, set vnet_subnet_id "
                     "to a subnet of that VNet (AKS would otherwise make the pool a network "
                     "of its own)", "pass the subnet id into this module with the cluster id")
    if KF.floating_ips(ctx, node, spec, note):
        b.set("node_public_ip_enabled", E.Literal(True))
    if KF.minimal_downtime(ctx, cluster):
        up = b.block("upgrade_settings", comment="MINIMAL_DOWNTIME: a new node before an old "
                     "one goes")
        up.set("max_surge", E.Literal(table()["pool"]["surge"]))
    _dropped(ctx, node, spec, KF.tuned(
        ctx, node, spec, cluster, "auto_scaler_profile", "from the scale-down tuning of its "
        "OVH pools: AKS tunes the autoscaler for the whole cluster", TUNING, _tuning, note))
    KF.close(ctx, node, spec, b, u, ("create", "read", "update", "delete"), table(),
             "node_count")


def _tuning(field: str, out: E.Expr) -> E.Expr:
    # azurerm takes the ratio as a string ("0.5"); OVH counts seconds, the AKS autoscaler
    # minutes ("10m"), rounded up
    return KF.as_text(out, "<aks>") if field == "utilization" else \
        KF.as_text(out, "<aks>", 60, "m")


def _cluster_id(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
                cluster: N.Resource | None) -> E.Expr | None:
    if spec.cluster is None:
        return None
    if cluster is None or cluster.KIND != "Cluster":
        note(ctx, "pool.cluster_outside", spec.cluster.span or node.span, address=node.address)
    return ctx.rewrite(spec.cluster, node.module)


def _vm_size(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> bool:
    """vm_size; True when the nodes have GPUs."""
    gpu, span = KF.flavor(ctx, node, spec, b, "vm_size", note)
    if gpu:
        b.set("gpu_driver", E.Literal(table()["pool"]["gpu_driver"]))
        note(ctx, "pool.gpu", span, address=node.address)
    return gpu


def _gpu_taint_if_gpu(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> None:
    """A flavor known only at plan time (a variable of the module) may be a GPU one: AKS
    does not taint GPU pools itself, so node_taints adds the GPU taint when vm_size is one
    of the mapping's GPU sizes (the GPU pods tolerate it; other pods stay off the GPUs)."""
    source = spec.machine.source
    vm_size = b.get("vm_size")
    if source is None or spec.machine.known or spec.candidates or vm_size is None or \
            E.str_value(vm_size) is not None:
        return
    gpu_taint = table()["pool"]["gpu_taint"]
    if any(E.str_value(t.key) == gpu_taint.split("=", 1)[0] for t in spec.taints.items):
        return
    test = _gpu_size_test(ctx, vm_size)
    if test is None:
        return
    when = E.Conditional(test, E.Tuple((E.Literal(gpu_taint),)), E.Tuple(()))
    written = b.get("node_taints")
    b.set("node_taints", E.Call("concat", (written, when)) if written is not None else when,
          "the GPU taint when the VM size is a GPU one (known at plan time)")
    ctx.sink.add("IT301", source.span or node.span, f"the VM size of {node.address} is "
                 f"known only at plan time: node_taints adds {gpu_taint} when it is one of "
                 "the GPU sizes of the mapping (aks/machine_types.json: the N series), which "
                 "the GPU pods tolerate; AKS installs the NVIDIA driver on GPU sizes, the "
                 "NVIDIA device plugin DaemonSet is still to install")


def _gpu_size_test(ctx: Ctx, vm_size: E.Expr) -> E.Expr | None:
    """True at plan time when `vm_size` is a GPU size of the mapping: Azure's GPU sizes are
    its N series (Standard_NC..., ND..., NV...), a regex when the table's sizes agree, else
    the list of them."""
    machines = ctx.tables.machine_types.get("machine_types", {})
    gpu = sorted(k for k, v in machines.items() if v.get("gpu"))
    if not gpu:
        return None
    series = "Standard_N"
    letters = "".join(sorted({k[len(series)] for k in gpu if k.startswith(series) and
                              len(k) > len(series)}))
    pattern = f"(?i)^{series}[{letters}]"
    if letters and all(re.match(pattern, k) for k in gpu) and \
            not any(re.match(pattern, k) for k, v in machines.items() if not v.get("gpu")):
        return E.Call("can", (E.Call("regex", (E.Literal(pattern), vm_size)),))
    return E.Call("contains", (E.Tuple(tuple(E.Literal(k) for k in gpu)), vm_size))


def _dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, carried: set[str]) -> None:
    KF.report_dropped(ctx, node, spec, carried, table()["not_translated"]["node_pool"])
    aa = spec.anti_affinity
    if aa is not None and not (isinstance(aa, E.Literal) and aa.value is False):
        note(ctx, "pool.anti_affinity", aa.span or node.span, address=node.address,
             why=table()["not_translated"]["node_pool"]["anti_affinity"])


def _data_pool(ctx: Ctx, node: N.Resource) -> None:
    """A node pool looked up by cluster and name: the AKS pool of that name."""
    spec, u, cluster, b = KF.start_pool(ctx, node, POOL)
    if cluster is not None and cluster.KIND == "Cluster":
        base = f"{'data.' if cluster.mode == 'data' else ''}{CLUSTER}.{cluster.name}"
        b.set("kubernetes_cluster_name", E.ref(f"{base}.name"))
        b.set("resource_group_name", E.ref(f"{base}.resource_group_name"))
    else:
        shown = E.str_value(spec.cluster) or (to_hcl(spec.cluster) if spec.cluster else
                                             "the OVH cluster")
        note(ctx, "pool.cluster_outside", spec.cluster.span if spec.cluster is not None
             else node.span, address=node.address)
        b.set("kubernetes_cluster_name", todo("IT308", f"name of the AKS cluster replacing "
                                                         f"{shown}"))
        b.set("resource_group_name", kube_parts.lookup_group(ctx, node.module))
    b.set("name", pool_parts.name(ctx, node, u.expr("name")))
    KF.finish(ctx, node, b, u)


DECLARE: dict[str, Declaring] = reftables.declarings(table()["references"], ("NodePool",))
LOWER: dict[str, Lowering] = {"NodePool": lower_pool}
