"""Kubernetes lowering steps the AKS and Kapsule clusters and pools share: start, sizing, losses."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K
from iac_translate.compiler.span import Span

from ..hclwrite import TfBlock, todo
from . import dropped, pool_tuning, spec_use
from . import kube_lifecycle as L
from . import passthrough as P
from .context import Ctx
from .fitmap import fit_of, machine_type_of
from .use import Use
from .values import map_value


class Note(Protocol):
    """A target's kube_data.note: the diagnostic `key` of its kube.json at `span`."""

    def __call__(self, ctx: Ctx, key: str, span: Span | None, /, **values: object) -> None: ...


def start_pool(ctx: Ctx, node: N.Resource, tf_type: str
          ) -> tuple[K.NodePoolSpec, Use, N.Resource | None, TfBlock]:
    """The pool's reading, its Use (kube fields consumed), its cluster and its block (a data
    block for a looked-up pool)."""
    data = node.mode == "data"
    spec = K.read_pool(ctx, node)
    u = Use(ctx, node, f"data.{tf_type}" if data else tf_type)
    spec_use.consume(u, "kube")
    cluster = ctx.resolve(spec.cluster, node.module)
    return spec, u, cluster, TfBlock("data" if data else "resource", (tf_type, node.name))


def finish(ctx: Ctx, node: N.Resource, b: TfBlock, u: Use) -> None:
    """Place a looked-up pool or cluster (count/for_each/depends_on carried) and close its Use."""
    P.emit_meta(ctx, b, node, {})
    ctx.emit(node.span, b)
    u.done()


def flavor(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock, attr: str,
           note: Note) -> tuple[bool, Span | None]:
    """`attr`, the machine type of the flavor, with the note when it only approximates it;
    whether the nodes have GPUs, and the span to report them at."""
    source = spec.machine.source
    b.set(attr, map_value(source, node, ctx, "flavor", lambda s: machine_type_of(ctx, s)))
    machines = [spec.machine] if spec.machine.known else list(spec.candidates)
    m = spec.machine
    fit = fit_of(ctx, m) if m.known else None
    span = source.span if source is not None and source.span else node.span
    if fit is not None and fit.quality != "exact" and not fit.gpu_model:
        note(ctx, "pool.flavor_approximate", span, flavor=m.flavor, vcpu=m.vcpu,
             ram_gb=m.ram_gb, machine_type=fit.machine_type, fit_vcpu=fit.vcpu,
             fit_ram_gb=fit.ram_gb)
    return any(x.gpu is not None for x in machines), span


# (on, bound, size) -> the bound of a pool whose autoscaling is known only at plan time
Computed = Callable[[E.Expr, E.Expr, E.Expr], E.Expr]


def sizing(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock,
           names: tuple[str, str, str, str], unset: Mapping[str, Any], note: Note,
           computed: Computed, fixed_switch: bool) -> None:
    """The size, the autoscaling switch and its bounds, named `names` (size, switch, min,
    max); a bound absent takes `unset`; `fixed_switch`: a fixed pool says autoscaling off."""
    s = spec.sizing
    count, switch, low, high = names

    def rw(e: E.Expr | None, default: int) -> E.Expr:
        return ctx.rewrite(e, node.module) if e is not None else E.Literal(default, str(default))
    size = rw(s.desired if s.desired is not None else s.min, unset["desired"])
    lo, hi = rw(s.min, unset["min"]), rw(s.max, unset["max"])
    if s.mode is K.SizingMode.FIXED:
        b.set(count, size)
        if fixed_switch:
            b.set(switch, E.Literal(False))
        bound = s.min if s.min is not None else s.max
        if bound is not None:
            note(ctx, "pool.min_max_fixed", bound.span or node.span, address=node.address)
        return
    b.set(count, size, "the node count at creation; the autoscaler moves it")
    if s.mode is K.SizingMode.AUTOSCALED:
        b.set(switch, E.Literal(True))
        b.set(low, lo)
        b.set(high, hi)
        return
    assert s.switch is not None
    on = ctx.rewrite(s.switch, node.module)
    b.set(switch, on)
    for name, bound in ((low, lo), (high, hi)):
        b.set(name, computed(on, bound, size))
    note(ctx, "pool.autoscale_computed", s.switch.span or node.span, address=node.address)


