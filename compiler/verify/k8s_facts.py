"""What Kubernetes objects say about one workload (output facts of the k8s and helm targets)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import k8s_wiring as wiring
from .model import Fact, untagged
from .tables import Tables
from .values import cores, gib

_WORKLOADS = ("Deployment", "StatefulSet", "Job", "CronJob", "DaemonSet")
_ROUTES = ("HTTPRoute", "GRPCRoute", "Ingress")
NAME_LABEL = "app.kubernetes.io/name"


def name_of(obj: dict[str, Any]) -> str:
    meta = obj.get("metadata") or {}
    labels = meta.get("labels") or {}
    return str(labels.get(NAME_LABEL) or meta.get("name") or "")


def main_object(objs: list[dict[str, Any]]) -> dict[str, Any] | None:
    return next((o for o in objs if o.get("kind") in _WORKLOADS), None)


def pod_spec(obj: dict[str, Any] | None) -> dict[str, Any]:
    spec = (obj or {}).get("spec") or {}
    if (obj or {}).get("kind") == "CronJob":
        spec = ((spec.get("jobTemplate") or {}).get("spec")) or {}
    return ((spec.get("template") or {}).get("spec")) or {}


def container(obj: dict[str, Any] | None) -> dict[str, Any]:
    """The workload's own container (`main`, else the first)."""
    found = pod_spec(obj).get("containers") or []
    named = [c for c in found if isinstance(c, dict) and c.get("name") == "main"]
    return (named or [c for c in found if isinstance(c, dict)] or [{}])[0]


class View:
    """The objects written for one workload, read as facts."""

    def __init__(self, objs: list[dict[str, Any]], tables: Tables,
                 everything: list[dict[str, Any]] | None = None,
                 namespace: str = "default") -> None:
        self.objs, self.tables = objs, tables
        # every object written (a PersistentVolume or Service is not labelled as its workload)
        self.everything = objs if everything is None else everything
        self.namespace = namespace  # the kustomization's, where an object names none
        self.main = main_object(objs)
        self.c = container(self.main)

    def kind(self, k: str) -> list[dict[str, Any]]:
        return [o for o in self.objs if o.get("kind") == k]


def _image(v: View) -> Fact | None:
    image = v.c.get("image")
    return Fact(untagged(str(image))) if image else None



def _command(v: View) -> Fact | None:
    words = list(v.c.get("command") or []) + list(v.c.get("args") or [])
    return Fact([str(w) for w in words])


def _port(name: str) -> Callable[[View], Fact | None]:
    def read(v: View) -> Fact | None:
        for p in v.c.get("ports") or []:
            if isinstance(p, dict) and p.get("name") == name:
                return Fact(p.get("containerPort"))
        return None
    return read


def _replicas(v: View) -> Fact | None:
    spec = (v.main or {}).get("spec") or {}
    return Fact(spec.get("replicas", 1)) if v.main and v.main.get("kind") != "Job" else None


def _bound(hpa_key: str, keda_key: str) -> Callable[[View], Fact | None]:
    def read(v: View) -> Fact | None:
        for o in v.kind("HorizontalPodAutoscaler"):
            return Fact((o.get("spec") or {}).get(hpa_key, 1 if hpa_key == "minReplicas"
                                                  else None))
        for o in v.kind("ScaledObject"):
            return Fact((o.get("spec") or {}).get(keda_key))
        return None
    return read


def _limits(v: View) -> dict[str, Any]:
    return dict(((v.c.get("resources") or {}).get("limits")) or {})


def _cpu(v: View) -> Fact | None:
    value = _limits(v).get("cpu")
    return Fact(cores(value), raw=str(value)) if value is not None else None


def _ram(v: View) -> Fact | None:
    value = _limits(v).get("memory")
    return Fact(gib(value), raw=str(value)) if value is not None else None


