"""What an OVHcloud AI app, job or notebook says (source facts), as a table of extractors."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..frontends.ai_sources import looks_secret
from ..ir import ai
from ..span import Span
from .k8s_wiring import bucket_path
from .model import Fact, untagged
from .tables import Tables

SourceFact = Callable[[ai.AiWorkload, Tables], "Fact | None"]


def _at(w: ai.AiWorkload, *keys: str) -> Span:
    """The span of the first field written (body keys and command-line flags differ)."""
    spans = dict(w.field_spans)
    return next((spans[k] for k in keys if k in spans), w.span)


def _field(value: Callable[[ai.AiWorkload], Any], *keys: str) -> SourceFact:
    def read(w: ai.AiWorkload, t: Tables) -> Fact | None:
        v = value(w)
        return Fact(v, span=_at(w, *keys)) if v is not None else None
    return read


def _flavor(w: ai.AiWorkload, t: Tables) -> tuple[dict[str, Any], int] | None:
    name = w.flavor or ("ai1-1-cpu" if w.cpu and not w.gpu else "ai1-1-gpu")
    spec = t.ai_flavor(name)
    if spec is None:
        return None
    return spec, (w.gpu if spec.get("gpu") else w.cpu) or 1


def _size(part: str) -> SourceFact:
    """CPU, RAM or GPUs: the flavor times its units (what the workload ran with on OVH)."""
    def read(w: ai.AiWorkload, t: Tables) -> Fact | None:
        found = _flavor(w, t)
        span = _at(w, "resources", "flavor", "gpu", "cpu")
        if found is None:
            return None
        spec, units = found
        raw = w.flavor or ""
        if part == "gpu":
            gpu = spec.get("gpu")
            return Fact(f"{units}x {gpu['model']}" if gpu else "none", raw=raw, span=span)
        key = "vcpu" if part == "cpu" else "ram_gib"
        return Fact(float(spec[key] * units), raw=raw, span=span)
    return read


def _replicas(w: ai.AiWorkload) -> Any:
    return w.scaling.replicas if w.scaling and not w.scaling.automatic else None


def _bound(which: str) -> Callable[[ai.AiWorkload], Any]:
    def value(w: ai.AiWorkload) -> Any:
        if w.scaling is None or not w.scaling.automatic:
            return None
        return w.scaling.min_replicas if which == "min" else w.scaling.max_replicas
    return value


def _mounts(w: ai.AiWorkload) -> Any:
    if not w.volumes:
        return None
    return sorted(f"{v.mount_path}:{'ro' if v.permission == 'RO' else 'rw'}" for v in w.volumes)


def _volumes(w: ai.AiWorkload) -> Any:
    """The bucket (container) and prefix each object-storage volume mounts."""
    found = sorted(f"{v.mount_path}={bucket_path(v.container, v.prefix)}" for v in w.volumes
                   if v.container)
    return found or None


def _served(w: ai.AiWorkload) -> Any:
    return w.http_port if w.kind == "app" else None  # what its URL reaches on OVH


def _namespace(w: ai.AiWorkload, t: Tables) -> Fact | None:
    """OVH runs a workload in its project; the translation puts it in `default`, where its
    grants, pull secret and KEDA host assume it (workloads_namespace's default)."""
    return Fact("default", span=Span(w.span.file, w.span.line, w.span.column))


def _env(w: ai.AiWorkload) -> Any:
    return sorted({e.name for e in w.env}) if w.env else None


def _secret_env(w: ai.AiWorkload) -> Any:
    found = sorted({e.name for e in w.env if looks_secret(e)})
    return found or None


def _exposure(w: ai.AiWorkload) -> Any:
    return "published" if w.kind == "app" else None  # an app has its public URL on OVH


# fact -> how the workload states it (None: it says nothing)
SOURCE: dict[str, SourceFact] = {
    "image": _field(lambda w: untagged(w.image) if w.kind != "notebook" and w.image else None,
                    "image"),
    "command": _field(lambda w: list(w.command) if w.command else None, "command"),
    "http_port": _field(lambda w: w.http_port, "defaultHttpPort", "default_http_port",
                        "http_port"),
    "grpc_port": _field(lambda w: w.grpc_port, "grpcPort", "grpc_port"),
    "replicas": _field(_replicas, "scalingStrategy", "replicas"),
    "min_replicas": _field(_bound("min"), "scalingStrategy", "auto_min_replicas"),
    "max_replicas": _field(_bound("max"), "scalingStrategy", "auto_max_replicas"),
    "cpu": _size("cpu"), "ram_gib": _size("ram"), "gpu": _size("gpu"),
    # what the pods request: the flavor's size too (a request lowered to fit a node is a
    # placement diagnostic's, IT345/IT346, at the flavor)
    "cpu_request": _size("cpu"), "ram_request": _size("ram"),
    "env_keys": _field(_env, "envVars", "env"),
    "secret_env": _field(_secret_env, "envVars", "env"),
    "mounts": _field(_mounts, "volumes", "volume"),
    "volumes": _field(_volumes, "volumes", "volume"),
    "served_port": _field(_served, "defaultHttpPort", "default_http_port", "http_port"),
    "labels": _field(lambda w: dict(w.labels) if w.labels else None, "labels", "label"),
    "exposure": _field(_exposure),
    "namespace": _namespace,
}
