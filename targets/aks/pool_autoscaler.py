"""OVH's per-pool scale-down tuning as the AKS cluster's auto_scaler_profile (cluster-wide)."""

from __future__ import annotations

from iac_translate.compiler.hcl.parser import parse_expression_text
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import kube as K

from ..tfbase import pool_family
from ..tfbase.context import Ctx
from .kube_data import note

ARGS = (("autoscaling_scale_down_unneeded_time_seconds", "scale_down_unneeded",
         "unneeded_seconds"),
        ("autoscaling_scale_down_unready_time_seconds", "scale_down_unready",
         "unready_seconds"),
        ("autoscaling_scale_down_utilization_threshold", "scale_down_utilization_threshold",
         "utilization"))


def _value(field: str, out: E.Expr) -> E.Expr:
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
    return pool_family.tuned(ctx, node, spec, cluster, "auto_scaler_profile",
                             "from the scale-down tuning of its OVH pools: AKS tunes the "
                             "autoscaler for the whole cluster", ARGS, _value, note)
