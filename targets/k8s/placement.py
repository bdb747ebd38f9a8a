"""Where a workload's pods run: the translated node pool that hosts them, and what fits one node."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import ai

from ..clusterfacts import ClusterFacts, Pool
from ..mapping import data_table


@dataclass(frozen=True)
class Node:
    """The size of one node a pod must fit on."""

    vcpu: float
    ram_gib: float
    what: str  # named in messages: `google_container_node_pool.gpu (g2-standard-32)`
    machine: str | None = None  # the machine type, where the reservation depends on it


def allocatable(node: Node, profile: dict[str, Any]) -> tuple[float, float]:
    """(CPUs, GiB) a pod can request on `node`: its size minus what the cloud reserves
    (kubelet, system) and what its system DaemonSets request (the profile's `reserved`)."""
    r = profile.get("reserved")
    if not r:
        return node.vcpu, node.ram_gib
    cpu = node.vcpu - _stepped(node.vcpu, r["cpu"]) - r["daemonsets"]["cpu"]
    ram = node.ram_gib - _kube_memory(node, r) - r["eviction_gib"] - \
        r["daemonsets"]["memory_gib"]
    return max(cpu, 0.0), max(ram, 0.0)


def _kube_memory(node: Node, r: dict[str, Any]) -> float:
    """GiB kept for the kubelet: stepped over the node's memory (GKE), or a base plus a
    share per pod the machine type can run (the EKS AMI: its max pods come from the ENIs),
    or the larger of both where an assumed reservation bounds both formulas (Kapsule)."""
    per_pod = r.get("memory_per_pod")
    stepped = _stepped(node.ram_gib, r["memory_gib"]) if "memory_gib" in r else 0.0
    if per_pod is None:
        return stepped
    pods = per_pod["max_pods"].get(node.machine or "", per_pod["max_pods_default"])
    return max(stepped, float(per_pod["base_mib"] + per_pod["per_pod_mib"] * pods) / 1024)


def _stepped(size: float, steps: list[list[float | None]]) -> float:
    left, taken = size, 0.0
    for step, share in steps:
        part = left if step is None else min(left, step)
        taken += part * float(share or 0)
        left -= part
        if left <= 0:
            break
    return taken


def hosts(w: ai.AiWorkload, accelerator: str | None, gpus: int, facts: ClusterFacts | None,
          sink: Sink, res: dict[str, Any] | None = None) -> list[Pool] | None:
    """The pools of the translated Terraform that can host the pods (same GPU after mapping,
    enough GPUs per node); None when the estate has no pools to check against. IT345 names
    the workload and the pools when none can."""
    if facts is None or not facts.pools:
        return None
    if accelerator:
        fit = [p for p in facts.gpu_pools()
               if p.gpu_accelerator == accelerator and p.gpu_count >= gpus]
        unknown = [p.address for p in facts.pools if p.machine_type is None]
        if not fit and unknown:
            # A machine type computed at plan time may be the GPU machine: no verdict.
            sink.add("IT347", w.span_of("flavor"), f"{w.kind} `{w.name}` needs {gpus} x "
                     f"`{accelerator}` on one node; whether {', '.join(unknown)} "
                     "offers it is known only at plan time (its machine type is computed)",
                     "check that a pool has that GPU once the plan is known")
        elif not fit:
            offered = ", ".join(f"{p.address} ({p.gpu_count} x {p.gpu_accelerator})"
                                for p in facts.gpu_pools()) or "no GPU pool"
            sink.add("IT345", w.span_of("flavor"), f"{w.kind} `{w.name}` needs {gpus} x "
                     f"`{accelerator}` on one node; the translated Terraform has {offered}",
                     "add a node pool with that GPU (or change the flavor)")
        return _whole(fit, res, facts.profile) or fit
    # CPU pods go where nothing keeps them out and they fit whole: untainted CPU pools
    # first (a taint reserves a pool for someone), then tainted ones; else the same order
    # where they fit only with lower requests; GPU pools when the cluster has no other.
    plain = [p for p in facts.pools if not p.gpu_count]
    free = [p for p in plain if not p.taints]
    return (_whole(free, res, facts.profile) or _whole(plain, res, facts.profile) or free
            or plain or list(facts.pools))


def _whole(pools: list[Pool], res: dict[str, Any] | None,
           profile: dict[str, Any]) -> list[Pool]:
    """The pools one of whose nodes holds the requests as they are."""
    req = (res or {}).get("requests") or {}
    cpu, ram = _cpu(req.get("cpu")) or 0.0, _gib(req.get("memory")) or 0.0
    out = []
    for p in pools:
        if p.vcpu and p.ram_gb:
            have = allocatable(Node(float(p.vcpu), float(p.ram_gb), p.address,
                                    p.machine_type), profile)
            if cpu <= have[0] and ram <= have[1]:
                out.append(p)
    return out


def tolerations(pools: list[Pool], existing: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Tolerations of the taints the hosting pools carry (from the OVH pool template), so
    that the pods can land where the Terraform puts the capacity they need."""
    out = list(existing)
    for p in pools:
        for key, value, effect in p.taints:
            t = {"key": key, "operator": "Equal", "value": value, "effect": effect} if value \
                else {"key": key, "operator": "Exists", "effect": effect}
            if key and t not in out and not any(
                    o.get("key") == key and o.get("operator") == "Exists" and
                    o.get("effect") == effect for o in out):
                out.append(t)
    return out


def node_of(pools: list[Pool]) -> Node | None:
    """The largest node among the hosting pools whose machine size is known."""
    known = [p for p in pools if p.vcpu and p.ram_gb]
    if not known:
        return None
    best = max(known, key=lambda p: (p.vcpu or 0, p.ram_gb or 0, p.address))
    return Node(float(best.vcpu or 0), float(best.ram_gb or 0),
                f"{best.address} ({best.machine_type})", best.machine_type)


def fit_requests(w: ai.AiWorkload, res: dict[str, Any], node: Node, profile: dict[str, Any],
                 sink: Sink) -> None:
    """Lower the pod's CPU and memory requests (limits stay) to what one node offers, so
    the pod can be scheduled at all; each change is reported, with why the node offers
    that (an assumed reservation) and, far from the flavor, the machine type to use."""
    cpu, ram = allocatable(node, profile)
    req = res.get("requests") or {}
    changed = []
    want_cpu = _cpu(req.get("cpu"))
    if want_cpu is not None and want_cpu > cpu:
        new = math.floor(cpu * 10) / 10
        req["cpu"] = _cpu_text(new)
        changed.append(f"cpu {_cpu_text(want_cpu)} -> {req['cpu']}")
    want_ram = _gib(req.get("memory"))
    if want_ram is not None and want_ram > ram:
        mib = int(ram * 1024) // 64 * 64
        req["memory"] = f"{mib}Mi"
        changed.append(f"memory {_gib_text(want_ram)} -> {req['memory']}")
    if not changed:
        return
    # Less than half of what the flavor gives is another workload, not a rounding: no pool
    # hosts it (the requests are still lowered, so that the pods can start at all).
    far = (want_cpu or 0) > 2 * cpu or (want_ram or 0) > 2 * ram
    r = profile.get("reserved")
    if not r:
        why = (f"; computed from the node's whole capacity: the {profile.get('cluster')} "
               "profile has no kubelet or system reservation")
    elif r.get("assumed"):  # no published figure: say that the allocatable is a guess
        why = (f"; the node's allocatable ({_cpu_text(math.floor(cpu * 10) / 10)} CPU, "
               f"{_gib_text(round(ram, 1))} of {_cpu_text(node.vcpu)} CPU, "
               f"{_gib_text(node.ram_gib)}) is an estimate: {r['assumed']}")
    else:
        why = ""
    hints = [_larger(node, want_cpu or 0, want_ram or 0, profile),
             f"or keep the requests lowered to one {node.machine or 'node'} if the "
             "workload runs within them"] if far else []
    if not r or r.get("assumed"):
        hints.append("compare with the node's allocatable (`kubectl describe node`): pods "
                     "requesting more stay Pending")
    sink.add("IT345" if far else "IT346", w.span_of("flavor"), f"requests of {w.kind} "
             f"`{w.name}` are lowered to fit one node of {node.what}: {', '.join(changed)} "
             "(limits keep the OVH flavor's size)" + why + (
                 "; that is less than half of the flavor: no translated pool hosts it"
                 if far else ""), "; ".join(hints))


def _larger(node: Node, cpu: float, ram: float, profile: dict[str, Any]) -> str:
    """The hint naming the smallest machine type of the target's table that holds the
    requests on one node, with the GPU of the node's type (or none, as it has none)."""
    table = data_table(f"{profile.get('cluster')}/machine_types.json") or {}
    types: dict[str, Any] = table.get("machine_types", {})
    gpu = (types.get(node.machine or "") or {}).get("gpu")
    if node.machine not in types:
        return "add a pool with larger machines"
    fits = []
    for name, t in types.items():
        other = t.get("gpu")
        if (other or {}).get("model") != (gpu or {}).get("model") or \
                (gpu and other["count"] < gpu["count"]):
            continue
        have = allocatable(Node(float(t["vcpu"]), float(t["ram_gb"]), name, name), profile)
        if cpu <= have[0] and ram <= have[1]:
            fits.append((t["vcpu"], t["ram_gb"], name, t))
    kind = f"the {gpu['model']} GPU" if gpu else "no GPU"
    if not fits:
        return (f"no machine type of {profile.get('cluster')} with {kind} holds them on one "
                "node: split the workload, or choose another flavor")
    vcpu, ram_gb, name, t = min(fits)
    gpus = f", {t['gpu']['count']} x {gpu['model']}" if gpu else ""
    return (f"use {name} ({vcpu} vCPU, {ram_gb} GiB{gpus}) instead of {node.machine}: the "
            f"smallest {profile.get('cluster')} machine type with {kind} that holds them")


def _cpu(v: Any) -> float | None:
    if v is None:
        return None
    s = str(v)
    return float(s[:-1]) / 1000 if s.endswith("m") else float(s)


def _cpu_text(v: float) -> str:
    return str(int(v)) if v == int(v) else f"{int(round(v * 1000))}m"


def _gib(v: Any) -> float | None:
    if v is None:
        return None
    s = str(v)
    for unit, scale in (("Gi", 1.0), ("Mi", 1 / 1024)):
        if s.endswith(unit):
            return float(s[:-2]) * scale
    return None


def _gib_text(v: float) -> str:
    return f"{v:g}Gi"
