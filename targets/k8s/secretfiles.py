"""Secrets outside the applied manifests: env templates the user fills and a kustomization."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.span import Span

from ..yamlwrite import dump_all

MANAGED = {"app.kubernetes.io/managed-by": "iac-translate"}


@dataclass(frozen=True)
class SecretSpec:
    """A Secret the written objects read and that the user must create with real values."""

    name: str
    keys: tuple[str, ...]
    span: Span | None = None
    namespace: str = ""
    type: str = "Opaque"
    labels: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def env_file(self) -> str:
        """The env file kustomize reads, relative to the output directory."""
        return f"secrets/{self.namespace + '/' if self.namespace else ''}{self.name}.env"


def merged(specs: list[SecretSpec]) -> list[SecretSpec]:
    """One spec per (namespace, name), keys in first-seen order: two workloads may share one."""
    out: dict[tuple[str, str], SecretSpec] = {}
    for s in specs:
        old = out.get((s.namespace, s.name))
        if old is None:
            out[(s.namespace, s.name)] = s
        else:
            keys = old.keys + tuple(k for k in s.keys if k not in old.keys)
            out[(s.namespace, s.name)] = SecretSpec(old.name, keys, old.span, old.namespace,
                                                    old.type, old.labels)
    return list(out.values())


def files(specs: list[SecretSpec], resources: list[str]) -> dict[str, str]:
    """`kustomization.yaml` (the manifests plus a secretGenerator per Secret) and, per Secret,
    `secrets/<name>.env.example` listing its keys with empty values; never a value."""
    out: dict[str, str] = {}
    generators: list[dict[str, Any]] = []
    for s in specs:
        ns = f" in namespace `{s.namespace}`" if s.namespace else ""
        out[f"{s.env_file}.example"] = (
            f"# Keys of Secret `{s.name}`{ns}, read by the manifests beside kustomization.yaml.\n"
            f"# Copy this file to {s.env_file.rsplit('/', 1)[-1]} beside it, write each value "
            "after `=`,\n# then run `kubectl apply -k .` in the output directory. The .env "
            "file is git-ignored.\n" + "".join(f"{k}=\n" for k in s.keys))
        gen: dict[str, Any] = {"name": s.name}
        if s.namespace:
            gen["namespace"] = s.namespace
        gen["type"] = s.type
        gen["envs"] = [s.env_file]
        if s.labels:
            gen["options"] = {"labels": dict(s.labels)}
        generators.append(gen)
    doc: dict[str, Any] = {"apiVersion": "kustomize.config.k8s.io/v1beta1",
                           "kind": "Kustomization", "metadata": {"labels": dict(MANAGED)},
                           "resources": list(resources)}
    if generators:
        # The pods name their Secrets literally: no content hash suffix.
        doc["generatorOptions"] = {"disableNameSuffixHash": True}
        doc["secretGenerator"] = generators
        out["secrets/.gitignore"] = "# Filled env files hold credentials: never commit them.\n" \
            "*.env\n"
    out["kustomization.yaml"] = dump_all([doc])[len("---\n"):]
    return out


def _keys(s: SecretSpec) -> str:
    return ", ".join(s.keys)


def report_kustomize(specs: list[SecretSpec], sink: Sink) -> None:
    """IT343 per Secret: how to give it its values (before selfcheck, which reads the names)."""
    for s in specs:
        ns = f" (namespace `{s.namespace}`)" if s.namespace else ""
        sink.add("IT343", s.span, f"Secret `{s.name}`{ns} is not in the manifests: "
                 f"kustomization.yaml generates it from {s.env_file} (keys {_keys(s)})",
                 f"cp {s.env_file}.example {s.env_file}, fill in the values, then "
                 "`kubectl apply -k .` in the output directory")


def create_command(s: SecretSpec, namespace: str = "") -> str:
    """The kubectl command that creates the Secret with every key (values elided)."""
    ns = s.namespace or namespace
    return (f"kubectl create secret generic {s.name}" + (f" -n {ns}" if ns else "")
            + (f" --type={s.type}" if s.type != "Opaque" else "")
            + "".join(f" --from-literal={k}=..." for k in s.keys))


def fill_hint(secret: str, keys: list[str]) -> str:
    """Per-key hint; the one note per Secret (IT343 for manifests, IT344 for the chart) gives
    the command, so the two outputs never disagree on how the Secret is created."""
    return f"set {', '.join(keys)} in Secret `{secret}` as its IT343 (manifests) or IT344 " \
        "(chart) note says"
