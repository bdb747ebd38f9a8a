"""EKS lowering of OVH node pools as managed node groups: sizing, instance types, labels, taints."""

from __future__ import annotations

import re

from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..hclwrite import TfBlock
from ..tfbase import dropped, dyntemplate, reftables
from ..tfbase import kube_family as KF
from ..tfbase import kube_lifecycle as L
from ..tfbase.context import Ctx
from ..tfbase.driver import Declaring, Lowering
from ..tfbase.values import map_value
from . import cluster_iam, network
from . import common as C
from .cluster import place
from .placement import note, platform, shape

GROUP = "aws_eks_node_group"
def lower_pool(ctx: Ctx, node: N.Resource) -> None:
    if node.mode == "data":
        return _data_pool(ctx, node)
    spec, u, cluster, b = KF.start_pool(ctx, node, GROUP)
    name = _cluster_name(ctx, node, spec)
    b.set("cluster_name", name)
    t = E.traversal(name) if name is not None else None
    if cluster is not None and t and cluster_iam.cluster_region(ctx, cluster) is not None:
        b.set("region", E.build_traversal(t[0], t[1][:-1] + [("attr", "region")]))
    b.set("node_group_name", C.name_value(node, u.expr("name")))
    b.set("node_role_arn", cluster_iam.node_role(ctx, cluster if cluster is not None else node))
    b.set("subnet_ids", _subnets(ctx, node, spec, cluster) if cluster is not None or
          name is None else _cluster_subnets(ctx, node, spec, name))
    gpu, gpu_test = _machine(ctx, node, spec, b)
    _scaling(ctx, node, spec, b)
    _labels_taints(ctx, node, spec, b, gpu)
    if gpu_test is not None:
        _gpu_at_plan_time(ctx, node, spec, b, gpu_test)
    shape(b, "pool_update", node, surge=KF.minimal_downtime(ctx, cluster))
    _dropped(ctx, node, spec)
    owner = cluster if cluster is not None else node
    place(ctx, node, b, u)
    depends = cluster_iam.node_attachments(owner).items + _cni(ctx, cluster)
    if depends:  # after the source's own depends_on entries
        old = b.get("depends_on")
        items = old.items if isinstance(old, E.Tuple) else (old,) if old is not None else ()
        b.set("depends_on", E.Tuple(tuple(items) + depends))
    if spec.sizing.mode is not K.SizingMode.FIXED:
        # The autoscaler owns desired_size: Terraform must not reset it.
        L.ignore(b, ("scaling_config[0].desired_size",))
    u.done()


def _cni(ctx: Ctx, cluster: N.Resource | None) -> tuple[E.Expr, ...]:
    """Nodes only become Ready with the VPC CNI: the add-on comes first (the cluster skips
    its self-managed defaults)."""
    if cluster is None or ctx.primary.get(ctx.key_of(cluster)) is None:
        return ()
    return (E.ref(f"aws_eks_addon.{cluster.name}_vpc_cni"),)


def _data_pool(ctx: Ctx, node: N.Resource) -> None:
    """A node pool looked up by cluster and name: the node group of that name."""
    spec, u, cluster, b = KF.start_pool(ctx, node, GROUP)
    name = _cluster_name(ctx, node, spec)
    if cluster is None or cluster.KIND != "Cluster":
        shown = E.str_value(spec.cluster) or "the OVH cluster"
        note(ctx, "pool.cluster_by_ovh_id",
             spec.cluster.span if spec.cluster is not None else node.span, address=node.address,
             shown=shown)
        if name is None or E.str_value(name) is not None:
            name = E.Literal(f"TODO(IT308): name of the EKS cluster replacing {shown}")
    b.set("cluster_name", name)
    b.set("node_group_name", u.expr("name") or E.Literal(node.name))
    KF.finish(ctx, node, b, u)


def _cluster_name(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec) -> E.Expr | None:
    if spec.cluster is None:
        return None
    out = ctx.rewrite(spec.cluster, node.module)
    t = E.traversal(E.unwrap(out))
    if t and t[0] == "aws_eks_cluster" and t[1] and t[1][-1] == ("attr", "id"):
        # The same cluster (instance keys kept): its name reads better than its id (equal).
        return E.build_traversal(t[0], t[1][:-1] + [("attr", "name")])
    return out


