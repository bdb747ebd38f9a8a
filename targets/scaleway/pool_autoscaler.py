"""OVH's per-pool scale-down tuning as the Kapsule cluster's autoscaler_config (cluster-wide)."""

from __future__ import annotations

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..tfbase import pool_family
from ..tfbase.context import Ctx
from .kube_data import note

# OVH argument -> (Kapsule autoscaler_config argument, the ScaleDown field)
ARGS = (("autoscaling_scale_down_unneeded_time_seconds", "scale_down_unneeded_time",
         "unneeded_seconds"),
        ("autoscaling_scale_down_utilization_threshold", "scale_down_utilization_threshold",
         "utilization"))


def _value(field: str, out: E.Expr) -> E.Expr:
    if field != "unneeded_seconds":
        return out
    # OVH counts seconds; Kapsule takes a duration ("600s").
    if isinstance(out, E.Literal) and isinstance(out.value, (int, float)):
        return E.Literal(f"{int(out.value)}s")
    return parse_expression_text(f'"${{{to_hcl(out)}}}s"', "<scaleway>")


def merge(ctx: Ctx, node: N.Resource, spec: K.NodePoolSpec,
          cluster: N.Resource | None) -> set[str]:
    """Set the cluster's autoscaler_config from the pool's tuning; the OVH arguments it
    carries (the others are the caller's to report)."""
    return pool_family.tuned(ctx, node, spec, cluster, "autoscaler_config",
                             "from the scale-down tuning of its OVH pools: Kapsule tunes it "
                             "for the whole cluster", ARGS, _value, note)
