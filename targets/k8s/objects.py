"""Kubernetes objects for AI apps, jobs and notebooks, built as plain data."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..mapping import Tables
from . import exposure, extras, pod, registry, scrub, volumes, workload_kinds
from .secretfiles import SecretSpec

COMPONENT = {"app": "inference", "job": "training", "notebook": "notebook"}


def dns_name(s: str | None, fallback: str) -> str:
    out = re.sub(r"[^a-z0-9-]+", "-", (s or fallback).lower()).strip("-")[:63].rstrip("-")
    return out or fallback


def labels(w: ai.AiWorkload, name: str, sink: Sink) -> tuple[dict[str, str], dict[str, str]]:
    """(all labels, selector labels): recommended app.kubernetes.io labels plus the user's."""
    selector = {"app.kubernetes.io/name": name, "app.kubernetes.io/instance": name}
    out = dict(selector)
    out["app.kubernetes.io/component"] = COMPONENT[w.kind]
    out["app.kubernetes.io/managed-by"] = "iac-translate"
    for k, v in w.labels:
        if k.startswith("ovh/"):
            sink.add("IT302", w.span_of("labels"), f"label `{k}` is reserved by OVHcloud and "
                     "not translated")
            continue
        out[k] = v
    return out, selector


@dataclass(frozen=True)
class Options:
    gateway: str = "public-gateway"
    gpu_api: str = "device-plugin"  # or "dra"
    expose: str = "gateway"  # or "ingress"
    monitoring: str = "none"  # or "prometheus"
    cluster: str = "generic"  # or gke | eks | aks: object-storage volumes use its CSI driver
    queue: str = ""  # Kueue LocalQueue of Jobs; "" = plain Jobs
    facts: Any = None  # estate runs: what the translated Terraform offers (clusterfacts)

    @classmethod
    def of(cls, options: Any, gateway: str) -> Options:
        """From the library's TranslateOptions."""
        return cls(gateway=gateway, gpu_api=options.gpu_api, expose=options.expose,
                   monitoring=options.monitoring, cluster=options.cluster,
                   queue=getattr(options, "queue", ""),
                   facts=getattr(options, "cluster_facts", None))


def build(w: ai.AiWorkload, tables: Tables, sink: Sink,
          opts: Options) -> tuple[list[dict[str, Any]], list[SecretSpec]]:
    """(objects, the Secrets they read): Secrets are never among the objects, so applying
    them again cannot blank values the user filled in."""
    name = dns_name(w.name, f"{w.kind}-{w.span.line}")
    if w.name and name != w.name:
        sink.add("IT324", w.span_of("name"), f"{w.kind} `{w.name}` is named `{name}`: "
                 "Kubernetes names are lowercase letters, digits and -, at most 63",
                 "rename it at its source to keep the names equal")
    all_labels, selector = labels(w, name, sink)
    meta = {"name": name, "labels": all_labels,
            "annotations": {"iac-translate.io/source": w.span.file}}
    _not_translated(w, sink)
    template, secrets, plan = _pod(w, name, tables, sink, opts)
    claim = extras.dra_claim(template, meta, opts) if opts.gpu_api == "dra" else None
    objects: list[dict[str, Any]] = []
    if w.kind == "job":
        objects.append(workload_kinds.job(w, meta, template, opts.queue, sink))
    else:
        objects.append(_deployment(w, meta, template, selector))
        objects.append(_service(w, meta, selector))
        _auth_warning(w, meta, sink)
        ingress_class = opts.facts.profile["ingress_class"] if opts.facts is not None else None
        objects.append(extras.ingress(meta, ingress_class,
                                      exposure.ingress_annotations(opts.facts))
                       if opts.expose == "ingress" else
                       _route(meta, opts.gateway))
        if w.kind == "app" and w.scaling is not None and w.scaling.automatic:
            objects.append(_autoscaler(w, meta, sink))
        if w.kind == "notebook":
            objects.append(workload_kinds.workspace(meta))
    if claim is not None:
        objects.insert(0, claim)
    if opts.facts is not None and plan.own_account:
        # Estate runs: the Terraform grants this account access to the mounted buckets
        # (GKE Workload Identity, an AKS managed identity federated to it); the CSI driver
        # requests its token, so none is mounted.
        template["spec"]["serviceAccountName"] = name
        objects.insert(0, {"apiVersion": "v1", "kind": "ServiceAccount",
                           "metadata": {"name": name, "labels": all_labels},
                           "automountServiceAccountToken": False})
    if opts.monitoring == "prometheus":
        monitor = extras.monitor(w, meta, selector)
        if monitor is not None:
            objects.append(monitor)
    objects.extend(plan.objects)
    objects = [scrub.mask_strings(o, sink, w.span, f"{o['kind']} {name}") for o in objects]
    specs = [SecretSpec(secret_name, tuple(keys), w.span, labels=all_labels)
             for secret_name, keys in secrets.items()]
    return objects, specs


