"""GKE node pools whose machine type is known only at plan time: the GPUs of a GPU type."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..fit import fit_machine
from ..hclwrite import TfBlock
from ..tfbase.context import Ctx
from . import common as C

# The local map (once per module, in its scaffold file): GPU machine type -> its GPUs.
LOCAL = "gke_gpu_machines"
DRIVER = "LATEST"


def gpu_machines(ctx: Ctx) -> dict[str, tuple[str, int]]:
    """The machine types of gke/machine_types.json that come with GPUs (G2, A2, A3): the
    accelerator and count guest_accelerator must repeat to get the driver installed."""
    types = ctx.tables.machine_types.get("machine_types", {})
    return {k: (str(v["gpu"]["accelerator"]), int(v["gpu"]["count"]))
            for k, v in sorted(types.items())
            if v.get("gpu") and not v["gpu"].get("attached")}


def attached_flavors(ctx: Ctx) -> list[str]:
    """The OVH flavors the mapping gives an N1 machine with attached GPUs: their machine type
    alone does not say it has GPUs, the plan-time block cannot add them."""
    flavors = ctx.tables.ovh_flavors.get("instance", {})
    out = []
    for name, row in sorted(flavors.items()):
        fit = fit_machine(row, ctx.tables) if isinstance(row, dict) and row.get("gpu") else None
        if fit is not None and fit.attached_gpu:
            out.append(name)
    return out


def _table(machines: dict[str, tuple[str, int]]) -> TfBlock:
    loc = TfBlock("locals", comments=[
        "scaffolding: the GPUs of GKE's GPU machine types, for the node pools whose machine "
        "type is known only at plan time (guest_accelerator must name them for GKE to "
        "install the NVIDIA driver)"])
    loc.set(LOCAL, E.Object(tuple(
        (E.Literal(name), E.Object(((E.Var("type"), E.Literal(accel)),
                                    (E.Var("count"), C.num(count)))))
        for name, (accel, count) in machines.items())))
    return loc


def plan_time(ctx: Ctx, node: N.Resource, pool: K.NodePoolSpec, cfg: TfBlock) -> None:
    """A machine type known only at plan time (a module variable, a for_each value) may be a
    GPU one: without guest_accelerator and its gpu_driver_installation_config GKE installs
    no driver and the GPU pods cannot use the GPUs. A dynamic block adds them when the type
    is one of the GPU types of the table."""
    source, mt = pool.machine.source, cfg.get("machine_type")
    if source is None or pool.machine.known or mt is None or E.str_value(mt) is not None:
        return
    if pool.candidates and all(c.known and c.gpu is None for c in pool.candidates):
        return  # every instance's flavor is known here, none has a GPU
    machines = gpu_machines(ctx)
    if not machines:
        return
    ctx.scaffold(LOCAL, node.module, lambda: _table(machines))
    table = E.ref(f"local.{LOCAL}")
    dyn = cfg.block("dynamic", "guest_accelerator", comment="the GPUs and their driver when "
                    "the machine type is a GPU one (known at plan time)")
    dyn.set("for_each", E.Conditional(E.Call("contains", (E.Call("keys", (table,)), mt)),
                                      E.Tuple((E.Index(table, mt),)), E.Tuple(())))
    content = dyn.block("content")
    content.set("type", E.ref("guest_accelerator.value.type"))
    content.set("count", E.ref("guest_accelerator.value.count"))
    content.block("gpu_driver_installation_config").set("gpu_driver_version",
                                                        E.Literal(DRIVER))
    attached = attached_flavors(ctx)
    n1 = (f"; an N1 machine type gets no GPU this way: for the OVH flavors GKE maps to N1 "
          f"with attached GPUs ({', '.join(attached)}) write a guest_accelerator block with "
          "the accelerator and count of their mapping") if attached else ""
    ctx.sink.add("IT301", source.span or node.span,
                 f"the machine type of {node.address} is known only at plan time: a dynamic "
                 f"guest_accelerator block gives a G2/A2/A3 type its GPUs and the NVIDIA "
                 f"driver (gpu_driver_installation_config {DRIVER}) from local.{LOCAL} "
                 f"(gke/machine_types.json){n1}",
                 "GKE taints the GPU nodes (nvidia.com/gpu=present:NoSchedule) and gives the "
                 "pods that request nvidia.com/gpu its toleration")
