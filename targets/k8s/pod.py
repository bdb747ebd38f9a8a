"""Pod templates for AI workloads: resources, GPUs, Secrets, probes, volumes, security."""

from __future__ import annotations

from typing import Any

from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends.ai_sources import looks_secret
from iac_translate.compiler.ir import ai

from .. import clusterfacts
from ..clusterfacts import ClusterFacts
from ..fit import fit_machine
from ..mapping import Tables
from . import placement, registry
from .secretfiles import fill_hint

# OVHcloud AI runs containers as UID/GID 42420; keeping it keeps file permissions working.
OVH_UID = 42420
RCLONE_IMAGE = "docker.io/rclone/rclone:1.68.2"
GIT_IMAGE = "docker.io/alpine/git:2.47.1"


def resources(w: ai.AiWorkload, tables: Tables, sink: Sink, cluster: str = "generic",
              facts: ClusterFacts | None = None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(container resources, pod scheduling fields) from the OVH flavor and unit count; in
    an estate run (`facts`: the pools the translated Terraform creates) the pods go to a
    pool that hosts them and their requests fit one of its nodes, and name the pull Secret
    of the private namespace their image moves to (k8s/registry.repoint)."""
    res, sched = _resources(w, tables, sink, cluster, facts)
    # (notebooks run a community image, never one of the OVH registry)
    secret = registry.pull_secret(w.image, facts) if w.kind != "notebook" else None
    if secret is not None:
        sched["imagePullSecrets"] = [{"name": secret}]
    return res, sched


def _resources(w: ai.AiWorkload, tables: Tables, sink: Sink, cluster: str,
               facts: ClusterFacts | None) -> tuple[dict[str, Any], dict[str, Any]]:
    flavors = tables.ai_flavors["flavors"]
    name = w.flavor
    if name is None:
        name = "ai1-1-cpu" if w.cpu and not w.gpu else "ai1-1-gpu"
        sink.add("IT308", w.span, f"no flavor given: OVH's default `{name}` is assumed",
                 "pass the flavor explicitly (--flavor)")
    spec = flavors.get(name)
    if spec is None:
        sink.add("IT303", w.span_of("flavor"), f"unknown AI flavor `{name}`; no resources are "
                 "requested", "add it to data/ovh_ai_flavors.json with --mapping")
        return {}, {}
    units = (w.gpu if spec["gpu"] else w.cpu) or 1
    cpu = str(spec["vcpu"] * units)
    memory = f"{int(spec['ram_gib'] * units)}Gi"
    # Requests equal the flavor so that utilisation targets mean what they meant on OVH.
    res: dict[str, Any] = {"requests": {"cpu": cpu, "memory": memory},
                           "limits": {"cpu": cpu, "memory": memory}}
    sched: dict[str, Any] = {}
    node: placement.Node | None = None
    accelerator = None
    count = 0
    if spec["gpu"]:
        sched["nodeSelector"], count, node = gpu_selector(w, name, spec, units, tables, sink,
                                                          cluster)
        prof = clusterfacts.profile(cluster) if cluster != "generic" else None
        accelerator = sched["nodeSelector"].get(prof["gpu"]["selector_label"]) if prof \
            else None
        if prof is not None and prof["gpu"]["value"] == "machine_type" and accelerator:
            # The nodes are labelled with their instance type: the pools to look for are
            # those whose instance type has the same GPU.
            if facts is None:
                sink.add("IT308", w.span_of("flavor"), f"pods of {w.kind} `{w.name}` select "
                         f"instance type `{accelerator}` ({prof['gpu']['selector_label']}), "
                         f"the one the {cluster} target maps flavor `{name}` to",
                         "nodes of another GPU instance type need this nodeSelector changed; "
                         "an estate run selects the node group's own type")
            accelerator = _accelerator_of(accelerator, tables)
        res["limits"]["nvidia.com/gpu"] = count
        sched["tolerations"] = [{"key": "nvidia.com/gpu", "operator": "Exists",
                                 "effect": "NoSchedule"}]
    # A GPU with no known accelerator keeps its GPU Feature Discovery label (IT303/IT319).
    pools = placement.hosts(w, accelerator, count, facts, sink, res) \
        if cluster != "generic" and (accelerator or not spec["gpu"]) else None
    if pools:
        node = placement.node_of(pools) or node
        prof = clusterfacts.profile(cluster)
        if spec["gpu"] and prof is not None and prof["gpu"]["value"] == "machine_type":
            _select_pool_type(w, sched, pools, prof["gpu"]["selector_label"], sink)
        before = sched.get("tolerations", [])
        tolerations = placement.tolerations(pools, before)
        if len(tolerations) > len(before):
            sched["tolerations"] = tolerations
            added = ", ".join(f"{t['key']}={t.get('value', '')}:{t['effect']}"
                              for t in tolerations[len(before):])
            sink.add("IT346", w.span_of("flavor"), f"pods of {w.kind} `{w.name}` tolerate "
                     f"the taints of the pool that hosts them ({added}): "
                     + ", ".join(p.address for p in pools))
    profile = facts.profile if facts is not None else clusterfacts.profile(cluster)
    if node is not None and profile is not None:
        placement.fit_requests(w, res, node, profile, sink)
    return res, sched


def gpu_selector(w: ai.AiWorkload, flavor: str, spec: dict[str, Any], units: int,
                 tables: Tables, sink: Sink, cluster: str
                 ) -> tuple[dict[str, str], int, placement.Node | None]:
    """The node label that picks the flavor's GPU model on the cluster, the GPU count and
    the machine the gke target would create for the flavor (None when not known).
    GKE labels GPU nodes with their accelerator, and has no V100S, L40S, A10...: the model
    and count the gke Terraform target maps the same flavor to (targets/fit.py, the node
    pool's rule: 1 L40S may become 2 L4) are requested and the swap reported."""
    gpu = spec["gpu"]
    model = gpu["model"]
    at = w.span_of("flavor")
    prof = clusterfacts.profile(cluster) if cluster != "generic" else None
    if prof is not None and prof["gpu"]["value"] == "machine_type" and \
            tables.machine_types.get("target") == cluster:
        # (only with that cloud's instance table: AKS has none yet)
        found = _instance_type(w, flavor, spec, units, tables, sink, prof)
        if found is not None:
            return found
    if prof is not None and prof["gpu"]["value"] == "accelerator":
        # The cloud labels GPU nodes with their accelerator (its cluster profile).
        fit = fit_machine({"vcpu": spec["vcpu"] * units, "ram_gb": spec["ram_gib"] * units,
                           "gpu": {"model": model, "count": units}}, tables)
        target = fit.gpu_model if fit and fit.gpu_model else model
        accelerator = fit.accelerator if fit and fit.accelerator else _accelerator(target,
                                                                                    tables)
        count = fit.gpu_count if fit and fit.gpu_count else units
        if accelerator:
            if target != model:
                sink.add("IT311", at, f"flavor `{flavor}` has {units} x {model} GPU, which GKE "
                         f"does not offer: pods request {count} x `{accelerator}` ({target})",
                         fit.note if fit else "")
            node = placement.Node(fit.vcpu, fit.ram_gb, f"{fit.machine_type} machines",
                                  fit.machine_type) \
                if fit else None
            return {prof["gpu"]["selector_label"]: accelerator}, count, node
        sink.add("IT303", at, f"no GKE accelerator is known for the {model} GPU of flavor "
                 f"`{flavor}`; the GPU Feature Discovery label is kept")
    sink.add("IT319", at, f"pods select the {model} GPU of flavor `{flavor}` with the "
             f"`nvidia.com/gpu.product: {gpu['product']}` node label: it exists only on nodes "
             "labelled by NVIDIA GPU Feature Discovery that have this exact model",
             "install GPU Feature Discovery (NVIDIA GPU Operator) or change the nodeSelector "
             "to your nodes' label; on GKE use --cluster gke")
    return {"nvidia.com/gpu.product": gpu["product"]}, units, None


def _instance_type(w: ai.AiWorkload, flavor: str, spec: dict[str, Any], units: int,
                   tables: Tables, sink: Sink, prof: dict[str, Any]
                   ) -> tuple[dict[str, str], int, placement.Node | None] | None:
    """EKS labels nodes with their instance type: the pods select the GPU instance type the
    eks Terraform target maps the same shape to (targets/fit.py, as for its node groups)."""
    model = spec["gpu"]["model"]
    fit = fit_machine({"vcpu": spec["vcpu"] * units, "ram_gb": spec["ram_gib"] * units,
                       "gpu": {"model": model, "count": units}}, tables)
    if fit is None or not fit.gpu_count:
        return None
    at = w.span_of("flavor")
    if fit.gpu_model and fit.gpu_model != model:
        sink.add("IT311", at, f"flavor `{flavor}` has {units} x {model} GPU, which the "
                 f"cluster's instance types do not offer: pods request {fit.gpu_count} x "
                 f"{fit.gpu_model} on `{fit.machine_type}`", fit.note)
    node = placement.Node(fit.vcpu, fit.ram_gb, f"{fit.machine_type} machines",
                          fit.machine_type)
    count = fit.gpu_count if fit.gpu_model != model else units
    return {prof["gpu"]["selector_label"]: fit.machine_type}, count, node


def _accelerator_of(machine_type: str, tables: Tables) -> str | None:
    gpu = (tables.machine_types.get("machine_types", {}).get(machine_type) or {}).get("gpu")
    return str(gpu["accelerator"]) if gpu and gpu.get("accelerator") else None


def _select_pool_type(w: ai.AiWorkload, sched: dict[str, Any], pools: list[Any],
                      label: str, sink: Sink) -> None:
    """Estate runs on EKS: the pods select the instance type of the node group that hosts
    them (the label value is the instance type, and the pool may use a larger one)."""
    types = sorted({p.machine_type for p in pools if p.machine_type})
    if len(types) == 1 and sched.get("nodeSelector", {}).get(label) != types[0]:
        sched["nodeSelector"] = {**sched.get("nodeSelector", {}), label: types[0]}
        sink.add("IT346", w.span_of("flavor"), f"pods of {w.kind} `{w.name}` select instance "
                 f"type `{types[0]}`, the one of the node group that hosts them: "
                 + ", ".join(p.address for p in pools))


def _accelerator(model: str, tables: Tables) -> str | None:
    attachable = tables.machine_types.get("attachable_gpus", {}).get(model)
    if attachable:
        return str(attachable["accelerator"])
    for _, mt in sorted(tables.machine_types.get("machine_types", {}).items()):
        if (mt.get("gpu") or {}).get("model") == model:
            return str(mt["gpu"]["accelerator"])
    return None


def env(w: ai.AiWorkload, secret_name: str, sink: Sink) -> tuple[list[dict[str, Any]], list[str]]:
    """Container env; credential-like values become secretKeyRefs (their names returned)."""
    out: list[dict[str, Any]] = []
    secret_keys: list[str] = []
    for e in w.env:
        if looks_secret(e):
            secret_keys.append(e.name)
            out.append({"name": e.name, "valueFrom": {"secretKeyRef": {
                "name": secret_name, "key": e.name}}})
            sink.add("IT312", e.span, f"`{e.name}` looks like a credential: it is read from "
                     f"Secret `{secret_name}` and its value is not written",
                     fill_hint(secret_name, [e.name]))
        else:
            out.append({"name": e.name, "value": e.value or ""})
    return out, secret_keys


def probe(p: ai.Probe | None, default_port: Any) -> dict[str, Any] | None:
    if p is None:
        return None
    out: dict[str, Any] = {"httpGet": {"path": p.path, "port": p.port or default_port}}
    for key, value in (("initialDelaySeconds", p.initial_delay_seconds),
                       ("periodSeconds", p.period_seconds),
                       ("timeoutSeconds", p.timeout_seconds),
                       ("successThreshold", p.success_threshold),
                       ("failureThreshold", p.failure_threshold)):
        if value is not None:
            out[key] = value
    return out


def security(pod: bool, uid: int = OVH_UID, gid: int = OVH_UID) -> dict[str, Any]:
    """Pod Security Standards `restricted`, with the image's runtime user (OVH's 42420 for
    apps and jobs, the image's own for community notebook images)."""
    if pod:
        return {"runAsNonRoot": True, "runAsUser": uid, "runAsGroup": gid,
                "fsGroup": gid, "seccompProfile": {"type": "RuntimeDefault"}}
    return {"allowPrivilegeEscalation": False, "capabilities": {"drop": ["ALL"]}}