def _cluster_subnets(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
                     name: E.Expr) -> E.Expr:
    """A pool whose cluster is not declared here (a module given its id): the subnets of
    that cluster, looked up by name (OVH places a pool in its cluster's network; the default
    VPC's subnets would be another VPC, which EKS refuses)."""
    if any((t := E.traversal(sub)) and t[0] in ("each", "count") for sub in E.walk(name)):
        ctx.sink.add("IT308", node.span, f"the cluster of {node.address} is not declared "
                     "here and differs per instance: its node groups get the default VPC's "
                     "subnets, which EKS refuses unless that is the cluster's VPC",
                     "set subnet_ids to the subnets of each instance's cluster")
        return _subnets(ctx, node, spec, None)  # (one lookup per instance: not written)
    shown = to_hcl(name)
    label = f"{node.name}_cluster"
    def lookup() -> TfBlock:
        d = TfBlock("data", ("aws_eks_cluster", label), comments=[
            "scaffolding: the cluster this module's node groups join, for its subnets"])
        d.set("name", name)
        return d
    got = ctx.scaffold(f"aws_eks_cluster|{shown}", node.module, lookup)
    if spec.zones is not None:
        note(ctx, "pool.zones_warned", spec.zones.span or node.span, address=node.address)
    return E.ref(f"data.aws_eks_cluster.{got.labels[1]}.vpc_config[0].subnet_ids")


def _subnets(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
             cluster: N.Resource | None) -> E.Expr:
    ref = None
    if cluster is not None:
        cs = K.read_cluster(ctx, cluster)
        ref = cs.nodes_subnet if cs.nodes_subnet is not None else cs.network
    subnets = network.private_subnet_ids(ctx, cluster if cluster is not None else node, ref)
    if spec.zones is None:
        return subnets
    pinned = _zone_subnets(ctx, node, spec.zones, subnets)
    if pinned is None:
        note(ctx, "pool.zones_warned", spec.zones.span or node.span, address=node.address)
        return subnets
    note(ctx, "pool.zones_pinned", spec.zones.span or node.span, address=node.address,
         subnets=", ".join(to_hcl(e) for e in pinned.items))
    return pinned


def _text(ctx: Ctx, node: N.Resource, e: E.Expr) -> str | None:
    """A literal, also an item of a local list (`local.zones[2]`), which ctx.literal skips."""
    text, t = ctx.literal(e, node), E.traversal(e)
    if text is not None or not (t and t[0] == "local" and len(t[1]) == 2):
        return text
    defs = ctx.by_module.locals.get((node.module, str(t[1][0][1]))) or []
    kind, i = t[1][1]
    items = defs[0].items if len(defs) == 1 and isinstance(defs[0], E.Tuple) else ()
    n = i.value if isinstance(i, E.Literal) and isinstance(i.value, int) else -1
    return E.str_value(items[n]) if kind == "index" and 0 <= n < len(items) else None


def _zone_subnets(ctx: Ctx, node: N.Resource, zones: E.Expr,
                  subnets: E.Expr) -> E.Tuple | None:
    """The private subnets of the pool's OVH zones: the network's subnets are one per zone
    letter (`<subnet>_a`, `_b`, `_c`, each in its own AWS zone), so a pool pinned to
    eu-west-par-c runs in the zone-c subnets, apart from the pools of zones a and b. None
    when a zone or a subnet's zone is not known here."""
    items = zones.items if isinstance(zones, E.Tuple) else ()
    letters = [re.fullmatch(r".+-([a-z])", _text(ctx, node, z) or "") for z in items]
    if not items or not all(letters) or not isinstance(subnets, E.Tuple):
        return None
    by_letter: dict[str, list[E.Expr]] = {}
    for e in subnets.items:
        t = E.traversal(e)
        label = str(t[1][0][1]) if t and t[0] == "aws_subnet" and t[1] else ""
        if not re.fullmatch(r".+_[a-z]", label):
            return None
        by_letter.setdefault(label[-1], []).append(e)
    wanted = {m.group(1) for m in letters if m}
    if not wanted <= by_letter.keys():
        return None
    return E.Tuple(tuple(e for z in sorted(wanted) for e in by_letter[z]))


