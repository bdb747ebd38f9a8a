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


def get_target(name: str) -> Any:
    module, _, cls = TARGETS[name].partition(":")
    return getattr(importlib.import_module(module), cls)()
