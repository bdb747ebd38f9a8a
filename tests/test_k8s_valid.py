"""Every emitted Kubernetes object passes strict schema validation (unknown fields rejected):
built-in kinds with kubernetes-validate for 1.34, custom resources against their CRDs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml
from golden_cases import GOLDEN
from jsonschema import Draft7Validator

K8S_VERSION = "1.34.0"
CRDS = Path(__file__).resolve().parent.parent.parent / "shared" / "crds"
CUSTOM = {"gateway.networking.k8s.io", "keda.sh", "kueue.x-k8s.io", "monitoring.coreos.com"}


def _objects() -> list[tuple[str, dict[str, Any]]]:
    out = []
    # The k8s target's manifests, and the workloads half of gke estates.
    for path in sorted([*GOLDEN.glob("*/expected/k8s/**/*.yaml"),
                        *GOLDEN.glob("*/expected/gke/kubernetes/**/*.yaml")]):
        if path.name == "kustomization.yaml":  # kustomize's, checked by test_k8s_kustomize
            continue
        for i, doc in enumerate(yaml.safe_load_all(path.read_text(encoding="utf-8"))):
            if doc:
                out.append((f"{path.relative_to(GOLDEN)}#{i}", doc))
    return out


OBJECTS = _objects()


def test_there_are_manifests() -> None:
    assert len(OBJECTS) >= 15


@pytest.mark.parametrize("where,obj", [o for o in OBJECTS if o[1]["apiVersion"].split("/")[0]
                                       not in CUSTOM], ids=lambda v: v if isinstance(v, str)
                         else "")
def test_builtin_kinds_are_strictly_valid(where: str, obj: dict[str, Any]) -> None:
    kubernetes_validate.validate(obj, K8S_VERSION, strict=True)


def _strict(schema: Any) -> Any:
    """Reject unknown fields, except where the CRD preserves them."""
    if isinstance(schema, dict):
        schema = {k: _strict(v) for k, v in schema.items()}
        if schema.get("type") == "object" and "properties" in schema and \
                "additionalProperties" not in schema and \
                not schema.get("x-kubernetes-preserve-unknown-fields"):
            schema["additionalProperties"] = False
        return schema
    if isinstance(schema, list):
        return [_strict(v) for v in schema]
    return schema


def _crd_schema(api_version: str, kind: str) -> dict[str, Any] | None:
    group, version = api_version.split("/")
    for f in sorted(CRDS.glob(f"{group}_*.yaml")):
        for crd in yaml.safe_load_all(f.read_text(encoding="utf-8")):
            if crd and crd["spec"]["names"]["kind"] == kind:
                for v in crd["spec"]["versions"]:
                    if v["name"] == version:
                        schema = v["schema"]["openAPIV3Schema"]
                        schema.setdefault("properties", {}).update(
                            {"apiVersion": {"type": "string"}, "kind": {"type": "string"},
                             "metadata": {"type": "object"}})
                        return _strict(schema)  # type: ignore[no-any-return]
    return None


@pytest.mark.parametrize("where,obj", [o for o in OBJECTS if o[1]["apiVersion"].split("/")[0]
                                       in CUSTOM], ids=lambda v: v if isinstance(v, str)
                         else "")
def test_custom_resources_match_their_crds(where: str, obj: dict[str, Any]) -> None:
    if not CRDS.is_dir():
        pytest.skip(f"{CRDS} is absent: custom resources were NOT validated against CRDs")
    schema = _crd_schema(obj["apiVersion"], obj["kind"])
    assert schema is not None, f"no CRD for {obj['apiVersion']} {obj['kind']} in {CRDS}"
    errors = sorted(Draft7Validator(schema).iter_errors(obj), key=lambda e: e.path)
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def test_the_crd_check_rejects_an_unknown_field() -> None:
    if not CRDS.is_dir():
        pytest.skip(f"{CRDS} is absent: the CRD check itself was NOT exercised")
    schema = _crd_schema("gateway.networking.k8s.io/v1", "HTTPRoute")
    assert schema is not None
    bad = {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute",
           "metadata": {"name": "x"}, "spec": {"parentRefs": [{"name": "g"}], "rulez": []}}
    assert list(Draft7Validator(schema).iter_errors(bad))
