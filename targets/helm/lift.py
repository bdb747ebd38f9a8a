"""Lift tunable values out of a workload's Kubernetes objects into Helm values and templates."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from typing import Any

from ..yamlwrite import dump_all
from . import identity, names


@dataclass
class _Slots:
    """Placeholders put into the objects before dumping, replaced by template text after."""

    items: list[tuple[str, str, Any]] = field(default_factory=list)  # (kind, expr, value)

    def add(self, kind: str, expr: str, value: Any = None) -> str:
        self.items.append((kind, expr, value))
        return f"HELMX{len(self.items) - 1}X"


def lift(objs: list[dict[str, Any]], name: str, chart: str,
         secrets: list[str]) -> tuple[str, dict[str, Any]]:
    """(template file text, values of this workload) for the objects of one workload; the
    Secrets it reads (`secrets`) are existing ones, named by values."""
    objs = [copy.deepcopy(o) for o in objs]
    slots = _Slots()
    values: dict[str, Any] = {"enabled": True}
    if secrets:
        values["secrets"] = {names.secret_key(name, s): {"existingSecret": s} for s in secrets}
    kinds = {o["kind"] for o in objs}
    hpa = next((o for o in objs if o["kind"] == "HorizontalPodAutoscaler"), None)
    for o in objs:
        _labels(o, slots, chart)
        if o["kind"] in ("Deployment", "Job"):
            _workload(o, slots, values, hpa is not None)
    if hpa is not None:
        spec = hpa["spec"]
        metric = spec["metrics"][0]["resource"]
        key = "targetCPUUtilizationPercentage" if metric["name"] == "cpu" else \
            "targetMemoryUtilizationPercentage"
        values["autoscaling"] = {"enabled": True, "minReplicas": spec["minReplicas"],
                                 "maxReplicas": spec["maxReplicas"],
                                 key: metric["target"]["averageUtilization"]}
        spec["minReplicas"] = slots.add("scalar", "$w.autoscaling.minReplicas")
        spec["maxReplicas"] = slots.add("scalar", "$w.autoscaling.maxReplicas")
        metric["target"]["averageUtilization"] = slots.add("scalar", f"$w.autoscaling.{key}")
    elif "Deployment" in kinds and "replicaCount" in values:
        values["autoscaling"] = {"enabled": False}
    for o in objs:
        if o["kind"] == "HTTPRoute":
            values["httpRoute"] = {"enabled": True, "parentRefs": o["spec"]["parentRefs"]}
            o["spec"]["parentRefs"] = slots.add("block", "$w.httpRoute.parentRefs", [])
        elif o["kind"] == "Ingress":
            values["ingress"] = {"enabled": True}
    accounts = [o for o in objs if o["kind"] == "ServiceAccount"]
    names.template_names(objs, name, set(secrets),
                         lambda expr, quoted: slots.add("quoted" if quoted else "scalar", expr))
    if accounts:
        # Granted buckets by name (Workload Identity, in the Terraform): the account keeps
        # its name whatever the release is called; the value says which name the grant has.
        values["serviceAccount"] = {"name": name}
        for o in objs:
            if o["kind"] == "ServiceAccount":
                o["metadata"]["name"] = slots.add("quoted", "$w.serviceAccount.name")
            spec = o.get("spec", {}).get("template", {}).get("spec", {}) \
                if o["kind"] in ("Deployment", "Job") else {}
            if "serviceAccountName" in spec:
                spec["serviceAccountName"] = slots.add("quoted", "$w.serviceAccount.name")
    identity.lift_client_ids(objs, values, lambda expr: slots.add("quoted", expr))
    docs = []
    for o in objs:
        text = _fill(dump_all([o])[len("---\n"):], slots)
        cond = {"HorizontalPodAutoscaler": "$w.autoscaling.enabled",
                "HTTPRoute": "$w.httpRoute.enabled", "Ingress": "$w.ingress.enabled"}.get(o["kind"])
        docs.append(f"{{{{- if {cond} }}}}\n---\n{text}{{{{- end }}}}\n" if cond
                    else f"---\n{text}")
    head = (f'{{{{- $w := index .Values.workloads "{name}" }}}}\n' + names.head(chart, name)
            + "{{- if $w.enabled }}\n")
    return head + "".join(docs) + "{{- end }}\n", values


def _labels(o: dict[str, Any], slots: _Slots, chart: str) -> None:
    """The chart's common labels (`_helpers.tpl`) replace the managed-by label."""
    for meta in _metadatas(o):
        if meta.get("labels") is None:
            continue
        # Builders share label dicts between objects: edit a copy.
        labels = meta["labels"] = dict(meta["labels"])
        labels.pop("app.kubernetes.io/managed-by", None)
        labels[slots.add("include", f'include "{chart}.labels" $')] = ""