# Spec fields with no Kubernetes counterpart, and why (reported, never dropped silently).
_DROPPED = (
    ("ssh_public_keys", "sshPublicKeys", "pods have no SSH server; use `kubectl exec`"),
    ("read_user", "readUser", "grant read access with RBAC on the namespace"),
    ("shutdown", "shutdown", "Kubernetes stops pods with terminationGracePeriodSeconds"),
    ("partner_id", "partnerId", "OVHcloud marketplace images are not available elsewhere"),
    ("timeout_auto_restart", "timeoutAutoRestart", "restart the workload with a CronJob or "
     "by hand"),
    ("framework_version", "frameworkVersion", "pick the matching tag of the notebook image"),
)


def _not_translated(w: ai.AiWorkload, sink: Sink) -> None:
    for attr, field_name, why in _DROPPED:
        if getattr(w, attr):
            sink.add("IT302", w.span_of(field_name), f"`{field_name}` of {w.kind} "
                     f"`{w.name}` is not translated: {why}")
    if w.region:
        sink.add("IT310", w.span_of("region"), f"region `{w.region}` of {w.kind} `{w.name}` "
                 "is decided by the cluster you deploy to")
    s = w.scaling
    if s is not None and (s.custom is not None or (s.min_replicas == 0)) and (
            s.scale_up_window is not None or s.scale_down_window is not None):
        sink.add("IT302", s.span or w.span, "scale-up/down stabilization windows are not set on "
                 "the KEDA ScaledObject (advanced.horizontalPodAutoscalerConfig.behavior)")


