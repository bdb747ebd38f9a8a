"""Pod templates for AI workloads: resources, GPUs, Secrets, probes, volumes, security."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends.ai_sources import looks_secret
from iac_translate.compiler.ir import ai

from ..mapping import Tables

# OVHcloud AI runs containers as UID/GID 42420; keeping it keeps file permissions working.
OVH_UID = 42420
RCLONE_IMAGE = "docker.io/rclone/rclone:1.68.2"
GIT_IMAGE = "docker.io/alpine/git:2.47.1"


def resources(w: ai.AiWorkload, tables: Tables,
              sink: Sink) -> tuple[dict[str, Any], dict[str, Any]]:
    """(container resources, pod scheduling fields) from the OVH flavor and unit count."""
    flavors = tables.ai_flavors["flavors"]
    name = w.flavor
    if name is None:
        name = "ai1-1-cpu" if w.cpu and not w.gpu else "ai1-1-gpu"
        sink.add("IT308", w.span, f"no flavor given: OVH's default `{name}` is assumed",
                 "pass the flavor explicitly (--flavor)")
    spec = flavors.get(name)
    if spec is None:
        sink.add("IT303", w.span_of("flavor"), f"unknown AI flavor `{name}`; no resources are "
                 "requested", "add it to data/ovh_ai_flavors.json with --mapping")
        return {}, {}
    units = (w.gpu if spec["gpu"] else w.cpu) or 1
    cpu = str(spec["vcpu"] * units)
    memory = f"{int(spec['ram_gib'] * units)}Gi"
    # Requests equal the flavor so that utilisation targets mean what they meant on OVH.
    res: dict[str, Any] = {"requests": {"cpu": cpu, "memory": memory},
                           "limits": {"cpu": cpu, "memory": memory}}
    sched: dict[str, Any] = {}
    if spec["gpu"]:
        res["limits"]["nvidia.com/gpu"] = units
        sched["nodeSelector"] = {"nvidia.com/gpu.product": spec["gpu"]["product"]}
        sched["tolerations"] = [{"key": "nvidia.com/gpu", "operator": "Exists",
                                 "effect": "NoSchedule"}]
    return res, sched


def env(w: ai.AiWorkload, secret_name: str, sink: Sink) -> tuple[list[dict[str, Any]], list[str]]:
    """Container env; credential-like values become secretKeyRefs (their names returned)."""
    out: list[dict[str, Any]] = []
    secret_keys: list[str] = []
    for e in w.env:
        if looks_secret(e):
            secret_keys.append(e.name)
            out.append({"name": e.name, "valueFrom": {"secretKeyRef": {
                "name": secret_name, "key": e.name}}})
            sink.add("IT312", e.span, f"`{e.name}` looks like a credential: it is read from "
                     f"Secret `{secret_name}` and its value is not written",
                     f"kubectl create secret generic {secret_name} "
                     f"--from-literal={e.name}=...")
        else:
            out.append({"name": e.name, "value": e.value or ""})
    return out, secret_keys


def probe(p: ai.Probe | None, default_port: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    out: dict[str, Any] = {"httpGet": {"path": p.path, "port": p.port or default_port}}
    for key, value in (("initialDelaySeconds", p.initial_delay_seconds),
                       ("periodSeconds", p.period_seconds),
                       ("timeoutSeconds", p.timeout_seconds),
                       ("successThreshold", p.success_threshold),
                       ("failureThreshold", p.failure_threshold)):
        if value is not None:
            out[key] = value
    return out


def security(pod: bool) -> dict[str, Any]:
    """Pod Security Standards `restricted`, with OVH's runtime user."""
    if pod:
        return {"runAsNonRoot": True, "runAsUser": OVH_UID, "runAsGroup": OVH_UID,
                "fsGroup": OVH_UID, "seccompProfile": {"type": "RuntimeDefault"}}
    return {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}
