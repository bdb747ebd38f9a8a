"""GKE lowering of node pools: sizing, zones, machine types (with GPUs), labels and taints."""

from __future__ import annotations

from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N

from ..fit import fit_machine, ovh_flavor
from ..hclwrite import TfBlock
from ..tfbase import passthrough as P
from ..tfbase.context import Ctx
from ..tfbase.refs import RefTarget
from ..tfbase.use import Use
from ..tfbase.values import literal_str, map_value
from . import common as C
from . import harden, template
from .network import _meta_only, instance_key

CLUSTER = "google_container_cluster"
POOL = "google_container_node_pool"
_EFFECTS = {"NoSchedule": "NO_SCHEDULE", "PreferNoSchedule": "PREFER_NO_SCHEDULE",
            "NoExecute": "NO_EXECUTE"}


def declare_pool(ctx: Ctx, node: N.Resource) -> RefTarget:
    return RefTarget(C.self_ref(POOL, node), {
        "name": "{self}.name", "flavor_name": "{self}.node_config[0].machine_type",
        "flavor": "{self}.node_config[0].machine_type", "desired_nodes": "{self}.node_count",
        "kube_id": "{self}.cluster"})


def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        ctx.sink.add("IT310", node.span, f"{node.address} is an OVH lookup with no GKE "
                     "counterpart; it is omitted")
        return
    u = Use(ctx, node, POOL)
    b = TfBlock("resource", (POOL, node.name))
    b.set("name", C.name_value(node, u.expr("name")))
    kube_raw = u.field("cluster")
    cluster = ctx.resolve(kube_raw, node.module)
    cluster_ref = ctx.rewrite(kube_raw, node.module) if kube_raw else None
    b.set("cluster", cluster_ref)
    t = E.traversal(E.unwrap(cluster_ref)) if cluster_ref is not None else None
    if t and t[0] == CLUSTER and t[1][-1] == ("attr", "id"):
        # Same cluster (instance keys included), its location instead of its id.
        b.set("location", E.build_traversal(t[0], t[1][:-1] + [("attr", "location")]))
    _locations(ctx, node, u, b, cluster)
    _size(ctx, node, u, b)
    cfg = b.block("node_config")
    _machine(ctx, node, u, cfg)
    if template.is_dynamic(node):
        # `dynamic "template"`: labels and taints become expressions over the same for_each.
        u.raw("template")
        cfg.set("labels", template.labels(ctx, node))
        template.taints(ctx, node, cfg, _effect(ctx, E.ref("taint.value.effect"), node))
        template.dropped(ctx, node)
    else:
        labels = u.field("labels")
        if labels is not None:
            cfg.set("labels", ctx.rewrite(labels, node.module))
        _taints(ctx, node, u, cfg)
    cfg.set("oauth_scopes", C.strings(["https://www.googleapis.com/auth/cloud-platform"]))
    harden.node_identity(ctx, node, cfg, cluster if cluster is not None else node)
    mgmt = b.block("management")
    mgmt.set("auto_repair", E.Literal(True))
    policy = literal_str(cluster.get("update_policy"), cluster, ctx) if cluster else None
    mgmt.set("auto_upgrade", E.Literal(policy != "NEVER_UPDATE"))
    if policy == "MINIMAL_DOWNTIME":
        up = b.block("upgrade_settings")
        up.set("max_surge", C.num(1))
        up.set("max_unavailable", C.num(0))
    u.drop("template.metadata.annotations",
           "GKE node pools cannot set Kubernetes node annotations")
    u.drop("template.metadata.finalizers", "GKE node pools cannot set node finalizers")
    unsched = u.field("unschedulable")
    if isinstance(unsched, E.Literal) and unsched.value is True:
        ctx.sink.add("IT302", unsched.span, "unschedulable pools do not exist on GKE; cordon the "
                     "nodes (kubectl cordon) after creation")
    u.drop("monthly_billed", "GKE bills per second; use committed-use discounts at account level")
    u.drop("anti_affinity", "GKE has no hypervisor anti-affinity for node pools")
    for k in ("autoscaling_scale_down_unneeded_time_seconds",
              "autoscaling_scale_down_unready_time_seconds",
              "autoscaling_scale_down_utilization_threshold"):
        u.drop(k, "GKE tunes scale-down cluster-wide (cluster_autoscaling.autoscaling_profile)")
    fip = N.first_object(u.raw("attach_floating_ips"))
    if fip is not None and isinstance(E.obj_get(fip, "enabled"), E.Literal):
        if E.obj_get(fip, "enabled") == E.Literal(True):
            ctx.sink.add("IT301", fip.span, "attach_floating_ips: GKE nodes get public IPs unless "
                         "the cluster has private nodes")
    P.place(ctx, node, b, u.raw("timeouts"))
    u.done()


