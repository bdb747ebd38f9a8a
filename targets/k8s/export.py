"""Clean objects exported from OVH Managed Kubernetes for another cluster."""

from __future__ import annotations

import copy
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends.k8s_export import Exported
from iac_translate.compiler.frontends.positioned import PValue
from iac_translate.compiler.span import Span

from . import export_secrets, scrub

_SERVER_METADATA = ("uid", "resourceVersion", "generation", "creationTimestamp", "managedFields",
                    "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds")
_SERVER_ANNOTATIONS = ("kubectl.kubernetes.io/last-applied-configuration",
                       "deployment.kubernetes.io/revision", "pv.kubernetes.io/bind-completed",
                       "pv.kubernetes.io/bound-by-controller",
                       "volume.beta.kubernetes.io/storage-provisioner",
                       "volume.kubernetes.io/storage-provisioner",
                       "volume.kubernetes.io/selected-node")
# Objects that controllers recreate; exporting them would fight the new cluster.
_RUNTIME_KINDS = {"Event", "Endpoints", "EndpointSlice", "ControllerRevision", "Lease"}
_OVH_LB_PREFIXES = ("loadbalancer.ovhcloud.com/", "service.beta.kubernetes.io/ovh-")


def clean(items: list[Exported],
          sink: Sink) -> tuple[list[dict[str, Any]], list[export_secrets.SecretSpec]]:
    """(objects ready to apply elsewhere, in input order, the Secrets they need, which are
    never among the objects); every change is reported."""
    out = []
    specs = []
    for item in items:
        obj = copy.deepcopy(item.obj)
        kind = obj.get("kind", "")
        name = obj.get("metadata", {}).get("name", "?")
        where = f"{kind} {name}"
        if obj.get("apiVersion", "").startswith("kube.cloud.ovh.com/") and kind == "NodePool":
            sink.add("IT302", item.span, f"{where}: OVH node pools are infrastructure; translate "
                     "them with a Terraform target (e.g. --target gke)")
            continue
        if kind == "StorageClass" and str(obj.get("provisioner", "")).startswith("cinder"):
            sink.add("IT302", item.span, f"{where}: the Cinder StorageClass only exists on "
                     "OpenStack; the target cluster's classes replace it")
            continue
        owned = obj.get("metadata", {}).get("ownerReferences")
        if kind in _RUNTIME_KINDS or owned:
            sink.add("IT310", item.span, f"{where} is created by the cluster or a controller; "
                     "it is omitted")
            continue
        obj.pop("status", None)
        meta = obj.setdefault("metadata", {})
        for key in _SERVER_METADATA:
            meta.pop(key, None)
        annotations = meta.get("annotations") or {}
        for key in _SERVER_ANNOTATIONS:
            annotations.pop(key, None)
        if kind == "Pod":
            obj.get("spec", {}).pop("nodeName", None)  # a node of the old cluster
        _service(obj, item, sink, where)
        _storage(obj, item, sink, where)
        if annotations:
            meta["annotations"] = annotations
        else:
            meta.pop("annotations", None)
        # Credentials: Secret values and literal env values are never copied; anything else
        # shaped like one (annotations, ConfigMap data) is masked.
        if kind == "Secret":
            specs.append(export_secrets.secret(obj, sink, item.span, where))
            continue
        extra = export_secrets.workload(obj, sink, item.span, where)
        out.append(scrub.mask_strings(obj, sink, item.span, where))
        if extra is not None:
            specs.append(extra)
    return out, specs


def _at(item: Exported, *path: str) -> Span:
    node: PValue | None = item.doc
    for p in path:
        nxt = node.get(p) if node is not None else None
        if nxt is None:
            break
        node = nxt
    return node.span if node is not None else item.span


def _service(obj: dict[str, Any], item: Exported, sink: Sink, where: str) -> None:
    if obj.get("kind") != "Service":
        return
    spec = obj.get("spec", {})
    for key in ("clusterIP", "clusterIPs", "healthCheckNodePort"):
        spec.pop(key, None)
    for port in spec.get("ports", []):
        if spec.get("type") not in ("NodePort",):
            port.pop("nodePort", None)
    annotations = obj["metadata"].get("annotations") or {}
    for key in sorted(annotations):
        if key.startswith(_OVH_LB_PREFIXES):
            sink.add("IT302", _at(item, "metadata", "annotations", key), f"{where}: OVH load "
                     f"balancer annotation `{key}` is not translated; set the new cloud's "
                     "Service annotations for the same behaviour")
            del annotations[key]


def _storage(obj: dict[str, Any], item: Exported, sink: Sink, where: str) -> None:
    kind = obj.get("kind")
    if kind == "PersistentVolumeClaim":
        spec = obj.get("spec", {})
        spec.pop("volumeName", None)  # binds to a volume of the old cluster
        _class(spec, "storageClassName", item, sink, where, ("spec", "storageClassName"))
    elif kind == "StatefulSet":
        for tmpl in obj.get("spec", {}).get("volumeClaimTemplates", []):
            _class(tmpl.get("spec", {}), "storageClassName", item, sink, where, ("spec",))
            tmpl.get("metadata", {}).pop("creationTimestamp", None)


def _class(spec: dict[str, Any], key: str, item: Exported, sink: Sink, where: str,
           path: tuple[str, ...]) -> None:
    cls = spec.get(key)
    if isinstance(cls, str) and cls.startswith("csi-cinder"):
        del spec[key]
        sink.add("IT301", _at(item, *path), f"{where}: OVH storage class `{cls}` is removed so "
                 "the claim uses the cluster's default class",
                 "pick the equivalent: GKE premium-rwo/standard-rwo, EKS gp3, AKS managed-csi, "
                 "Scaleway sbs-default")
