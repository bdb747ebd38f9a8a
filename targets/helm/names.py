"""Release-derived names in chart templates: objects, references to them, and existing Secrets."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

INSTANCE = "app.kubernetes.io/instance"
_NAME = "app.kubernetes.io/name"  # the application's name: the same in every release


def head(chart: str, workload: str) -> str:
    """Template lines binding `$name`, the workload's base name in this release: the release's
    full name for the workload the chart is named after, `<fullname>-<workload>` for others."""
    full = f'include "{chart}.fullname" $'
    expr = full if workload == chart else \
        f'printf "%s-%s" ({full}) "{workload}" | trunc 63 | trimSuffix "-"'
    return f"{{{{- $name := {expr} }}}}\n"


def secret_key(workload: str, secret: str) -> str:
    """`secret-app-env` of workload `secret-app` -> `env` (its key under `secrets`)."""
    return secret[len(workload) + 1:] if secret.startswith(f"{workload}-") else secret


def template_names(objs: list[dict[str, Any]], workload: str, secrets: set[str],
                   slot: Callable[[str, bool], str]) -> None:
    """Replace, in place, every string naming an object of this workload by a template of
    `$name`, the instance label by the release name, and Secret names by their values."""
    created = {str(o.get("metadata", {}).get("name")) for o in objs}

    def expr(s: str) -> str | None:
        if s in secrets:
            return slot(f'(index $w.secrets "{secret_key(workload, s)}").existingSecret', True)
        if s == workload:
            return slot("$name", True)
        if s in created:
            suffix = s[len(workload):] if s.startswith(workload) else f"-{s}"
            return slot(f'printf "%s{suffix}" $name', True)
        if f"//{workload}.default.svc" in s:  # KEDA metrics-api URLs address the Service
            return s.replace(f"//{workload}.default.svc", f"//{slot('$name', False)}."
                             f"{slot('$.Release.Namespace', False)}.svc")
        return None

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for k, v in list(node.items()):
                if k == INSTANCE and isinstance(v, str):
                    node[k] = slot("$.Release.Name", True)
                elif k == _NAME:
                    continue
                elif isinstance(v, str):
                    new = expr(v)
                    if new is not None:
                        node[k] = new
                else:
                    walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                if isinstance(v, str):
                    new = expr(v)
                    if new is not None:
                        node[i] = new
                else:
                    walk(v)

    for o in objs:
        walk(o)