def _locations(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock,
               cluster: N.Resource | None) -> None:
    zones = u.field("zones")
    if zones is not None:
        b.set("node_locations", C.map_zone(ctx, node, zones))
        return
    zone = C.first_zone(ctx, cluster, cluster.get("region")) if cluster else None
    note = "one zone, like the OVH pool; add zones to spread nodes (counts are per zone)"
    if zone is not None:
        b.set("node_locations", E.Tuple((zone,)), note)
        return
    location = b.get("location")
    if location is None:
        return
    # The region is only known at plan time: pick its first zone with a lookup, or a regional
    # cluster would run the pool's node count in every zone.
    lookup = TfBlock("data", ("google_compute_zones", node.name),
                     comments=[f"scaffolding: zones of the region of {node.address}"])
    lookup.set("region", location)
    P.emit_meta(ctx, lookup, _meta_only(node), {})
    ctx.emit(node.span, lookup)
    names: E.Expr = E.ref(f"data.google_compute_zones.{node.name}")
    key = instance_key(node)
    if key is not None:
        names = E.Index(names, key)
    b.set("node_locations", E.Tuple((E.Index(E.GetAttr(names, "names"), C.num(0)),)), note)
    ctx.sink.add("IT307", node.span, f"{node.address}: the region comes from an expression; a "
                 "zones lookup pins the pool to one zone so node counts keep their OVH meaning")


def _size(ctx: Ctx, node: N.Resource, u: Use, b: TfBlock) -> None:
    autoscale = u.raw("autoscale")
    desired = u.expr("desired_nodes")
    lo, hi = u.expr("min_nodes"), u.expr("max_nodes")
    if autoscale is None or (isinstance(autoscale, E.Literal) and autoscale.value is False):
        b.set("node_count", desired if desired is not None else C.num(1))
        if lo is not None or hi is not None:
            ctx.sink.add("IT302", u.span("min_nodes" if lo is not None else "max_nodes"),
                         f"min/max nodes of {node.address} only apply with autoscale; ignored")
        return
    scaling = TfBlock("autoscaling")
    scaling.set("total_min_node_count", lo if lo is not None else C.num(0))
    scaling.set("total_max_node_count", hi if hi is not None else C.num(100))
    scaling.set("location_policy", E.Literal("BALANCED"))
    if isinstance(autoscale, E.Literal):
        if desired is not None:
            b.set("initial_node_count", desired)
        b.items.append(scaling)
        return
    # A computed switch: keep both behaviours behind the same condition.
    cond = ctx.rewrite(autoscale, node.module)
    b.set("node_count", E.Conditional(cond, E.Literal(None), desired or C.num(1)))
    dyn = b.block("dynamic", "autoscaling")
    dyn.set("for_each", E.Conditional(cond, E.Tuple((C.num(1),)), E.Tuple()))
    content = dyn.block("content")
    content.items.extend(scaling.items)


def _machine(ctx: Ctx, node: N.Resource, u: Use, cfg: TfBlock) -> None:
    flavor_raw = u.field("flavor")
    name = literal_str(flavor_raw, node, ctx)
    spec = ovh_flavor(name, ctx.tables) if name else None
    fit = fit_machine(spec, ctx.tables) if spec else None
    cfg.set("machine_type", map_value(flavor_raw, node, ctx, "flavor",
                                      lambda s: C.machine_of(ctx, s)))
    if fit is None or spec is None:
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


def _taints(ctx: Ctx, node: N.Resource, u: Use, cfg: TfBlock) -> None:
    taints = u.field("taints")
    if taints is None:
        return
    if isinstance(taints, E.Tuple) and all(isinstance(t, E.Object) for t in taints.items):
        for t in taints.items:
            assert isinstance(t, E.Object)
            tb = cfg.block("taint")
            tb.set("key", ctx.rewrite(E.obj_get(t, "key") or E.Literal(""), node.module))
            value = E.obj_get(t, "value")
            if value is not None:
                tb.set("value", ctx.rewrite(value, node.module))
            tb.set("effect", _effect(ctx, E.obj_get(t, "effect"), node))
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
