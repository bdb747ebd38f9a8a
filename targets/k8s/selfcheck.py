"""Self-check of emitted Kubernetes objects: every selector, port and reference lands."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span

Obj = dict[str, Any]
Group = tuple[Span | None, list[Obj]]  # the source a set of objects was built from
_WORKLOADS = {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod"}


def _d(x: Any) -> dict[str, Any]:
    return x if isinstance(x, dict) else {}


def _l(x: Any) -> list[Any]:
    return x if isinstance(x, list) else []


def _key(o: Obj) -> tuple[str, str, str]:
    meta = _d(o.get("metadata"))
    return str(o.get("kind", "")), str(meta.get("namespace", "")), str(meta.get("name", ""))


def pod_template(o: Obj) -> Obj | None:
    """The pod template (metadata + spec) of a workload, or None."""
    kind, spec = o.get("kind"), _d(o.get("spec"))
    if kind == "Pod":
        return o
    if kind == "CronJob":
        return _d(_d(_d(spec.get("jobTemplate")).get("spec")).get("template")) or None
    if kind in _WORKLOADS:
        return _d(spec.get("template")) or None
    return None


def _containers(pod: Obj) -> Iterator[Obj]:
    spec = _d(pod.get("spec"))
    for key in ("initContainers", "containers"):
        yield from (c for c in _l(spec.get(key)) if isinstance(c, dict))


def _ports(pod: Obj) -> tuple[set[int], set[str]]:
    nums, names = set(), set()
    for c in _containers(pod):
        for p in _l(c.get("ports")):
            if isinstance(p, dict):
                if isinstance(p.get("containerPort"), int):
                    nums.add(p["containerPort"])
                if p.get("name"):
                    names.add(str(p["name"]))
    return nums, names


def references(pod: Obj) -> Iterator[tuple[str, str]]:
    """(kind, name) of every Secret, ConfigMap and PVC a pod needs (optional ones skipped)."""
    spec = _d(pod.get("spec"))
    for c in _containers(pod):
        for env in _l(c.get("env")):
            vf = _d(_d(env).get("valueFrom"))
            for key, kind in (("secretKeyRef", "Secret"), ("configMapKeyRef", "ConfigMap")):
                ref = _d(vf.get(key))
                if ref.get("name") and not ref.get("optional"):
                    yield kind, str(ref["name"])
        for src in _l(c.get("envFrom")):
            for key, kind in (("secretRef", "Secret"), ("configMapRef", "ConfigMap")):
                ref = _d(_d(src).get(key))
                if ref.get("name") and not ref.get("optional"):
                    yield kind, str(ref["name"])
    for v in (_d(v) for v in _l(spec.get("volumes"))):
        if _d(v.get("secret")).get("secretName") and not _d(v.get("secret")).get("optional"):
            yield "Secret", str(v["secret"]["secretName"])
        if _d(v.get("configMap")).get("name") and not _d(v.get("configMap")).get("optional"):
            yield "ConfigMap", str(v["configMap"]["name"])
        if _d(v.get("persistentVolumeClaim")).get("claimName"):
            yield "PersistentVolumeClaim", str(v["persistentVolumeClaim"]["claimName"])
    for ref in _l(spec.get("imagePullSecrets")):
        if _d(ref).get("name"):
            yield "Secret", str(ref["name"])


class _Check:
    def __init__(self, groups: list[Group], sink: Sink) -> None:
        self.groups, self.sink = groups, sink
        self.objs = {_key(o): o for _, objs in groups for o in objs if isinstance(o, dict)}
        self.pods = [(k, p) for k, o in self.objs.items() if (p := pod_template(o))]
        # A name a diagnostic already quotes (IT312 "create it with kubectl...") is reported.
        self.quoted = " ".join(d.message + " " + d.hint for d in sink.sorted())
        # Every text between two successive backticks: "`name`" is in `quoted` exactly when
        # the (backtick-free) name is one of them; one set instead of a search per reference.
        ticks = self.quoted.split("`")
        self.ticked = set(ticks[1:-1])
        # Pods by (namespace, label, value): a Service looks at the pods of its rarest label.
        self.labelled: dict[tuple[str, str, str], list[int]] = {}
        for i, ((_, pns, _), p) in enumerate(self.pods):
            for k, v in _d(_d(p.get("metadata")).get("labels")).items():
                if isinstance(v, str):
                    self.labelled.setdefault((pns, k, v), []).append(i)

    def run(self) -> None:
        for span, objs in self.groups:
            for o in (o for o in objs if isinstance(o, dict)):
                kind, ns, name = _key(o)
                where = f"{kind} `{name}`"
                pod = pod_template(o)
                if pod is not None:
                    self.selector(span, o, pod, where)
                    self.needs(span, ns, pod, where)
                if kind == "Service":
                    self.service(span, ns, o, where)
                elif kind == "HTTPRoute":
                    self.route(span, ns, o, where)
                elif kind == "Ingress":
                    self.ingress(span, ns, o, where)
                elif kind in ("HorizontalPodAutoscaler", "ScaledObject"):
                    self.scaler(span, ns, o, where)

    def add(self, span: Span | None, message: str, hint: str) -> None:
        self.sink.add("IT329", span, message, hint)

    def selector(self, span: Span | None, o: Obj, pod: Obj, where: str) -> None:
        if o.get("kind") in ("Pod", "Job", "CronJob"):
            return  # their selectors are generated by Kubernetes
        want = _d(_d(_d(o.get("spec")).get("selector")).get("matchLabels"))
        have = _d(_d(pod.get("metadata")).get("labels"))
        wrong = sorted(k for k, v in want.items() if have.get(k) != v)
        if not want or wrong:
            self.add(span, f"{where}: its selector does not match its pod labels"
                     + (f" ({', '.join(wrong)})" if wrong else ""),
                     "the API server refuses it: make spec.selector.matchLabels a subset of "
                     "the template's labels")

    def needs(self, span: Span | None, ns: str, pod: Obj, where: str) -> None:
        claims = {str(_d(t.get("metadata")).get("name", "")) for t in (
            _d(t) for t in _l(_d(pod.get("spec")).get("volumeClaimTemplates")))}
        for kind, name in sorted(set(references(pod))):
            if (kind, ns, name) in self.objs or name in claims or self._quotes(name):
                continue
            self.add(span, f"{where} reads {kind} `{name}`, which is neither written nor "
                     "reported", f"create {kind} `{name}` in the namespace before deploying")

    def _quotes(self, name: str) -> bool:
        return name in self.ticked if "`" not in name else f"`{name}`" in self.quoted

    def selected(self, ns: str, selector: dict[str, Any]) -> list[Obj]:
        if not selector:
            return []
        pods: Sequence[int] = range(len(self.pods))
        if all(isinstance(v, str) for v in selector.values()):  # else: look at every pod
            pods = min((self.labelled.get((ns, k, v), []) for k, v in selector.items()), key=len)
        return [p for (_, pns, _), p in (self.pods[i] for i in pods) if pns == ns and all(
            _d(_d(p.get("metadata")).get("labels")).get(k) == v for k, v in selector.items())]

    def service(self, span: Span | None, ns: str, o: Obj, where: str) -> None:
        spec = _d(o.get("spec"))
        selector = _d(spec.get("selector"))
        if not selector:
            return  # a Service without selector is managed by hand (EndpointSlices)
        pods = self.selected(ns, selector)
        if not pods:
            self.add(span, f"{where} selects no pods of a declared workload",
                     "make its selector match the workload's pod labels")
            return
        nums: set[int] = set()
        names: set[str] = set()
        for p in pods:
            n, m = _ports(p)
            nums, names = nums | n, names | m
        for port in (_d(p) for p in _l(spec.get("ports"))):
            target = port.get("targetPort", port.get("port"))
            if (isinstance(target, int) and target not in nums) or \
                    (isinstance(target, str) and target not in names):
                self.add(span, f"{where}: port {port.get('port')} targets `{target}`, which no "
                         "selected container declares", "declare the container port, or "
                         "point targetPort at one")

    def backend(self, span: Span | None, ns: str, name: Any, port: Any, where: str) -> None:
        svc = self.objs.get(("Service", ns, str(name)))
        if svc is None:
            self.add(span, f"{where} routes to Service `{name}`, which the output does not "
                     "define", "route to a Service that exists")
            return
        ports = [_d(p) for p in _l(_d(svc.get("spec")).get("ports"))]
        if port is not None and not any(p.get("port") == port or p.get("name") == port
                                        for p in ports):
            self.add(span, f"{where} routes to port {port} of Service `{name}`, which it "
                     "does not expose", "use one of the Service's ports")

    def route(self, span: Span | None, ns: str, o: Obj, where: str) -> None:
        for rule in (_d(r) for r in _l(_d(o.get("spec")).get("rules"))):
            for ref in (_d(r) for r in _l(rule.get("backendRefs"))):
                if ref.get("kind", "Service") == "Service" and not ref.get("group"):
                    self.backend(span, str(ref.get("namespace", ns)), ref.get("name"),
                                 ref.get("port"), where)

    def ingress(self, span: Span | None, ns: str, o: Obj, where: str) -> None:
        spec = _d(o.get("spec"))
        backends = [_d(spec.get("defaultBackend"))] if spec.get("defaultBackend") else []
        for rule in (_d(r) for r in _l(spec.get("rules"))):
            backends += [_d(_d(p).get("backend")) for p in _l(_d(rule.get("http")).get("paths"))]
        for b in backends:
            svc = _d(b.get("service"))
            if svc:
                port = _d(svc.get("port"))
                self.backend(span, ns, svc.get("name"), port.get("number", port.get("name")),
                             where)

    def scaler(self, span: Span | None, ns: str, o: Obj, where: str) -> None:
        ref = _d(_d(o.get("spec")).get("scaleTargetRef"))
        kind = str(ref.get("kind", "Deployment"))
        if (kind, ns, str(ref.get("name", ""))) not in self.objs:
            self.add(span, f"{where} scales {kind} `{ref.get('name')}`, which the output does "
                     "not define", "point scaleTargetRef at a declared workload")


def check(groups: list[Group], sink: Sink) -> None:
    """Report every broken link between the objects of one output (all groups together)."""
    _Check(groups, sink).run()
