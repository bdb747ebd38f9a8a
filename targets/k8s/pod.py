"""Pod templates for AI workloads: resources, GPUs, Secrets, probes, volumes, security."""

from __future__ import annotations

import re
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..mapping import Tables

# OVHcloud AI runs containers as UID/GID 42420; keeping it keeps file permissions working.
OVH_UID = 42420
RCLONE_IMAGE = "docker.io/rclone/rclone:1.68.2"
GIT_IMAGE = "docker.io/alpine/git:2.47.1"
_SECRET_NAME = re.compile(r"TOKEN|PASSWORD|PASSWD|SECRET|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|"
                          r"CREDENTIAL", re.I)
_SECRET_VALUE = re.compile(r"^(hf_|ghp_|gho_|github_pat_|glpat-|sk-|xox[abp]-|AKIA|ASIA|eyJ)")


def looks_secret(env: ai.EnvVar) -> bool:
    return bool(_SECRET_NAME.search(env.name) or _SECRET_VALUE.match(env.value or ""))


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


def volumes(w: ai.AiWorkload, storage_secret: str,
            sink: Sink) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """(pod volumes, init containers, main-container mounts) for OVH volumes."""
    vols, inits, mounts = [], [], []
    for i, v in enumerate(w.volumes):
        name = f"data-{i}"
        vols.append({"name": name, "emptyDir": {}})
        mounts.append({"name": name, "mountPath": v.mount_path,
                       **({"readOnly": True} if v.permission == "RO" else {})})
        fetch: dict[str, Any] = {"name": f"fetch-{i}"}
        if v.kind == "datastore":
            source = f":s3:{v.container}" + (f"/{v.prefix.strip('/')}" if v.prefix else "")
            fetch.update(image=RCLONE_IMAGE, args=["copy", source, "/data"],
                         env=_s3_env(storage_secret))
        elif v.kind == "git":
            fetch.update(image=GIT_IMAGE, args=["clone", "--depth=1", v.url or "", "/data"])
        else:
            sink.add("IT305", v.span or w.span, f"{v.kind} volumes have no Kubernetes "
                     f"equivalent; `{v.mount_path}` is an empty directory")
            continue
        fetch["volumeMounts"] = [{"name": name, "mountPath": "/data"}]
        fetch["securityContext"] = security(False)
        inits.append(fetch)
        if v.permission != "RO":
            sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` ({v.permission}) is "
                     "copied in at start; OVH syncs writes back at the end, which needs a "
                     "sidecar or a final `rclone copy` step")
        elif not v.cache and v.kind == "datastore":
            sink.add("IT301", v.span or w.span, f"volume `{v.mount_path}` is copied in at start "
                     "(OVH mounts it without cache)")
    return vols, inits, mounts


def _s3_env(secret: str) -> list[dict[str, Any]]:
    def ref(key: str) -> dict[str, Any]:
        return {"secretKeyRef": {"name": secret, "key": key}}
    return [{"name": "RCLONE_S3_PROVIDER", "value": "Other"},
            {"name": "RCLONE_S3_ENDPOINT", "valueFrom": ref("endpoint")},
            {"name": "RCLONE_S3_ACCESS_KEY_ID", "valueFrom": ref("access_key_id")},
            {"name": "RCLONE_S3_SECRET_ACCESS_KEY", "valueFrom": ref("secret_access_key")}]
