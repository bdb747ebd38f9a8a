"""Credentials in MKS-exported manifests: Secret values and literal env values are not copied."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler import secrets
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span

from . import scrub
from .secretfiles import SecretSpec, fill_hint


def secret(obj: dict[str, Any], sink: Sink, span: Span, where: str) -> SecretSpec:
    """A kind Secret is not written: its keys (values never copied) go to the Secret the user
    creates (kustomize env file, or before `helm install`)."""
    keys = tuple(sorted({*(obj.get("data") or {}), *(obj.get("stringData") or {})}))
    meta = obj.get("metadata") or {}
    name, ns = str(meta.get("name", "?")), str(meta.get("namespace") or "")
    labels = {str(k): str(v) for k, v in (meta.get("labels") or {}).items()}
    sink.add("IT316", span, f"{where}: the values of its {len(keys)} key(s) are not copied; "
             "it is not written with the manifests", fill_hint(name, list(keys)))
    return SecretSpec(name, keys, span, ns, str(obj.get("type") or "Opaque"), labels)


def _pod_specs(obj: dict[str, Any]) -> list[dict[str, Any]]:
    spec = obj.get("spec")
    if not isinstance(spec, dict):
        return []
    if obj.get("kind") == "Pod":
        return [spec]
    if obj.get("kind") == "CronJob":
        spec = (spec.get("jobTemplate") or {}).get("spec") or {}
    tmpl = spec.get("template")
    inner = tmpl.get("spec") if isinstance(tmpl, dict) else None
    return [inner] if isinstance(inner, dict) else []


def workload(obj: dict[str, Any], sink: Sink, span: Span, where: str) -> SecretSpec | None:
    """Literal credentials in env values and args of a pod template move to a new Secret
    (returned, for the user to create) read through secretKeyRef and `$(VAR)`."""
    meta = obj.get("metadata") or {}
    name = f"{meta.get('name', 'exported')}-credentials"
    keys: list[str] = []
    for spec in _pod_specs(obj):
        for c in [*(spec.get("initContainers") or []), *(spec.get("containers") or [])]:
            if not isinstance(c, dict):
                continue
            env = c.get("env") or []
            taken = {e.get("name", "") for e in env if isinstance(e, dict)}
            for e in env:
                value = e.get("value") if isinstance(e, dict) else None
                if not isinstance(value, str) or not value or secrets.placeholder(value):
                    continue
                if secrets.secret_name(str(e.get("name", ""))) or secrets.secret_value(value):
                    key = str(e.get("name"))
                    del e["value"]
                    e["valueFrom"] = {"secretKeyRef": {"name": name, "key": key}}
                    keys.append(key)
                    sink.add("IT316", span, f"{where}: env `{key}` of container "
                             f"`{c.get('name')}` held a literal credential; it is read from "
                             f"Secret `{name}` and its value is not written",
                             fill_hint(name, [key]))
            for field in ("command", "args"):
                if isinstance(c.get(field), list) and all(isinstance(a, str) for a in c[field]):
                    c[field], new = scrub.args(tuple(c[field]), name, taken, sink, span)
                    env.extend({"name": k, "valueFrom": {"secretKeyRef": {"name": name,
                                                                          "key": k}}}
                               for k in new)
                    keys += new
            if env:
                c["env"] = env
    if not keys:
        return None
    return SecretSpec(name, tuple(keys), span, str(meta.get("namespace") or ""))
