"""OVH's per-pool scale-down tuning as the AKS cluster's auto_scaler_profile (cluster-wide)."""

from __future__ import annotations

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..tfbase.context import Ctx
from .kube_data import note

# OVH argument -> (auto_scaler_profile argument, the ScaleDown field)
ARGS = (("autoscaling_scale_down_unneeded_time_seconds", "scale_down_unneeded",
         "unneeded_seconds"),
        ("autoscaling_scale_down_unready_time_seconds", "scale_down_unready",
         "unready_seconds"),
        ("autoscaling_scale_down_utilization_threshold", "scale_down_utilization_threshold",
         "utilization"))


def per_instance(e: E.Expr) -> bool:
    """The value differs per instance of a count/for_each resource."""
    return any((t := E.traversal(sub)) is not None and t[0] in ("each", "count")
               for sub in E.walk(e))


def _value(ctx: Ctx, node: N.Resource, field: str, e: E.Expr) -> E.Expr:
    out = ctx.rewrite(e, node.module)
    if field == "utilization":
        # azurerm takes the ratio as a string ("0.5")
        if isinstance(out, E.Literal) and isinstance(out.value, (int, float)):
            return E.Literal(str(out.value))
        return parse_expression_text(f'"${{{to_hcl(out)}}}"', "<aks>")
    # OVH counts seconds; the AKS autoscaler takes minutes ("10m"), rounded up
    if isinstance(out, E.Literal) and isinstance(out.value, (int, float)):
        return E.Literal(f"{-(-int(out.value) // 60)}m")
    return parse_expression_text(f'"${{ceil({to_hcl(out)} / 60)}}m"', "<aks>")


def merge(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
          cluster: N.Resource | None) -> set[str]:
    """Set the cluster's auto_scaler_profile from the pool's tuning; the OVH arguments it
    carries (the others are the caller's to report)."""
    block = ctx.primary.get(ctx.key_of(cluster)) if cluster is not None else None
    if block is None or cluster is None or cluster.meta.count is not None or \
            cluster.meta.for_each is not None:
        return set()
    done = set()
    for ovh, arg, field in ARGS:
        e = getattr(spec.sizing.scale_down, field)
        if e is None or per_instance(e):
            continue
        cfg = block.find("auto_scaler_profile") or block.block(
            "auto_scaler_profile", comment="from the scale-down tuning of its OVH pools: "
            "AKS tunes the autoscaler for the whole cluster")
        new, old = _value(ctx, node, field, e), cfg.get(arg)
        values = {"address": node.address, "ovh": ovh, "arg": arg}
        if old is None:
            cfg.set(arg, new)
            note(ctx, "pool.autoscaler_cluster", e.span or node.span, **values)
        elif to_hcl(old) != to_hcl(new):
            note(ctx, "pool.autoscaler_conflict", e.span or node.span, kept=to_hcl(old),
                 **values)
        done.add(ovh)
    return done
