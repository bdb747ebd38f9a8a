"""Read AI Deploy app, AI Training job and AI Notebook API bodies (JSON/YAML) into the AI IR."""

from __future__ import annotations

import difflib
import math
from typing import Any

from ..diagnostics import Sink
from ..guard import INT32_MAX, INT64_MAX, MAX_INT_DIGITS
from ..ir import ai
from ..span import Span
from .positioned import PValue

COMMON = {"name", "region", "resources", "envVars", "labels", "volumes", "unsecureHttp",
          "partnerId"}
FIELDS = {
    "app": COMMON | {"image", "command", "defaultHttpPort", "grpcPort", "probe",
                     "livenessProbe", "scalingStrategy", "deploymentStrategy"},
    "job": COMMON | {"image", "command", "defaultHttpPort", "grpcPort", "sshPublicKeys",
                     "timeout", "timeoutAutoRestart", "readUser", "shutdown"},
    "notebook": COMMON | {"env", "sshPublicKeys", "shutdown", "timeoutAutoRestart",
                          "quantumResources"},
}
# Fields the API computes or only returns; recognised and ignored.
OUTPUT_ONLY = {"id", "createdAt", "updatedAt", "user", "status", "url", "state", "history"}
RESOURCE_OUTPUT = {"memory", "ephemeralStorage", "gpuModel", "gpuBrand", "gpuMemory",
                   "publicNetwork", "privateNetwork"}
_ONLY = {"app": {"scalingStrategy", "probe", "livenessProbe", "deploymentStrategy"},
         "job": {"timeout", "readUser"}, "notebook": {"env", "quantumResources"}}


class _Reader:
    def __init__(self, sink: Sink) -> None:
        self.sink = sink
        self.ok = True

    def error(self, span: Span, message: str) -> None:
        self.ok = False
        self.sink.add("IT105", span, message)

    def typed(self, v: PValue | None, kinds: tuple[type, ...], what: str) -> Any:
        if v is None or v.value is None:
            return None
        value = v.value
        if bool in kinds or not isinstance(value, bool):
            if isinstance(value, float) and not math.isfinite(value) and float in kinds:
                self.error(v.span, f"`{what}` must be a finite number, not {value}")
                return None
            if isinstance(value, kinds):
                return value
        if int in kinds and isinstance(value, str) and value.isascii() and value.isdigit():
            if len(value) > MAX_INT_DIGITS:  # int() would refuse it
                self.sink.add("IT111", v.span, f"`{what}` has more than {MAX_INT_DIGITS} digits")
                self.ok = False
                return None
            return int(value)  # the CLI and many scripts quote numbers
        names = "/".join("integer" if k is int else "number" if k is float else
                         "boolean" if k is bool else "string" if k is str else
                         "list" if k is list else "object" for k in kinds)
        article = "an" if names[0] in "aeiou" else "a"
        found = "an object" if isinstance(value, dict) else "a list" if isinstance(
            value, list) else f"{type(value).__name__} {value!r}"[:80]
        self.error(v.span, f"`{what}` must be {article} {names}, not {found}")
        return None

    def s(self, m: PValue, key: str, where: str) -> str | None:
        return self.typed(m.get(key), (str,), f"{where}.{key}")

    def i(self, m: PValue, key: str, where: str, lo: int = 0, hi: int = INT32_MAX
          ) -> int | None:
        """An integer field within [lo, hi]: Kubernetes counts and ports are int32, most
        durations int64; a value past them would be written into a manifest it breaks."""
        n = self.typed(m.get(key), (int,), f"{where}.{key}")
        if n is not None and not lo <= n <= hi:
            v = m.get(key)
            assert v is not None
            self.error(v.span, f"`{where}.{key}` must be between {lo} and {hi}")
            return None
        return n

    def port(self, m: PValue, key: str, where: str) -> int | None:
        return self.i(m, key, where, 1, 65535)

    def b(self, m: PValue, key: str, where: str) -> bool | None:
        return self.typed(m.get(key), (bool,), f"{where}.{key}")


def read_body(doc: PValue, sink: Sink, kind: str | None = None) -> ai.AiWorkload | None:
    """One workload from an API body (or `ovhai ... get -o json|yaml` output); None on error."""
    r = _Reader(sink)
    if not isinstance(doc.value, dict):
        r.error(doc.span, "an AI spec must be a JSON/YAML object")
        return None
    wrapped = doc.get("spec")  # `ovhai ... get -o json` wraps the spec with id/status
    spec = wrapped if wrapped is not None and isinstance(wrapped.value, dict) else doc
    kind = kind or _guess_kind(spec, doc, sink)
    known = FIELDS[kind]
    for key, kspan in spec.key_spans.items():
        if key in known or key in OUTPUT_ONLY or (spec is not doc and key == "spec"):
            continue
        sug = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.7)
        sink.add("IT209", kspan, f"`{key}` is not a field of an AI {kind} spec",
                 f"did you mean `{sug[0]}`?" if sug else "it is not translated")
    w = _workload(r, spec, kind)
    if kind != "notebook" and r.ok and not (w.image or "").strip():
        at = spec.get("image")
        sink.add("IT114", at.span if at is not None else spec.span,
                 f"the {kind} has {'a blank' if at is not None else 'no'} `image`; it is "
                 "not translated")
        return None
    return w if r.ok else None