def report_dropped(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, carried: set[str],
                   why: Mapping[str, str]) -> None:
    """The OVH pool arguments no pool argument carries: the scale-down tuning the cluster's
    autoscaler settings did not take (`carried`), the template metadata, the billing."""
    sd = spec.sizing.scale_down
    dropped.report(ctx, node, why, tuple(
        (k, v) for k, v in (
            ("autoscaling_scale_down_unneeded_time_seconds", sd.unneeded_seconds),
            ("autoscaling_scale_down_unready_time_seconds", sd.unready_seconds),
            ("autoscaling_scale_down_utilization_threshold", sd.utilization))
        if k not in carried) + (
        ("template.metadata.annotations", spec.annotations),
        ("template.metadata.finalizers", spec.finalizers),
        ("template.spec.unschedulable", spec.unschedulable),
        ("monthly_billed", spec.monthly_billed)))


def floating_ips(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, note: Note) -> bool:
    """Whether the nodes get public IPs (OVH floating IPs), with the note saying how."""
    if spec.floating_ips is not True:
        return False
    src = spec.floating_ips_source
    note(ctx, "pool.floating_ips", src.span if src is not None and src.span else node.span,
         address=node.address)
    return True


def minimal_downtime(ctx: Ctx, cluster: N.Resource | None) -> bool:
    """The cluster's update policy brings a new node up before an old one goes."""
    policy = K.read_cluster(ctx, cluster).update.policy if cluster is not None else None
    return policy is K.UpdatePolicy.MINIMAL_DOWNTIME


def tuned(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, cluster: N.Resource | None,
          block_name: str, comment: str, args: tuple[pool_tuning.Arg, ...],
          value: Callable[[str, E.Expr], E.Expr], note: Note) -> set[str]:
    """pool_tuning.merge into the cluster's `block_name`, its notes the target's
    pool.autoscaler_* ones; the OVH arguments it carries."""
    def say(kind: str, span: Span | None, values: dict[str, str]) -> None:
        note(ctx, f"pool.autoscaler_{kind}", span, **values)
    return pool_tuning.merge(ctx, node, spec, cluster, block_name, comment, args, value, say)


def as_text(out: E.Expr, where: str, per: int = 0, unit: str = "") -> E.Expr:
    """`out` as the string a target's autoscaler setting takes: seconds counted in units of
    `per` seconds (rounded up) followed by `unit`, or (no `per`) the value as it is."""
    if isinstance(out, E.Literal) and isinstance(out.value, (int, float)):
        return E.Literal(f"{-(-int(out.value) // per)}{unit}" if per else str(out.value))
    x = to_hcl(out)
    return parse_expression_text(f'"${{{f"ceil({x} / {per})" if per > 1 else x}}}{unit}"',
                                 where)


def lifecycle(ctx: Ctx, node: N.Resource, b: TfBlock, u: Use, timeouts: tuple[str, ...],
              table: Mapping[str, Any]) -> None:
    """Place a pool or cluster: the source lifecycle, its ignore_changes renamed through the
    target's kube table (`table`: its kube.json), with the `timeouts` the type takes."""
    L.place(ctx, node, b, spec_use.timeouts(u, timeouts),
            table["ignore_changes"].get(node.canonical_type or node.type, {}))


def close(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec, b: TfBlock, u: Use,
          timeouts: tuple[str, ...], table: Mapping[str, Any], count: str) -> None:
    """Place the pool (`lifecycle`) and close its Use; an autoscaled pool's node count
    (`count`) is ignored."""
    lifecycle(ctx, node, b, u, timeouts, table)
    if spec.sizing.mode is not K.SizingMode.FIXED:
        # The autoscaler owns the node count: Terraform must not reset it.
        L.ignore(b, (count,))
    u.done()


