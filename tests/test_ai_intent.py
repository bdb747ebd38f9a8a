"""Intent: what each source workload says is what the emitted manifests do; secrets never leak."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml
from golden_cases import cases
from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ai_names, ai_sources
from iac_translate.compiler.ir import ai
from iac_translate.targets.k8s.objects import dns_name
from iac_translate.targets.k8s.pod import looks_secret
from iac_translate.targets.mapping import data_table, load_tables

AI_CASES = [c for c in cases() if "k8s" in c.targets]
FLAVORS = load_tables("gke").ai_flavors["flavors"]
NOTEBOOKS = data_table("data/ai_notebook_images.json") or {}


def _workloads(case) -> list[ai.AiWorkload]:  # type: ignore[no-untyped-def]
    sink = Sink()
    files = ai_sources.collect([case.input], sink)
    return ai_names.assign(ai_sources.read_all(files, sink), sink)


def _objects(case) -> dict[tuple[str, str], dict[str, Any]]:  # type: ignore[no-untyped-def]
    result = translate(case.input, "k8s")
    objs = [o for rel, text in result.files.items() if rel.endswith(".yaml")
            and rel != "kustomization.yaml" for o in yaml.safe_load_all(text) if o]
    return {(o["kind"], o["metadata"]["name"]): o for o in objs}


def test_there_are_ai_cases() -> None:
    assert len(AI_CASES) >= 4


@pytest.mark.parametrize("case", AI_CASES, ids=lambda c: c.name)
def test_manifests_keep_the_workload_intent(case) -> None:  # type: ignore[no-untyped-def]
    objs = _objects(case)
    for w in _workloads(case):
        name = dns_name(w.name, "")
        kind = "Job" if w.kind == "job" else "Deployment"
        spec = objs[(kind, name)]["spec"]
        pod = spec["template"]["spec"]
        (main,) = pod["containers"]
        if w.kind != "notebook":
            assert main["image"] == w.image
        from_secret = {e["name"] for e in main.get("env", []) if "secretKeyRef" in
                       e.get("valueFrom", {})}
        args = tuple(main.get("args", ()))
        assert len(args) == len(w.command)
        for emitted, source in zip(args, w.command):
            # A credential argument is read from the Secret through Kubernetes' $(VAR).
            refs = re.findall(r"\$\((\w+)\)", emitted)
            assert emitted == source or (refs and set(refs) <= from_secret and
                                         re.sub(r"\$\(\w+\)", "", emitted) in source)
        if w.kind == "notebook":  # the community image's own port and user
            editors = NOTEBOOKS["editors"]
            editor = editors.get(w.editor or "") or editors[NOTEBOOKS["default_editor"]]
            assert main["ports"][0]["containerPort"] == editor["port"]
            assert pod["securityContext"]["runAsUser"] == editor["uid"]
        elif w.kind != "job" or w.http_port:
            assert main["ports"][0]["containerPort"] == (w.http_port or 8080)
            assert pod["securityContext"]["runAsUser"] == 42420
        flavor = FLAVORS[w.flavor or ("ai1-1-cpu" if w.cpu and not w.gpu else "ai1-1-gpu")]
        units = (w.gpu if flavor["gpu"] else w.cpu) or 1
        limits = main["resources"]["limits"]
        assert limits["cpu"] == str(flavor["vcpu"] * units)
        assert limits["memory"] == f"{int(flavor['ram_gib'] * units)}Gi"
        assert limits.get("nvidia.com/gpu") == (units if flavor["gpu"] else None)
        assert main["resources"]["requests"] == {k: v for k, v in limits.items()
                                                  if k != "nvidia.com/gpu"}
        added = {e["name"] for e in main.get("env", [])} - {e.name for e in w.env}
        assert {e.name for e in w.env} <= {e["name"] for e in main.get("env", [])}
        assert added <= from_secret
        mounts = {m["mountPath"] for m in main.get("volumeMounts", [])}
        assert {v.mount_path for v in w.volumes} <= mounts
        s = w.scaling
        if w.kind == "app":
            assert ("HTTPRoute", name) in objs and ("Service", name) in objs
            if s is None or not s.automatic:
                assert spec["replicas"] == (s.replicas if s and s.replicas else 1)
            else:
                scaler = objs.get(("HorizontalPodAutoscaler", name)) or objs[("ScaledObject",
                                                                              name)]
                lo = scaler["spec"].get("minReplicas", scaler["spec"].get("minReplicaCount"))
                hi = scaler["spec"].get("maxReplicas", scaler["spec"].get("maxReplicaCount"))
                assert (lo, hi) == (s.min_replicas, s.max_replicas)
                assert "replicas" not in spec
        if w.kind == "job" and w.timeout_seconds:
            assert spec["activeDeadlineSeconds"] == w.timeout_seconds


@pytest.mark.parametrize("case", AI_CASES, ids=lambda c: c.name)
def test_credential_values_never_appear_in_output(case) -> None:  # type: ignore[no-untyped-def]
    secrets = [e.value for w in _workloads(case) for e in w.env
               if looks_secret(e) and e.value and len(e.value) > 3]
    result = translate(case.input, "k8s")
    text = "\n".join(result.files.values()) + "\n".join(d.message + d.hint
                                                         for d in result.diagnostics)
    for value in secrets:
        assert value not in text
