"""Translation targets: lowering and emission per target, looked up by name."""

from __future__ import annotations

import importlib
from typing import Any

# name -> "module:Class", imported only when used.
TARGETS: dict[str, str] = {
    "gke": "iac_translate.targets.gke.target:GkeTarget",
    "eks": "iac_translate.targets.eks.target:EksTarget",
    "aks": "iac_translate.targets.aks.target:AksTarget",
    "scaleway": "iac_translate.targets.scaleway.target:ScalewayTarget",
    "k8s": "iac_translate.targets.k8s.target:K8sTarget",
    "helm": "iac_translate.targets.helm.target:HelmTarget",
}
# The targets that read AI workloads (INPUT = "ai"; a test holds this to their classes): a
# warm run asks before it imports a target, the largest part of its start-up.
AI_INPUT = frozenset({"k8s", "helm"})


def input_of(name: str) -> str:
    """What target `name` reads: "ai" (workloads) or "terraform", without importing it."""
    return "ai" if name in AI_INPUT else "terraform"


def get_target(name: str) -> Any:
    module, _, cls = TARGETS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()
