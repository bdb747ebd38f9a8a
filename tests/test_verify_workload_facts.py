"""verify compares a workload's buckets, served port, namespace and requests on every cluster."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from golden_cases import cases
from iac_translate.compiler.api import TranslateOptions
from iac_translate.compiler.verify import verify

ESTATE = Path(__file__).resolve().parent.parent / "golden" / "estate_gke"


def _out(target: str, tmp: Path, file: str, old: str, new: str) -> Path:
    out = tmp / "out"
    shutil.copytree(ESTATE / "expected" / target, out)
    (out / "diagnostics.txt").unlink()
    path = out / "kubernetes" / file
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{file} of {target} no longer writes {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return out


def _lost(target: str, out: Path) -> set[tuple[str, str]]:
    v = verify(ESTATE / "input", out, target)
    assert not [d for d in v.diagnostics if d.severity.value == "error"], v.diagnostics
    return {(r.object, r.fact) for r in v.lost}


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_the_written_estate_loses_nothing_and_compares_the_new_facts(target: str) -> None:
    v = verify(ESTATE / "input", ESTATE / "expected" / target, target)
    facts = {(r.object, r.fact): r for r in v.rows}
    assert not v.lost
    assert facts[("app chat", "volumes")].output == "[/workspace/models=acme-models/llama]"
    assert facts[("job tokenize", "volumes")].output == "[/data=acme-models]"
    assert facts[("app chat", "served_port")].output == "8000"
    assert facts[("Deployment/web", "namespace")].output == "shop"
    assert {("app chat", "cpu_request"), ("job tokenize", "ram_request")} <= set(facts)


@pytest.mark.parametrize("target,old,new", [
    ("gke", "only-dir=llama", "only-dir=mistral"),
    ("gke", "bucketName: acme-models", "bucketName: acme-other"),
    ("eks", "prefix llama/", "prefix mistral/"),
    ("eks", "\n  - prefix llama/", ""),  # the whole bucket mounted
    ("aks", "--subdirectory=llama", "--subdirectory=mistral"),
    ("aks", "containerName: acme-models", "containerName: acme-other"),
    ("scaleway", ":s3:acme-models/llama", ":s3:acme-models/mistral"),
    ("scaleway", ":s3:acme-models/llama", ":s3:acme-other/llama"),
])
def test_another_bucket_or_prefix_is_lost(tmp_path: Path, target: str, old: str,
                                          new: str) -> None:
    assert _lost(target, _out(target, tmp_path, "chat.yaml", old, new)) == {
        ("app chat", "volumes")}


@pytest.mark.parametrize("old,new", [
    ("targetPort: http", "targetPort: 9000"),  # the Service reaches no container port
    ("    - name: chat\n      port: 80", "    - name: chat\n      port: 81"),  # the route's
    ("containerPort: 8000", "containerPort: 8080"),  # both the app's port and what it serves
])
@pytest.mark.parametrize("target", ["gke", "scaleway"])
def test_a_route_that_does_not_reach_the_app_port_is_lost(tmp_path: Path, target: str,
                                                          old: str, new: str) -> None:
    lost = _lost(target, _out(target, tmp_path, "chat.yaml", old, new))
    assert ("app chat", "served_port") in lost
    assert lost <= {("app chat", "served_port"), ("app chat", "http_port")}


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_an_exported_deployment_in_another_namespace_is_lost(tmp_path: Path,
                                                             target: str) -> None:
    out = _out(target, tmp_path, "exported/cluster/dump.yaml", "namespace: shop",
               "namespace: default")
    assert _lost(target, out) == {("Deployment/web", "namespace")}


@pytest.mark.parametrize("target,file,old,new,fact", [
    # lowered further than the placement diagnostic says (IT346 names 3600m)
    ("gke", "tokenize.yaml", "cpu: 3600m", "cpu: 3000m", "cpu_request"),
    ("aks", "tokenize.yaml", "memory: 10432Mi", "memory: 9Gi", "ram_request"),
    # lowered where no diagnostic says so (the limits stay: only the request shows it)
    ("gke", "chat.yaml", "requests:\n            cpu: '20'", "requests:\n            cpu: '8'",
     "cpu_request"),
    ("eks", "chat.yaml", "requests:\n            cpu: '20'\n            memory: 80Gi",
     "requests:\n            cpu: '20'\n            memory: 40Gi", "ram_request"),
])
def test_a_request_lowered_without_its_placement_diagnostic_is_lost(
        tmp_path: Path, target: str, file: str, old: str, new: str, fact: str) -> None:
    lost = _lost(target, _out(target, tmp_path, file, old, new))
    assert {f for _, f in lost} == {fact}


def test_a_lowered_request_is_mapped_by_the_placement_diagnostic() -> None:
    v = verify(ESTATE / "input", ESTATE / "expected" / "scaleway", "scaleway")
    rows = {(r.object, r.fact): r for r in v.rows}
    assert (rows[("app chat", "cpu_request")].output, rows[("app chat", "cpu_request")].why) \
        == ("7.3", "IT345")
    assert rows[("app chat", "cpu")].verdict == "equal"  # the limit keeps the flavor's size
    assert rows[("job tokenize", "ram_request")].why == "IT346"


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
@pytest.mark.parametrize("old,new,output", [
    # every object of the app elsewhere than the namespace its grants and pull secret name
    ("metadata:\n  name: chat\n", "metadata:\n  name: chat\n  namespace: ml\n", "ml"),
    # the route apart from its Service and pods
    ("kind: HTTPRoute\nmetadata:\n  name: chat\n",
     "kind: HTTPRoute\nmetadata:\n  name: chat\n  namespace: ml\n", "[default, ml]"),
])
def test_an_app_in_another_namespace_is_lost(tmp_path: Path, target: str, old: str, new: str,
                                             output: str) -> None:
    out = _out(target, tmp_path, "chat.yaml", old, new)
    v = verify(ESTATE / "input", out, target)
    assert [(r.object, r.fact, r.output) for r in v.lost] == [("app chat", "namespace", output)]


def test_an_ingress_to_another_service_port_is_lost(tmp_path: Path) -> None:
    case = next(c for c in cases() if c.name == "ai_options_dra_ingress_monitoring")
    out = tmp_path / "out"
    shutil.copytree(case.expected_dir("k8s"), out)
    (out / "diagnostics.txt").unlink()
    opts = TranslateOptions(**dict(case.options))
    assert not verify(case.input, out, "k8s", opts).lost
    path = out / "chat-api.yaml"
    text = path.read_text(encoding="utf-8")
    old = "            port:\n              name: http"
    assert old in text
    path.write_text(text.replace(old, "            port:\n              name: metrics"),
                    encoding="utf-8")
    lost = verify(case.input, out, "k8s", opts).lost
    assert [(r.object, r.fact) for r in lost] == [("app chat-api", "served_port")]


def test_what_a_diagnostic_must_name_to_explain_another_bucket() -> None:
    from iac_translate.compiler.verify.k8s_rows import _other_buckets
    src = ["/m=acme_models/llama", "/d=data"]
    # the bucket renamed, its prefix kept: naming the new bucket explains it (IT324)
    assert _other_buckets(src, ["/m=acme-models/llama", "/d=data"]) == ["acme-models"]
    # another prefix, or the whole bucket: the diagnostic must name bucket/prefix
    assert _other_buckets(src, ["/m=acme_models/mistral"]) == ["acme_models/mistral"]
    assert _other_buckets(src, ["/m=acme_models"]) == ["acme_models/"]
    assert _other_buckets(src, ["/d=data/x"]) == ["data/x"]
