"""Kapsule placement: requests fit an estimated allocatable, never the node's whole size."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ai_sources
from iac_translate.compiler.ir import ai
from iac_translate.targets import clusterfacts
from iac_translate.targets.k8s import placement

ESTATE = Path(__file__).resolve().parent.parent / "golden" / "estate_gke" / "input"
L4_1 = placement.Node(8.0, 48.0, "scaleway_k8s_pool.gpu (L4-1-24G)", "L4-1-24G")


def _profile(cluster: str) -> dict[str, Any]:
    prof = clusterfacts.profile(cluster)
    assert prof is not None
    return prof


def _workload() -> ai.AiWorkload:
    return ai_sources.read_all({"job.json": '{"name": "t", "image": "i"}'}, Sink())[0]


def _fit(cpu: str, memory: str, node: placement.Node = L4_1
         ) -> tuple[dict[str, str], Any]:
    res: dict[str, Any] = {"requests": {"cpu": cpu, "memory": memory}}
    sink = Sink()
    placement.fit_requests(_workload(), res, node, _profile("scaleway"), sink)
    [d] = sink.sorted()
    return res["requests"], d


def test_the_kapsule_reservation_is_an_assumption_at_least_the_published_ones() -> None:
    scw = _profile("scaleway")
    assert "no kubelet, system or eviction reservation" in scw["reserved"]["assumed"]
    # The upper bound of the clouds that publish theirs, on small, GPU and large nodes.
    for vcpu, ram, machine in ((2, 8, "t3.large"), (4, 16, "m7i.xlarge"), (8, 48, "g6.2xlarge"),
                               (32, 240, "p5.4xlarge")):
        mine = placement.allocatable(placement.Node(vcpu, ram, "n", machine), scw)
        for other in ("gke", "eks", "aks"):
            prof = copy.deepcopy(_profile(other))
            if other == "aks":  # its formula at Kapsule's max pods (AKS's overlay runs 250)
                prof["reserved"]["memory_per_pod"]["max_pods_default"] = 110
            theirs = placement.allocatable(placement.Node(vcpu, ram, "n", machine), prof)
            assert mine[0] <= theirs[0] and mine[1] <= theirs[1], (other, vcpu)
    # L4-1-24G: 180m kube-reserved CPU + 0.5 of DaemonSets; 4.52 GiB + 100 MiB + 1 GiB
    cpu, ram = placement.allocatable(L4_1, scw)
    assert cpu == pytest.approx(8 - 0.18 - 0.5)
    assert ram == pytest.approx(48 - 4.52 - 0.1 - 1.0)


def test_the_ai_workload_on_an_l4_node_asks_no_more_than_it_allocates() -> None:
    req, d = _fit("20", "80Gi")
    cpu, ram = placement.allocatable(L4_1, _profile("scaleway"))
    assert req == {"cpu": "7300m", "memory": "43392Mi"}
    assert 7.3 <= cpu and 43392 / 1024 <= ram
    assert d.code == "IT345" and d.severity.value == "error"
    assert "is an estimate" in d.message and "publishes no kubelet" in d.message
    # L4-2-24G keeps 15.24 CPU: the smallest L4 type that holds 20 CPU is L4-4-24G.
    assert "use L4-4-24G (32 vCPU, 192 GiB, 4 x L4) instead of L4-1-24G" in d.hint
    assert "L4-2-24G" not in d.hint and "keep the requests lowered" in d.hint


def test_the_hint_names_the_smallest_type_of_the_same_gpu() -> None:
    _, d = _fit("15", "80Gi")
    assert d.code == "IT345" and "use L4-2-24G (16 vCPU, 96 GiB, 2 x L4)" in d.hint
    # 1 GiB more than an L4-2-24G allocates: the next size
    _, d = _fit("15", "88Gi")
    assert "use L4-4-24G" in d.hint
    _, d = _fit("40", "900Gi")
    assert "no machine type of scaleway with the L4 GPU holds them" in d.hint
    unknown = placement.Node(8.0, 48.0, "scaleway_k8s_pool.x (computed)", None)
    _, d = _fit("20", "80Gi", unknown)
    assert "add a pool with larger machines" in d.hint


def test_a_near_fit_is_lowered_and_says_why() -> None:
    req, d = _fit("13", "40Gi")
    assert req["cpu"] == "7300m" and req["memory"] == "40Gi"
    assert d.code == "IT346" and "is an estimate" in d.message
    assert "kubectl describe node" in d.hint and "use " not in d.hint


def test_the_estate_pods_request_what_their_kapsule_node_allocates() -> None:
    r = translate(ESTATE, "scaleway")
    scw = _profile("scaleway")
    nodes = {"chat": placement.Node(8, 48, "gpu", "L4-1-24G"),
             "tokenize": placement.Node(4, 16, "general", "POP2-4C-16G")}
    seen = set()
    for path, text in r.files.items():
        if not path.startswith("kubernetes/") or not path.endswith(".yaml"):
            continue
        for doc in yaml.safe_load_all(text):
            spec = ((doc or {}).get("spec") or {}).get("template", {}).get("spec") or {}
            name = (doc or {}).get("metadata", {}).get("name")
            if name not in nodes or not spec:
                continue
            cpu, ram = placement.allocatable(nodes[name], scw)
            for c in spec["containers"]:
                req = c["resources"]["requests"]
                assert float(req["cpu"].rstrip("m")) / 1000 <= cpu, name
                assert float(req["memory"].rstrip("Mi")) / 1024 <= ram, name
            seen.add(name)
    assert seen == {"chat", "tokenize"}
