"""How written objects wire a workload: mounted bucket, reached port, namespace, requests."""

from __future__ import annotations

import re
from typing import Any

from .model import Fact
from .values import cores, gib

# The CSI drivers of object storage and the volumeAttributes key naming the bucket.
_BUCKET_KEYS = ("bucketName", "containerName", "bucket")
# How a driver's mount options name the prefix mounted (gcsfuse, Mountpoint S3, blobfuse2).
_PREFIX = re.compile(r"(?:^|,)\s*only-dir=([^,\s]+)|^prefix[ =](\S+)$|^--subdirectory=(\S+)$")
# rclone's source of a copy: `:s3:bucket/prefix` (or a named remote `remote:bucket/prefix`).
_RCLONE = re.compile(r"^:?[A-Za-z0-9_-]*:([^/\s:][^\s:]*)$")


def bucket_path(bucket: Any, prefix: Any) -> str:
    """`bucket/prefix` as both sides write it (no leading or trailing slash)."""
    path = str(prefix or "").strip("/")
    return f"{bucket}/{path}" if path else str(bucket)


def _meta(obj: dict[str, Any]) -> dict[str, Any]:
    return obj.get("metadata") or {}


def _named(objs: list[dict[str, Any]], kind: str, name: Any) -> dict[str, Any] | None:
    return next((o for o in objs if o.get("kind") == kind and _meta(o).get("name") == name),
                None)


def _csi_source(csi: dict[str, Any], options: list[Any]) -> str | None:
    attrs = csi.get("volumeAttributes") or {}
    bucket = next((attrs[k] for k in _BUCKET_KEYS if attrs.get(k)), None)
    if bucket is None:
        return None
    words = [str(o) for o in options] + [str(attrs.get("mountOptions") or "")]
    prefix = None
    for w in words:
        for part in [w, *w.split(",")]:
            m = _PREFIX.search(part.strip())
            if m:
                prefix = next(g for g in m.groups() if g)
    return bucket_path(bucket, prefix)


def _copied(pod: dict[str, Any], volume: str) -> str | None:
    """An emptyDir filled by an init container: the `bucket/prefix` its rclone copies."""
    for c in pod.get("initContainers") or []:
        if not isinstance(c, dict) or not any(
                isinstance(m, dict) and m.get("name") == volume for m in c.get("volumeMounts")
                or []):
            continue
        for word in [*(c.get("command") or []), *(c.get("args") or [])]:
            m = _RCLONE.match(str(word))
            if m:
                bucket, _, prefix = m.group(1).partition("/")
                return bucket_path(bucket, prefix)
    return None


def volume_source(pod: dict[str, Any], name: Any, objs: list[dict[str, Any]]) -> str | None:
    """The bucket (and prefix) a pod volume reads: inline CSI, a claim bound to a CSI
    PersistentVolume, or an emptyDir an init container copies the bucket into."""
    vol = next((v for v in pod.get("volumes") or [] if isinstance(v, dict)
                and v.get("name") == name), None)
    if vol is None:
        return None
    if isinstance(vol.get("csi"), dict):
        return _csi_source(vol["csi"], [])
    claim = (vol.get("persistentVolumeClaim") or {}).get("claimName")
    if claim is not None:
        pvc = _named(objs, "PersistentVolumeClaim", claim)
        pv = _named(objs, "PersistentVolume", ((pvc or {}).get("spec") or {}).get("volumeName")
                    or claim)
        spec = (pv or {}).get("spec") or {}
        if isinstance(spec.get("csi"), dict):
            return _csi_source(spec["csi"], list(spec.get("mountOptions") or []))
        return None
    if "emptyDir" in vol:
        return _copied(pod, str(name))
    return None


def served_port(objs: list[dict[str, Any]], everything: list[dict[str, Any]],
                container: dict[str, Any]) -> Any:
    """The container port a request reaches: through the route's backend (else the
    workload's Service), the Service port's targetPort, by name or number."""
    services = [o for o in objs if o.get("kind") == "Service"]
    wanted: list[tuple[Any, Any]] = []
    for route in (o for o in objs if o.get("kind") in ("HTTPRoute", "GRPCRoute")):
        for rule in (route.get("spec") or {}).get("rules") or []:
            for ref in (rule or {}).get("backendRefs") or []:
                wanted.append((ref.get("name"), ref.get("port")))
    for ing in (o for o in objs if o.get("kind") == "Ingress"):
        for rule in (ing.get("spec") or {}).get("rules") or []:
            for path in ((rule or {}).get("http") or {}).get("paths") or []:
                svc = ((path or {}).get("backend") or {}).get("service") or {}
                port = svc.get("port") or {}
                wanted.append((svc.get("name"), port.get("number", port.get("name"))))
    if not wanted:
        wanted = [(_meta(s).get("name"), None) for s in services]
    ports = [p for p in container.get("ports") or [] if isinstance(p, dict)]
    for name, number in wanted:
        svc = _named(everything, "Service", name)
        for sp in ((svc or {}).get("spec") or {}).get("ports") or []:
            if number is not None and number not in (sp.get("port"), sp.get("name")):
                continue
            target = sp.get("targetPort", sp.get("port"))
            for p in ports:
                if target in (p.get("name"), p.get("containerPort")):
                    return p.get("containerPort")
    return None


def namespaces(objs: list[dict[str, Any]], default: str) -> Fact | None:
    """The one namespace a workload's objects are applied in (several: a route or Service
    apart from its pods reaches nothing). Named as raw: only a diagnostic naming it explains
    another one."""
    if not objs:
        return None
    found = sorted({str(_meta(o).get("namespace") or default) for o in objs})
    value: Any = found[0] if len(found) == 1 else found
    return Fact(value, raw=found[0] if len(found) == 1 else "")


def request(c: dict[str, Any], key: str) -> Fact | None:
    """A container's request (Kubernetes takes the limit for an unset request)."""
    res = c.get("resources") or {}
    value = (res.get("requests") or {}).get(key, (res.get("limits") or {}).get(key))
    if value is None:
        return None
    return Fact(cores(value) if key == "cpu" else gib(value), raw=str(value))
