"""GKE lowering of node pools: sizing, zones, machine types (with GPUs), labels and taints."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..fit import fit_machine, ovh_flavor
from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase import spec_use
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use, is_empty
from ..tfbase.values import map_value
from . import common as C
from . import harden, nodepool_gpu, template, zones

CLUSTER = "google_container_cluster"
POOL = "google_container_node_pool"
_EFFECTS = {"NoSchedule": "NO_SCHEDULE", "PreferNoSchedule": "PREFER_NO_SCHEDULE",
            "NoExecute": "NO_EXECUTE"}


def declare_pool(ctx: Ctx, node: N.Resource) -> RefTarget:
    if node.mode == "data":
        return RefTarget(None)  # omitted (IT310): its attributes have nothing to read on GKE
    return RefTarget(C.self_ref(POOL, node), {
        "name": "{self}.name", "flavor_name": "{self}.node_config[0].machine_type",
        "flavor": "{self}.node_config[0].machine_type", "desired_nodes": "{self}.node_count",
        "kube_id": "{self}.cluster"})


def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        ctx.sink.add("IT310", node.span, f"{node.address} is an OVH lookup with no GKE "
                     "counterpart; it is omitted")
        return
    spec = K.read_pool(ctx, node)
    u = Use(ctx, node, POOL)
    spec_use.consume(u, "kube")
    b = TfBlock("resource", (POOL, node.name))
    b.set("name", C.name_value(node, _rw(ctx, node, spec.name.source)))
    cluster = ctx.resolve(spec.cluster, node.module)
    cluster_ref = _rw(ctx, node, spec.cluster)
    b.set("cluster", cluster_ref)
    t = E.traversal(E.unwrap(cluster_ref)) if cluster_ref is not None else None
    if t and t[0] == CLUSTER and t[1][-1] == ("attr", "id"):
        # Same cluster (instance keys included), its location instead of its id.
        b.set("location", E.build_traversal(t[0], t[1][:-1] + [("attr", "location")]))
    _locations(ctx, node, spec, b, cluster)
    _size(ctx, node, spec, b)
    cfg = b.block("node_config")
    _machine(ctx, node, spec, cfg)
    if spec.dynamic_template:
        # `dynamic "template"`: labels and taints become expressions over the same for_each.
        cfg.set("labels", template.labels(ctx, node))
        template.taints(ctx, node, cfg, _effect(ctx, E.ref("taint.value.effect"), node))
        template.dropped(ctx, node)
    else:
        if spec.labels.source is not None:
            cfg.set("labels", ctx.rewrite(spec.labels.source, node.module))
        _taints(ctx, node, spec, cfg)
    cfg.set("oauth_scopes", C.strings(["https://www.googleapis.com/auth/cloud-platform"]))
    harden.node_identity(ctx, node, cfg, cluster if cluster is not None else node)
    mgmt = b.block("management")
    mgmt.set("auto_repair", E.Literal(True))
    policy = K.read_cluster(ctx, cluster).update.policy if cluster else None
    mgmt.set("auto_upgrade", E.Literal(policy is not K.UpdatePolicy.NEVER))
    if policy is K.UpdatePolicy.MINIMAL_DOWNTIME:
        up = b.block("upgrade_settings")
        up.set("max_surge", C.num(1))
        up.set("max_unavailable", C.num(0))
    _dropped(ctx, node, spec)
    P.place(ctx, node, b, u.raw("timeouts"))
    u.done()


def _rw(ctx: Ctx, node: N.Resource, e: E.Expr | None) -> E.Expr | None:
    return ctx.rewrite(e, node.module) if e is not None else None


def _drop(ctx: Ctx, node: N.Resource, value: E.Expr | None, path: str, why: str) -> None:
    if value is not None and not is_empty(value):
        ctx.sink.add("IT302", value.span or node.span,
                     f"`{path}` of {node.address} is not translated: {why}")


def _dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec) -> None:
    _drop(ctx, node, spec.annotations, "template.metadata.annotations",
          "GKE node pools cannot set Kubernetes node annotations")
    _drop(ctx, node, spec.finalizers, "template.metadata.finalizers",
          "GKE node pools cannot set node finalizers")
    un = spec.unschedulable
    if isinstance(un, E.Literal) and un.value is True:
        ctx.sink.add("IT302", un.span, "unschedulable pools do not exist on GKE; cordon the "
                     "nodes (kubectl cordon) after creation")
    _drop(ctx, node, spec.monthly_billed, "monthly_billed",
          "GKE bills per second; use committed-use discounts at account level")
    _drop(ctx, node, spec.anti_affinity, "anti_affinity",
          "GKE has no hypervisor anti-affinity for node pools")
    sd = spec.sizing.scale_down
    for value, path in ((sd.unneeded_seconds, "autoscaling_scale_down_unneeded_time_seconds"),
                        (sd.unready_seconds, "autoscaling_scale_down_unready_time_seconds"),
                        (sd.utilization, "autoscaling_scale_down_utilization_threshold")):
        _drop(ctx, node, value, path,
              "GKE tunes scale-down cluster-wide (cluster_autoscaling.autoscaling_profile)")
    if spec.floating_ips is True and spec.floating_ips_source is not None:
        ctx.sink.add("IT301", spec.floating_ips_source.span, "attach_floating_ips: GKE nodes "
                     "get public IPs unless the cluster has private nodes")


def _locations(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
               cluster: N.Resource | None) -> None:
    if spec.zones is not None:
        b.set("node_locations", C.map_zone(ctx, node, spec.zones))
        return
    region = K.read_cluster(ctx, cluster).location.source if cluster else None
    # A region from a variable is only its default: the caller may pass another region, where
    # a zone written from the default does not exist; the zones lookup below follows it.
    zone = C.first_zone(ctx, cluster, region) if cluster and not zones.from_variable(region) \
        else None
    note = "one zone, like the OVH pool; add zones to spread nodes (counts are per zone)"
    if zone is not None:
        b.set("node_locations", E.Tuple((zone,)), note)
        return
    location = b.get("location")
    if location is None:
        return
    # The region is only known at plan time: pick its first zone with a lookup, or a regional
    # cluster would run the pool's node count in every zone.
    zone = zones.first_zone(ctx, node, location, f"zones of the region of {node.address}")
    b.set("node_locations", E.Tuple((zone,)), note)
    ctx.sink.add("IT307", node.span, f"{node.address}: the region comes from an expression; a "
                 "zones lookup pins the pool to one zone so node counts keep their OVH meaning")


def _size(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> None:
    s = spec.sizing
    autoscale = s.switch
    desired, lo, hi = _rw(ctx, node, s.desired), _rw(ctx, node, s.min), _rw(ctx, node, s.max)
    if s.mode is K.SizingMode.FIXED:
        b.set("node_count", desired if desired is not None else C.num(1))
        if lo is not None or hi is not None:
            raw = s.min if s.min is not None else s.max
            ctx.sink.add("IT302", raw.span if raw is not None and raw.span else
                         node.arg_span("min_nodes" if s.min is not None else "max_nodes"),
                         f"min/max nodes of {node.address} only apply with autoscale; ignored")
        return
    scaling = TfBlock("autoscaling")
    scaling.set("total_min_node_count", lo if lo is not None else C.num(0))
    scaling.set("total_max_node_count", hi if hi is not None else C.num(100))
    scaling.set("location_policy", E.Literal("BALANCED"))
    if s.mode is K.SizingMode.AUTOSCALED:
        if desired is not None:
            b.set("initial_node_count", desired)
        b.items.append(scaling)
        return
    # A computed switch: keep both behaviours behind the same condition.
    assert autoscale is not None
    cond = ctx.rewrite(autoscale, node.module)
    b.set("node_count", E.Conditional(cond, E.Literal(None), desired or C.num(1)))
    dyn = b.block("dynamic", "autoscaling")
    dyn.set("for_each", E.Conditional(cond, E.Tuple((C.num(1),)), E.Tuple()))
    content = dyn.block("content")
    content.items.extend(scaling.items)


def _machine(ctx: Ctx, node: N.Resource, pool: K.NodePoolSpec, cfg: TfBlock) -> None:
    flavor_raw, name = pool.machine.source, pool.machine.flavor
    spec = ovh_flavor(name, ctx.tables) if name else None
    fit = fit_machine(spec, ctx.tables) if spec else None
    cfg.set("machine_type", map_value(flavor_raw, node, ctx, "flavor",
                                      lambda s: C.machine_of(ctx, s)))
    if fit is None or spec is None:
        nodepool_gpu.plan_time(ctx, node, pool, cfg)
        return
    if fit.quality != "exact" and not fit.gpu_model:
        ctx.sink.add("IT301", flavor_raw.span if flavor_raw else node.span,
                     f"flavor `{name}` ({spec['vcpu']} vCPU, {spec['ram_gb']} GB) has no exact "
                     f"match; {fit.machine_type} has {fit.vcpu:g} vCPU, {fit.ram_gb:g} GB")
    if fit.gpu_model:
        gpu = spec["gpu"]
        if fit.quality != "exact" or fit.gpu_model != gpu["model"]:
            ctx.sink.add("IT311", flavor_raw.span if flavor_raw else node.span,
                         f"flavor `{name}` has {gpu['count']}x {gpu['model']}; GKE uses "
                         f"{fit.machine_type} with {fit.gpu_count}x {fit.gpu_model}",
                         fit.note)
        acc = cfg.block("guest_accelerator")
        acc.set("type", E.Literal(fit.accelerator))
        acc.set("count", C.num(fit.gpu_count))
        acc.block("gpu_driver_installation_config").set("gpu_driver_version",
                                                        E.Literal("LATEST"))


def _taints(ctx: Ctx, node: N.Resource, pool: K.NodePoolSpec, cfg: TfBlock) -> None:
    taints = pool.taints.source
    if taints is None:
        return
    if pool.taints.written is K.Written.LITERAL:
        for t in pool.taints.items:
            tb = cfg.block("taint")
            tb.set("key", ctx.rewrite(t.key, node.module))
            if t.value is not None:
                tb.set("value", ctx.rewrite(t.value, node.module))
            tb.set("effect", _effect(ctx, t.effect_source, node))
        return
    dyn = cfg.block("dynamic", "taint")
    dyn.set("for_each", ctx.rewrite(taints, node.module))
    content = dyn.block("content")
    content.set("key", E.ref("taint.value.key"))
    content.set("value", E.Call("lookup", (E.ref("taint.value"), E.Literal("value"),
                                           E.Literal(None))))
    content.set("effect", _effect(ctx, E.ref("taint.value.effect"), node))


def _effect(ctx: Ctx, effect: E.Expr | None, node: N.Resource) -> E.Expr:
    s = E.str_value(effect)
    if s is not None and s in _EFFECTS:
        return E.Literal(_EFFECTS[s])
    table = E.Object(tuple((E.Var(k), E.Literal(v)) for k, v in _EFFECTS.items()))
    return E.Index(table, ctx.rewrite(effect or E.Literal("NoSchedule"), node.module))