def _pod(w: ai.AiWorkload, name: str, tables: Tables, sink: Sink,
         opts: Options) -> tuple[dict[str, Any], dict[str, list[str]], volumes.Plan]:
    env_secret, storage_secret = f"{name}-env", f"{name}-object-storage"
    cluster = opts.cluster
    rt = workload_kinds.runtime(w, sink)
    res, sched = pod.resources(w, tables, sink, cluster, opts.facts)
    env, secret_keys = pod.env(w, env_secret, sink)
    plan = volumes.plan(w, name, storage_secret, cluster, sink, env_secret, opts.facts)
    secret_keys += plan.secret_keys
    vols, inits, mounts = plan.volumes, plan.init_containers, plan.mounts
    port = rt.port
    container: dict[str, Any] = {"name": "main",
                                 "image": registry.repoint(rt.image, w, opts.facts, sink)}
    if w.command:
        # OVH's command replaces the image CMD; credentials in it come from the Secret.
        taken = {e.name for e in w.env}
        container["args"], arg_keys = scrub.args(w.command, env_secret, taken, sink,
                                                 w.span_of("command"))
        secret_keys += arg_keys
        env += [{"name": k, "valueFrom": {"secretKeyRef": {"name": env_secret, "key": k}}}
                for k in arg_keys]
    if w.kind != "job" or w.http_port:
        container["ports"] = [{"name": "http", "containerPort": port}]
        if w.grpc_port:
            container["ports"].append({"name": "grpc", "containerPort": w.grpc_port})
    if env:
        # References first: values may use them as $(VAR), and the chart lifts the rest.
        container["env"] = [e for e in env if "valueFrom" in e] + \
            [e for e in env if "valueFrom" not in e]
    if res:
        container["resources"] = res
    for key, p in (("readinessProbe", w.probe), ("livenessProbe", w.liveness)):
        built = pod.probe(p, "http")
        if built is not None:
            container[key] = built
    if mounts:
        container["volumeMounts"] = mounts
    container["securityContext"] = pod.security(False)
    spec: dict[str, Any] = {"automountServiceAccountToken": False,
                            "securityContext": pod.security(True, rt.uid, rt.gid)}
    if w.kind == "job":
        spec["restartPolicy"] = "Never"
    if inits:
        spec["initContainers"] = inits
    spec["containers"] = [container]
    spec.update(sched)
    if vols:
        spec["volumes"] = vols
    if w.rollout and w.rollout.termination_grace_period_seconds is not None:
        spec["terminationGracePeriodSeconds"] = w.rollout.termination_grace_period_seconds
    if w.kind == "notebook":
        mounts.append({"name": "workspace", "mountPath": rt.workspace})
        container["volumeMounts"] = mounts
        spec.setdefault("volumes", []).append(
            {"name": "workspace", "persistentVolumeClaim": {"claimName": f"{name}-workspace"}})
    secrets = {}
    if secret_keys:
        secrets[env_secret] = secret_keys
    if plan.uses_storage_secret:
        secrets[storage_secret] = ["endpoint", "access_key_id", "secret_access_key"]
        sink.add("IT312", w.volumes[0].span or w.span, f"object-storage credentials are read "
                 f"from Secret `{storage_secret}` (endpoint, access_key_id, secret_access_key)",
                 "fill it with the S3 endpoint and keys of the bucket's new home")
    meta: dict[str, Any] = {}
    if plan.pod_annotations:
        meta["annotations"] = plan.pod_annotations
    return {"metadata": meta, "spec": spec}, secrets, plan


def _deployment(w: ai.AiWorkload, meta: dict[str, Any], template: dict[str, Any],
                selector: dict[str, str]) -> dict[str, Any]:
    template["metadata"] = {"labels": meta["labels"], **template["metadata"]}
    spec: dict[str, Any] = {}
    scaling = w.scaling
    if w.kind == "notebook":
        spec["replicas"] = 1
    elif scaling is None or not scaling.automatic:
        spec["replicas"] = scaling.replicas if scaling and scaling.replicas is not None else 1
    spec["selector"] = {"matchLabels": selector}
    if w.rollout is not None:
        rolling = {k: v for k, v in (("maxSurge", w.rollout.max_surge),
                                     ("maxUnavailable", w.rollout.max_unavailable))
                   if v is not None}
        if rolling:
            spec["strategy"] = {"type": "RollingUpdate", "rollingUpdate": rolling}
        if w.rollout.progress_deadline_seconds is not None:
            spec["progressDeadlineSeconds"] = w.rollout.progress_deadline_seconds
    spec["template"] = template
    return {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": meta, "spec": spec}


def _service(w: ai.AiWorkload, meta: dict[str, Any], selector: dict[str, str]) -> dict[str, Any]:
    ports = [{"name": "http", "port": 80, "targetPort": "http"}]
    if w.grpc_port:
        ports.append({"name": "grpc", "port": w.grpc_port, "targetPort": "grpc"})
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta,
            "spec": {"type": "ClusterIP", "selector": selector, "ports": ports}}


