"""GKE words for node pool `template` blocks written with `dynamic` blocks (tfbase/dyntemplate)."""

from __future__ import annotations

from iac_translate.compiler.ir import nodes as N

from ..tfbase.context import Ctx
from ..tfbase.dyntemplate import dropped as _dropped
from ..tfbase.dyntemplate import is_dynamic, labels, taints, values

__all__ = ["is_dynamic", "labels", "taints", "values", "dropped"]

WHY = {"annotations": "GKE node pools cannot set Kubernetes node annotations",
       "finalizers": "GKE node pools cannot set node finalizers",
       "unschedulable": "unschedulable pools do not exist on GKE; cordon the nodes "
                        "(kubectl cordon) after creation"}


def dropped(ctx: Ctx, node: N.Resource) -> None:
    _dropped(ctx, node, WHY)
