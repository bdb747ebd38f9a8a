"""Optional Kubernetes objects: DRA GPU claims, Ingress, Prometheus monitors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from iac_translate.compiler.ir import ai

if TYPE_CHECKING:
    from .objects import Options


def dra_claim(template: dict[str, Any], meta: dict[str, Any],
              opts: Options) -> dict[str, Any] | None:
    """Move `nvidia.com/gpu` limits to a resource.k8s.io/v1 ResourceClaimTemplate (DRA)."""
    spec = template["spec"]
    (main,) = spec["containers"]
    limits = main.get("resources", {}).get("limits", {})
    count = limits.pop("nvidia.com/gpu", None)
    if count is None:
        return None
    name = f"{meta['name']}-gpu"
    main["resources"]["claims"] = [{"name": "gpu"}]
    spec["resourceClaims"] = [{"name": "gpu", "resourceClaimTemplateName": name}]
    # The DRA driver advertises the GPU itself; the device-plugin toleration stays harmless.
    return {"apiVersion": "resource.k8s.io/v1", "kind": "ResourceClaimTemplate",
            "metadata": {"name": name, "labels": meta["labels"]},
            "spec": {"spec": {"devices": {"requests": [{"name": "gpu", "exactly": {
                "deviceClassName": "gpu.nvidia.com", "allocationMode": "ExactCount",
                "count": count}}]}}}}


def ingress(meta: dict[str, Any], ingress_class: str | None = None,
            annotations: dict[str, str] | None = None) -> dict[str, Any]:
    cls = {"ingressClassName": ingress_class} if ingress_class else {}
    if annotations:  # the class's controller's (the profile's); meta is shared: copy it
        meta = {**meta, "annotations": {**meta.get("annotations", {}), **annotations}}
    return {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": meta,
            "spec": {**cls, "rules": [{"http": {"paths": [{
                "path": "/", "pathType": "Prefix",
                "backend": {"service": {"name": meta["name"], "port": {"name": "http"}}}}]}}]}}


def monitor(w: ai.AiWorkload, meta: dict[str, Any],
            selector: dict[str, str]) -> dict[str, Any] | None:
    """A ServiceMonitor for served workloads; a PodMonitor for jobs that expose a port."""
    if w.kind == "job":
        if not w.http_port:
            return None
        return {"apiVersion": "monitoring.coreos.com/v1", "kind": "PodMonitor", "metadata": meta,
                "spec": {"selector": {"matchLabels": selector},
                         "podMetricsEndpoints": [{"port": "http", "path": "/metrics",
                                                  "interval": "30s"}]}}
    return {"apiVersion": "monitoring.coreos.com/v1", "kind": "ServiceMonitor", "metadata": meta,
            "spec": {"selector": {"matchLabels": selector},
                     "endpoints": [{"port": "http", "path": "/metrics", "interval": "30s"}]}}