def _auth_warning(w: ai.AiWorkload, meta: dict[str, Any], sink: Sink) -> None:
    if not w.unsecure_http:
        sink.add("IT313", w.span_of("unsecureHttp"), f"`{meta['name']}` required an OVH token; "
                 "its route publishes it without authentication",
                 "add an auth layer (oauth2-proxy, or the Gateway's auth policy) before "
                 "exposing it")


def _route(meta: dict[str, Any], gateway: str) -> dict[str, Any]:
    return {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": meta,
            "spec": {"parentRefs": [{"name": gateway}],
                     "rules": [{"matches": [{"path": {"type": "PathPrefix", "value": "/"}}],
                                "backendRefs": [{"name": meta["name"], "port": 80}]}]}}


def _autoscaler(w: ai.AiWorkload, meta: dict[str, Any], sink: Sink) -> dict[str, Any]:
    s = w.scaling
    assert s is not None
    target = {"apiVersion": "apps/v1", "kind": "Deployment", "name": meta["name"]}
    resource = "memory" if s.resource_type == "RAM" else "cpu"
    lo, hi = s.min_replicas if s.min_replicas is not None else 1, s.max_replicas or 1
    if s.custom is None and lo >= 1:
        spec: dict[str, Any] = {"scaleTargetRef": target, "minReplicas": lo, "maxReplicas": hi,
                                "metrics": [{"type": "Resource", "resource": {
                                    "name": resource, "target": {
                                        "type": "Utilization",
                                        "averageUtilization": s.target_percent or 75}}}]}
        behavior = _behavior(s)
        if behavior:
            spec["behavior"] = behavior
        return {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
                "metadata": meta, "spec": spec}
    # Scale to zero or a custom metric: KEDA (its metrics-api scaler is what OVH exposes).
    if s.custom is not None:
        url = s.custom.api_url
        if "<SELF>" in url:
            # KEDA calls the URL from its operator's namespace: the Service needs its
            # namespace in the host name (`<name>.svc` resolves nowhere).
            url = url.replace("<SELF>", f"{meta['name']}.default.svc")
            sink.add("IT308", s.span or w.span, f"the custom metric URL of {meta['name']} "
                     "reaches its Service as `" + f"{meta['name']}.default.svc" + "`: KEDA "
                     "queries it from the keda namespace, so the namespace is part of the "
                     "host; `default` is assumed", "replace `default` with the namespace you "
                     "apply the manifests to (the Helm chart uses the release namespace)")
        trigger = {"type": "metrics-api", "metadata": {
            "url": url,
            "valueLocation": s.custom.value_location, "targetValue": f"{s.custom.target_value:g}",
            "format": s.custom.format.lower()}}
        if s.custom.aggregation != "AVERAGE":
            sink.add("IT301", s.span or w.span, f"custom metric aggregation "
                     f"{s.custom.aggregation}: KEDA averages metrics-api values per replica")
    else:
        trigger = {"type": resource, "metricType": "Utilization",
                   "metadata": {"value": str(s.target_percent or 75)}}
    spec = {"scaleTargetRef": {"name": meta["name"]}, "minReplicaCount": lo,
            "maxReplicaCount": hi, "triggers": [trigger]}
    if s.cooldown is not None:
        spec["cooldownPeriod"] = s.cooldown
    return {"apiVersion": "keda.sh/v1alpha1", "kind": "ScaledObject", "metadata": meta,
            "spec": spec}


def _behavior(s: ai.Scaling) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if s.scale_up_window is not None:
        out["scaleUp"] = {"stabilizationWindowSeconds": s.scale_up_window}
    if s.scale_down_window is not None:
        out["scaleDown"] = {"stabilizationWindowSeconds": s.scale_down_window}
    return out


def workload_name(objs: list[dict[str, Any]]) -> str:
    """The workload's name: its Deployment's or Job's (a DRA claim may come first)."""
    main = next((o for o in objs if o["kind"] in ("Deployment", "Job")), objs[0])
    return str(main["metadata"]["name"])