def _gpu(v: View) -> Fact | None:
    count: Any = _limits(v).get("nvidia.com/gpu")
    for claim in (v.c.get("resources") or {}).get("claims") or []:
        count = (count or 0) + _claimed(v, claim)
    if not count:
        return Fact("none")
    selector = pod_spec(v.main).get("nodeSelector") or {}
    model = None
    if "cloud.google.com/gke-accelerator" in selector:
        model = v.tables.gpu_model(str(selector["cloud.google.com/gke-accelerator"]))
    elif "nvidia.com/gpu.product" in selector:
        model = v.tables.gpu_product_model(str(selector["nvidia.com/gpu.product"]))
    elif "node.kubernetes.io/instance-type" in selector:
        # EKS: the GPU of the instance type the pods select (the cluster's instance table),
        # named as IT311 names it: "pods request 1 x V100 on `p3.2xlarge`"
        instance = str(selector["node.kubernetes.io/instance-type"])
        model = ((v.tables.machine(instance) or {}).get("gpu") or {}).get("model")
        return Fact(f"{count}x {model or 'any'}",
                    raw=f"{count} x {model} on `{instance}`" if model else "")
    # How a diagnostic names this request (IT311: "pods request 1 x `nvidia-l4`"): the count
    # with the label value, so that another count is not explained by the model's mapping.
    label = next((str(val) for k, val in sorted(selector.items()) if "gpu" in k
                  or "accelerator" in k), "")
    return Fact(f"{count}x {model or 'any'}", raw=f"{count} x `{label}`" if label else "")


def _claimed(v: View, claim: Any) -> int:
    """GPUs of a DRA claim: the count its ResourceClaimTemplate requests."""
    name = claim.get("name") if isinstance(claim, dict) else None
    for ref in pod_spec(v.main).get("resourceClaims") or []:
        if isinstance(ref, dict) and ref.get("name") == name:
            for t in v.kind("ResourceClaimTemplate"):
                if (t.get("metadata") or {}).get("name") == ref.get("resourceClaimTemplateName"):
                    reqs = (((t.get("spec") or {}).get("spec") or {}).get("devices") or {}
                            ).get("requests") or []
                    return sum(int((r.get("exactly") or r).get("count") or 1) for r in reqs
                               if isinstance(r, dict))
    return 0


def _env_keys(v: View) -> Fact | None:
    return Fact(sorted({str(e.get("name")) for e in v.c.get("env") or [] if isinstance(e, dict)}))


def _secret_env(v: View) -> Fact | None:
    return Fact(sorted({str(e.get("name")) for e in v.c.get("env") or [] if isinstance(e, dict)
                        and ((e.get("valueFrom") or {}).get("secretKeyRef"))}))


def _mounts(v: View) -> Fact | None:
    return Fact(sorted(f"{m.get('mountPath')}:{'ro' if m.get('readOnly') else 'rw'}"
                       for m in v.c.get("volumeMounts") or [] if isinstance(m, dict)))


def _volumes(v: View) -> Fact | None:
    """Each mount's bucket and prefix (`/data=acme-models/llama`); `-` where none is read."""
    pod = pod_spec(v.main)
    return Fact(sorted(f"{m.get('mountPath')}="
                       f"{wiring.volume_source(pod, m.get('name'), v.everything) or '-'}"
                       for m in v.c.get("volumeMounts") or [] if isinstance(m, dict)))


def _served_port(v: View) -> Fact | None:
    return Fact(wiring.served_port(v.objs, v.everything, v.c))


def _labels(v: View) -> Fact | None:
    meta = (v.main or {}).get("metadata") or {}
    return Fact(dict(meta.get("labels") or {}))


def _exposure(v: View) -> Fact | None:
    routes = sorted({str(o.get("kind")) for o in v.objs if o.get("kind") in _ROUTES})
    return Fact("published" if routes else "not published", raw=",".join(routes))


# fact -> how the written objects state it
OUTPUT: dict[str, Callable[[View], Fact | None]] = {
    "image": _image, "command": _command, "http_port": _port("http"),
    "grpc_port": _port("grpc"), "replicas": _replicas,
    "min_replicas": _bound("minReplicas", "minReplicaCount"),
    "max_replicas": _bound("maxReplicas", "maxReplicaCount"), "cpu": _cpu, "ram_gib": _ram,
    "gpu": _gpu, "env_keys": _env_keys, "secret_env": _secret_env, "mounts": _mounts,
    "labels": _labels, "exposure": _exposure, "volumes": _volumes,
    "served_port": _served_port,
    "namespace": lambda v: wiring.namespaces(v.objs, v.namespace),
    "cpu_request": lambda v: wiring.request(v.c, "cpu"),
    "ram_request": lambda v: wiring.request(v.c, "memory"),
}