def _metadatas(o: dict[str, Any]) -> list[dict[str, Any]]:
    out = [o.get("metadata", {})]
    tmpl = o.get("spec", {}).get("template")
    if isinstance(tmpl, dict) and "metadata" in tmpl:
        out.append(tmpl["metadata"])
    return out


def _workload(o: dict[str, Any], slots: _Slots, values: dict[str, Any], has_hpa: bool) -> None:
    spec = o["spec"]
    pod = spec["template"]["spec"]
    main = pod["containers"][0]
    repo, tag = split_image(main["image"])
    values["image"] = {"repository": repo, "tag": tag}
    main["image"] = slots.add("quoted", '$w.image.repository }}:{{ $w.image.tag')
    if "replicas" in spec:
        values["replicaCount"] = spec["replicas"]
        spec["replicas"] = slots.add("replicas", "$w.replicaCount")
    # Env values are tunable; references to Secrets stay in the template (their names are
    # `secrets.*.existingSecret` values). Volumes too: they name the release's claims.
    plain = [e for e in main.get("env", []) if "valueFrom" not in e]
    if plain:
        values["env"] = plain
        main["env"] = [e for e in main["env"] if "valueFrom" in e] + \
            [slots.add("items", "$w.env")]
    for key, holder in (("resources", main), ("volumeMounts", main),
                        ("nodeSelector", pod), ("tolerations", pod)):
        if key in holder:
            values[key] = holder[key]
            holder[key] = slots.add("block", f"$w.{key}", holder[key])


def split_image(image: str) -> tuple[str, str]:
    """`registry:5000/a/b:1.0` -> ("registry:5000/a/b", "1.0"); no tag -> "latest"."""
    last = image.rsplit("/", 1)[-1]
    if ":" in last:
        return image.rsplit(":", 1)[0], image.rsplit(":", 1)[1]
    return image, "latest"


_LINE = re.compile(r"^(?P<ind> *)(?P<dash>- )?(?P<key>[^:\n]+): HELMX(?P<n>\d+)X$", re.M)
_INCLUDE = re.compile(r"^(?P<ind> *)HELMX(?P<n>\d+)X: ''$", re.M)
_ITEMS = re.compile(r"^(?P<ind> *)- HELMX(?P<n>\d+)X$", re.M)


def escape(text: str) -> str:
    """Template delimiters in the objects' own strings (alert templates, Go templates in
    args) render as themselves instead of being evaluated by Helm."""
    return text.replace("{{", '{{ "{{" }}')


def _fill(text: str, slots: _Slots) -> str:
    text = escape(text)  # before the slots add the chart's own template actions
    def line(m: re.Match[str]) -> str:
        kind, expr, value = slots.items[int(m.group("n"))]
        ind, dash, key = m.group("ind"), m.group("dash") or "", m.group("key")
        if kind == "block":
            depth = len(ind) + len(dash) + (0 if isinstance(value, list) else 2)
            return f"{ind}{dash}{key}:\n{' ' * depth}{{{{- toYaml {expr} | nindent {depth} }}}}"
        if kind == "replicas":
            return (f"{ind}{{{{- if not $w.autoscaling.enabled }}}}\n{ind}{key}: {{{{ {expr} }}}}"
                    f"\n{ind}{{{{- end }}}}")
        return m.group(0)

    text = _INCLUDE.sub(lambda m: f"{m.group('ind')}{{{{- "
                        f"{slots.items[int(m.group('n'))][1]} | nindent {len(m.group('ind'))} }}}}",
                        text)
    text = _LINE.sub(line, text)
    text = _ITEMS.sub(lambda m: f"{m.group('ind')}{{{{- with "
                      f"{slots.items[int(m.group('n'))][1]} }}}}\n{m.group('ind')}{{{{- toYaml . "
                      f"| nindent {len(m.group('ind'))} }}}}\n{m.group('ind')}{{{{- end }}}}",
                      text)
    for n, (kind, expr, _) in enumerate(slots.items):
        rendered = f'"{{{{ {expr} }}}}"' if kind == "quoted" else f"{{{{ {expr} }}}}"
        text = text.replace(f"HELMX{n}X", rendered)
    return text