def _guess_kind(spec: PValue, doc: PValue, sink: Sink) -> str:
    keys = set(spec.key_spans)
    env = spec.get("env")
    if env is not None and isinstance(env.value, dict):
        return "notebook"
    for kind in ("app", "job"):
        if keys & _ONLY[kind]:
            return kind
    sink.add("IT210", doc.span, "nothing marks this body as an app, job or notebook; it is "
             "read as an app", "name the file *job*.json / *notebook*.yaml or pass the kind")
    return "app"


def _workload(r: _Reader, m: PValue, kind: str) -> ai.AiWorkload:
    where = kind
    res = m.get("resources")
    flavor = cpu = gpu = None
    if res is not None and r.typed(res, (dict,), f"{where}.resources") is not None:
        flavor = r.s(res, "flavor", "resources")
        cpu = r.i(res, "cpu", "resources")
        gpu = r.i(res, "gpu", "resources")
    command = tuple(_strings(r, m.get("command"), f"{where}.command"))
    env_obj = m.get("env") if kind == "notebook" else None
    spans = _field_spans(m, res)
    return ai.AiWorkload(
        kind=kind, name=r.s(m, "name", where), span=m.span,
        image=r.s(m, "image", where), region=r.s(m, "region", where),
        flavor=flavor, cpu=cpu, gpu=gpu, command=command,
        http_port=r.port(m, "defaultHttpPort", where), grpc_port=r.port(m, "grpcPort", where),
        env=tuple(_env(r, m.get("envVars"))), labels=tuple(_labels(r, m.get("labels"))),
        volumes=tuple(_volumes(r, m.get("volumes"))),
        probe=_probe(r, m.get("probe"), "probe"),
        liveness=_probe(r, m.get("livenessProbe"), "livenessProbe"),
        scaling=_scaling(r, m.get("scalingStrategy")),
        rollout=_rollout(r, m.get("deploymentStrategy")),
        unsecure_http=bool(r.b(m, "unsecureHttp", where)),
        ssh_public_keys=tuple(_strings(r, m.get("sshPublicKeys"), f"{where}.sshPublicKeys")),
        timeout_seconds=r.i(m, "timeout", where, hi=INT64_MAX),
        timeout_auto_restart=bool(r.b(m, "timeoutAutoRestart", where)),
        read_user=r.s(m, "readUser", where), shutdown=r.s(m, "shutdown", where),
        partner_id=r.s(m, "partnerId", where),
        framework=r.s(env_obj, "frameworkId", "env") if env_obj else None,
        editor=r.s(env_obj, "editorId", "env") if env_obj else None,
        framework_version=r.s(env_obj, "frameworkVersion", "env") if env_obj else None,
        source="body", field_spans=spans)


# IR fields read from `resources`: their spans are those of the nested values, so that a
# diagnostic about the flavor points at the flavor, not at the start of the body.
_RESOURCE_FIELDS = ("flavor", "cpu", "gpu")


def _field_spans(m: PValue, res: PValue | None) -> tuple[tuple[str, Span], ...]:
    """(IR field, span of its value): top-level fields, and `resources.flavor/cpu/gpu` under
    the IR's names (a stray top-level `flavor` is not what the workload reads)."""
    top = [(k, v.span) for k, v in (m.value or {}).items() if k not in _RESOURCE_FIELDS]
    nested = [(k, v.span) for k in _RESOURCE_FIELDS
              if res is not None and (v := res.get(k)) is not None]
    return tuple(nested + top)


def _strings(r: _Reader, v: PValue | None, what: str) -> list[str]:
    items = r.typed(v, (list,), what)
    out = []
    for item in items or ():
        s = r.typed(item, (str, int, float), what + "[]")
        if s is not None:
            out.append(str(s))
    return out


def _env(r: _Reader, v: PValue | None) -> list[ai.EnvVar]:
    out = []
    for item in r.typed(v, (list,), "envVars") or ():
        if r.typed(item, (dict,), "envVars[]") is None:
            continue
        name = r.s(item, "name", "envVars[]")
        value = r.typed(item.get("value"), (str, int, float, bool), "envVars[].value")
        if name is None:
            r.error(item.span, "an entry of `envVars` needs a `name`")
            continue
        out.append(ai.EnvVar(name, None if value is None else str(value), item.span))
    return out


def _labels(r: _Reader, v: PValue | None) -> list[tuple[str, str]]:
    labels = r.typed(v, (dict,), "labels") or {}
    return [(k, str(r.typed(x, (str, int, float, bool), f"labels.{k}"))) for k, x in
            sorted(labels.items())]


def _volumes(r: _Reader, v: PValue | None) -> list[ai.Volume]:
    out = []
    for item in r.typed(v, (list,), "volumes") or ():
        if r.typed(item, (dict,), "volumes[]") is None:
            continue
        vol = _volume(r, item)
        if vol is not None:
            out.append(vol)
    return out