def start_cluster(ctx: Ctx, node: N.Resource, tf_type: str
                  ) -> tuple[K.ClusterSpec, Use, TfBlock]:
    """The cluster's reading, its Use (kube fields consumed) and its block (a data block for a
    looked-up cluster)."""
    data = node.mode == "data"
    spec = K.read_cluster(ctx, node)
    u = Use(ctx, node, f"data.{tf_type}" if data else tf_type)
    spec_use.consume(u, "kube")
    return spec, u, TfBlock("data" if data else "resource", (tf_type, node.name))


def by_plan(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, values: Mapping[str, str],
            whys: Mapping[str, str], note: Note, chosen: tuple[str, str],
            computed: Mapping[str, object]) -> E.Expr:
    """The target's value (`values`: "standard"/"free") of the OVH plan; a plan not written in
    place (a variable, even with a default) gives a conditional on it (`computed`: the
    note's extra values); the note chosen[0] says a value chosen (as chosen[1])."""
    plan = "standard" if spec.control_plane_ha else "free"
    span = spec.plan.source.span if spec.plan.source is not None else node.span
    if spec.plan.source is not None and E.str_value(spec.plan.source) is None:
        note(ctx, "cluster.plan_computed", span, address=node.address, **computed)
        return E.Conditional(E.Binary("==", ctx.rewrite(spec.plan.source, node.module),
                                      E.Literal("standard")),
                             E.Literal(values["standard"]), E.Literal(values["free"]))
    if spec.control_plane_ha is None:
        note(ctx, "cluster.plan_unknown", span, address=node.address)
    elif spec.plan.source is not None:
        note(ctx, chosen[0], span, plan=plan, address=node.address,
             **{chosen[1]: values[plan]}, why=whys[plan])
    return E.Literal(values[plan])


def not_translated(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, why: Mapping[str, str],
                   note: Note) -> None:
    """The kube-proxy mode and the Cilium and kube-proxy customizations, which neither
    cluster takes."""
    if spec.kube_proxy.source is not None:
        note(ctx, "cluster.kube_proxy_mode", spec.kube_proxy.source.span or node.span,
             address=node.address)
    dropped.report(ctx, node, why, (
        ("customization_cilium", spec.cilium),
        ("customization_kube_proxy", spec.kube_proxy.tuning)))


def lb_subnet(ctx: Ctx, node: N.Resource, spec: K.ClusterSpec, note: Note) -> None:
    """A load-balancer subnet other than the nodes' one: the load balancers go to the nodes'."""
    lb = spec.lb_subnet
    if lb is not None and (spec.nodes_subnet is None or
                           ctx.resolve(lb, node.module) is not ctx.resolve(spec.nodes_subnet,
                                                                           node.module)):
        note(ctx, "cluster.lb_subnet", lb.span or node.span, address=node.address)


def lookup(ctx: Ctx, node: N.Resource, tf_type: str, given_as: str, product: str,
           lookup_key: str, note: Note, place: Callable[[K.ClusterSpec, TfBlock], object]
           ) -> None:
    """A looked-up cluster: by its name, or by an id given from outside (it must now hold
    `given_as`), else a name to fill in (IT308); `place` adds the target's location."""
    spec, u, b = start_cluster(ctx, node, tf_type)
    name = u.expr("name")
    given = spec.lookup_id
    if name is not None:
        b.set("name", name)
    elif given is not None and E.str_value(given) is None:
        b.set(given_as, ctx.rewrite(given, node.module))
        note(ctx, "cluster.lookup_id_given", given.span or node.span, address=node.address)
    else:
        shown = E.str_value(given) or "the OVH cluster"
        b.set("name", todo("IT308", f"name of the {product} cluster replacing {shown}"))
        note(ctx, lookup_key, node.span, address=node.address)
    place(spec, b)
    finish(ctx, node, b, u)


def placed(ctx: Ctx, node: N.Resource, b: TfBlock, u: Use, timeouts: tuple[str, ...],
           table: Mapping[str, Any], product: str) -> None:
    """Place the cluster (`lifecycle`) with Terraform's prevent_destroy where the
    hardening asks for deletion protection, which neither cluster has (IT337)."""
    lifecycle(ctx, node, b, u, timeouts, table)
    L.protect(ctx, node, b, f"the {product} cluster of {node.address} (lifecycle "
              "prevent_destroy: Terraform refuses to destroy or replace it)")