def _machine(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
             b: TfBlock) -> tuple[bool, E.Expr | None]:
    """instance_types and ami_type; True when the nodes have GPUs, and the plan-time test
    of a GPU instance type when the flavor is known only then."""
    source = spec.machine.source
    mapped = map_value(source, node, ctx, "flavor", lambda s: C.instance_type_of(ctx, s))
    if mapped is not None:
        b.set("instance_types", E.Tuple((mapped,)))
    machines = [spec.machine] if spec.machine.known else list(spec.candidates)
    gpu = any(m.gpu is not None for m in machines)
    amis = platform()["node_groups"]["ami_type"]
    test = None if gpu or spec.machine.known or spec.candidates or source is None \
        else _gpu_type_test(ctx, mapped)
    if test is not None:
        b.set("ami_type", E.Conditional(test, E.Literal(amis["gpu"]), E.Literal(amis["cpu"])),
              "the NVIDIA AMI when the instance type is a GPU one (known at plan time)")
    else:
        b.set("ami_type", E.Literal(amis["gpu" if gpu else "cpu"]), None if spec.machine.known
              or gpu else f"the flavor is computed: a GPU flavor needs {amis['gpu']}")
    m = spec.machine
    fit = C.fit_of(ctx, m) if m.known else None
    span = source.span if source is not None and source.span else node.span
    if fit is not None and fit.quality != "exact" and not fit.gpu_model:
        note(ctx, "pool.flavor_approximate", span, flavor=m.flavor, vcpu=m.vcpu, ram_gb=m.ram_gb,
             machine_type=fit.machine_type, fit_vcpu=fit.vcpu, fit_ram_gb=fit.ram_gb)
    if gpu:
        note(ctx, "pool.gpu_device_plugin", span, address=node.address)
    return gpu, test


def _gpu_type_test(ctx: Ctx, instance_type: E.Expr | None) -> E.Expr | None:
    """True at plan time when `instance_type` is a GPU type of the mapping: a regex over the
    instance families of eks/machine_types.json's GPU types (g4dn, g5, g6, p3, p4d, p5...)
    when no other type shares a family, else the list of them."""
    if instance_type is None or E.str_value(instance_type) is not None:
        return None
    machines = ctx.tables.machine_types.get("machine_types", {})
    gpu = sorted(k for k, v in machines.items() if v.get("gpu"))
    if not gpu:
        return None
    # `[.]`, not an escaped dot: the same text in HCL, RE2 and Python.
    pattern = "^(" + "|".join(sorted({k.split(".", 1)[0] for k in gpu})) + ")[.]"
    if not any(re.match(pattern, k) for k, v in machines.items() if not v.get("gpu")):
        return E.Call("can", (E.Call("regex", (E.Literal(pattern), instance_type)),))
    return E.Call("contains", (E.Tuple(tuple(E.Literal(k) for k in gpu)), instance_type))


def _gpu_at_plan_time(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
                      test: E.Expr) -> None:
    """A flavor known only at plan time (a module variable, a for_each value) may be a GPU
    one: the GPU taint then, as GPU node groups of known flavors get, so that only the GPU
    pods (which tolerate it) land there."""
    taint = platform()["node_groups"]["gpu_taint"]
    source = spec.machine.source
    said = f"ami_type is {platform()['node_groups']['ami_type']['gpu']}"
    if not any(E.str_value(t.key) == taint["key"] for t in spec.taints.items):
        dyn = b.block("dynamic", "taint", comment="the GPU taint when the instance type is "
                      "a GPU one (known at plan time)")
        dyn.set("for_each", E.Conditional(test, E.Tuple((C.num(1),)), E.Tuple(())))
        content = dyn.block("content")
        for k in ("key", "value", "effect"):
            content.set(k, E.Literal(taint[k]))
        said += f" and the taint {taint['key']}={taint['value']}:{taint['effect']} (which " \
            "the GPU pods tolerate) is added"
    ctx.sink.add("IT301", source.span if source is not None and source.span else node.span,
                 f"the instance type of {node.address} is known only at plan time: {said} "
                 "when it is one of the GPU instance types of the mapping "
                 "(eks/machine_types.json: its GPU families); the NVIDIA device plugin is "
                 "still to install",
                 "install the NVIDIA device plugin Helm chart (or the GPU Operator with "
                 "driver and toolkit disabled) so pods can request nvidia.com/gpu")