def _volume(r: _Reader, m: PValue) -> ai.Volume | None:
    mount = r.s(m, "mountPath", "volumes[]")
    perm = (r.s(m, "permission", "volumes[]") or "RO").upper()
    if mount is None:
        r.error(m.span, "a volume needs a `mountPath`")
        return None
    if perm not in ("RO", "RW", "RWD"):
        r.error(m.get("permission").span, f"volume permission must be RO, RW or RWD, "  # type: ignore[union-attr]
                f"not {perm!r}")
        return None
    cache = bool(r.b(m, "cache", "volumes[]"))
    src = m.get("volumeSource") or m  # the deprecated form has the sources at top level
    for key, kind in (("dataStore", "datastore"), ("publicGit", "git"),
                      ("publicSwift", "swift"), ("standalone", "standalone")):
        s = src.get(key)
        if s is not None and r.typed(s, (dict,), f"volumes[].{key}") is not None:
            return ai.Volume(mount, perm, cache, kind,
                             container=r.s(s, "container", key), alias=r.s(s, "alias", key),
                             prefix=r.s(s, "prefix", key), url=r.s(s, "url", key),
                             name=r.s(s, "name", key), archive=r.s(s, "archive", key),
                             span=m.span)
    container = r.s(m, "container", "volumes[]")
    if container is not None:  # oldest form: container/region/prefix at top level
        return ai.Volume(mount, perm, cache, "datastore", container=container,
                         alias=r.s(m, "region", "volumes[]"),
                         prefix=r.s(m, "prefix", "volumes[]"), span=m.span)
    r.error(m.span, "a volume needs a source: volumeSource.dataStore, publicGit, publicSwift "
            "or standalone")
    return None


def _probe(r: _Reader, v: PValue | None, what: str) -> ai.Probe | None:
    if v is None or r.typed(v, (dict,), what) is None:
        return None
    return ai.Probe(path=r.s(v, "path", what) or "/", port=r.port(v, "port", what),
                    initial_delay_seconds=r.i(v, "initialDelaySeconds", what),
                    period_seconds=r.i(v, "periodSeconds", what),
                    timeout_seconds=r.i(v, "timeoutSeconds", what),
                    success_threshold=r.i(v, "successThreshold", what),
                    failure_threshold=r.i(v, "failureThreshold", what), span=v.span)


def _scaling(r: _Reader, v: PValue | None) -> ai.Scaling | None:
    if v is None or r.typed(v, (dict,), "scalingStrategy") is None:
        return None
    fixed, auto = v.get("fixed"), v.get("automatic")
    if fixed is not None and r.typed(fixed, (dict,), "scalingStrategy.fixed") is not None:
        return ai.Scaling(replicas=r.i(fixed, "replicas", "fixed"), span=v.span)
    if auto is None or r.typed(auto, (dict,), "scalingStrategy.automatic") is None:
        r.error(v.span, "scalingStrategy needs `fixed` or `automatic`")
        return None
    custom = None
    cm = auto.get("customMetrics")
    if cm is not None and r.typed(cm, (dict,), "customMetrics") is not None:
        target = r.typed(cm.get("targetValue"), (int, float), "customMetrics.targetValue")
        if isinstance(target, int) and abs(target) > 2**53:  # float() would overflow or round
            r.error(cm.get("targetValue").span,  # type: ignore[union-attr]
                    "`customMetrics.targetValue` is out of range")
            target = None
        custom = ai.CustomMetrics(r.s(cm, "apiUrl", "customMetrics") or "",
                                  (r.s(cm, "format", "customMetrics") or "JSON").upper(),
                                  r.s(cm, "valueLocation", "customMetrics") or "",
                                  float(target or 0),
                                  (r.s(cm, "aggregationType", "customMetrics")
                                   or "AVERAGE").upper())
    rtype = r.s(auto, "resourceType", "automatic")
    return ai.Scaling(min_replicas=r.i(auto, "replicasMin", "automatic"),
                      max_replicas=r.i(auto, "replicasMax", "automatic"),
                      resource_type=rtype.upper() if rtype else None,
                      target_percent=r.i(auto, "averageUsageTarget", "automatic"),
                      custom=custom, span=v.span)


def _rollout(r: _Reader, v: PValue | None) -> ai.Rollout | None:
    if v is None or r.typed(v, (dict,), "deploymentStrategy") is None:
        return None
    w = "deploymentStrategy"
    return ai.Rollout(_count_or_percent(r, v, "maxSurge"),
                      _count_or_percent(r, v, "maxUnavailable"),
                      r.i(v, "progressDeadlineSeconds", w),
                      r.i(v, "terminationGracePeriodSeconds", w, hi=INT64_MAX))


def _count_or_percent(r: _Reader, v: PValue, key: str) -> int | str | None:
    """maxSurge/maxUnavailable: an int32 count or a "25%" string."""
    x = v.get(key)
    if x is not None and isinstance(x.value, int) and not isinstance(x.value, bool):
        return r.i(v, key, "deploymentStrategy")
    result: int | str | None = r.typed(x, (int, str), f"deploymentStrategy.{key}")
    return result