def _scaling(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock) -> None:
    s = spec.sizing
    rw = (lambda e: ctx.rewrite(e, node.module))  # noqa: E731
    unset = platform()["node_groups"]["scaling"]  # what OVH leaves unset
    desired = rw(s.desired) if s.desired is not None else None
    lo = rw(s.min) if s.min is not None else C.num(unset["min"])
    hi = rw(s.max) if s.max is not None else C.num(unset["max"])
    d = desired if desired is not None else C.num(unset["desired"])
    if s.mode is K.SizingMode.FIXED:
        sc = b.block("scaling_config", comment="a fixed size: min = max = desired")
        sc.set("desired_size", d)
        sc.set("min_size", d)
        # max_size must be at least 1, even for a pool of 0 nodes.
        sc.set("max_size", _at_least_one(d))
        if s.min is not None or s.max is not None:
            note(ctx, "pool.min_max_fixed", (s.min or s.max).span or node.span,
                 address=node.address)
        return
    start = desired if desired is not None else lo
    sc = b.block("scaling_config")
    at = s.switch.span if s.switch is not None and s.switch.span else node.span
    if s.mode is K.SizingMode.AUTOSCALED:
        sc.set("desired_size", start)
        sc.set("min_size", lo)
        sc.set("max_size", hi)
        note(ctx, "pool.autoscaled", at, address=node.address)
        return
    on = rw(s.switch) if s.switch is not None else E.Literal(True)
    sc.set("desired_size", d if start == d else E.Conditional(on, start, d))
    sc.set("min_size", E.Conditional(on, lo, d))
    sc.set("max_size", E.Conditional(on, hi, _at_least_one(d)))
    note(ctx, "pool.autoscale_computed", at, address=node.address)


def _at_least_one(d: E.Expr) -> E.Expr:
    """max_size must be at least 1, even for a pool of 0 nodes."""
    if isinstance(d, E.Literal) and isinstance(d.value, (int, float)) and \
            not isinstance(d.value, bool):
        return C.num(max(int(d.value), 1))
    return E.Call("max", (d, C.num(1)))


def _labels_taints(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
                   gpu: bool) -> None:
    table = platform()["node_groups"]
    effects = table["taint_effects"]
    effect_table = E.Object(tuple((E.Var(k.value), E.Literal(effects[k.value]))
                                  for k in K.TaintEffect))
    computed_effect = E.Index(effect_table, E.ref("taint.value.effect"))
    if spec.dynamic_template:
        b.set("labels", dyntemplate.labels(ctx, node))
        dyntemplate.taints(ctx, node, b, computed_effect)
        dyntemplate.dropped(ctx, node, {k.rsplit(".", 1)[1]: v for k, v in _why().items()
                                        if k.startswith("template.")})
    else:
        if spec.labels.source is not None:
            b.set("labels", ctx.rewrite(spec.labels.source, node.module))
        t = spec.taints
        if t.written is K.Written.LITERAL:
            for taint in t.items:
                tb = b.block("taint")
                tb.set("key", ctx.rewrite(taint.key, node.module))
                if taint.value is not None:
                    tb.set("value", ctx.rewrite(taint.value, node.module))
                tb.set("effect", E.Literal(effects[taint.effect.value]) if taint.effect else
                       E.Index(effect_table, ctx.rewrite(taint.effect_source or
                                                         E.Literal("NoSchedule"), node.module)))
        elif t.written is K.Written.COMPUTED and t.source is not None:
            shape(b, "pool_computed_taints", node, effect=computed_effect,
                  taints=ctx.rewrite(t.source, node.module))
    taint = table["gpu_taint"]
    if gpu and not any(E.str_value(t.key) == taint["key"] for t in spec.taints.items):
        # GKE taints GPU nodes itself; on EKS the node group does, and GPU pods tolerate it.
        shape(b, "pool_gpu_taint", node, **{f"taint_{k}": v for k, v in taint.items()})


def _why() -> dict[str, str]:
    reasons: dict[str, str] = platform()["not_translated"]["node_pool"]
    return reasons


def _dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec) -> None:
    # (EKS has no per-pool scale-down tuning to carry; the diagnostics are sorted)
    KF.report_dropped(ctx, node, spec, set(), _why())
    dropped.report(ctx, node, _why(), (("anti_affinity", spec.anti_affinity),))
    if spec.floating_ips is True:
        src = spec.floating_ips_source
        note(ctx, "pool.floating_ips_private",
             src.span if src is not None and src.span else node.span, address=node.address)


DECLARE: dict[str, Declaring] = reftables.declarings(platform()["references"], ("NodePool",))
LOWER: dict[str, Lowering] = {"NodePool": lower_pool}
