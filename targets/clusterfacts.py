"""What a translated platform offers its workloads, read back from the Terraform it wrote."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Any

from iac_translate.compiler.hcl.ast import Block, Body
from iac_translate.compiler.hcl.parser import ParseError, parse_body_text
from iac_translate.compiler.ir import expr as E

from .mapping import Tables, data_table
from .tfeval import Scope


@dataclass(frozen=True)
class Pool:
    """One node pool as written: literal values only (None when an expression decides)."""

    address: str  # `google_container_node_pool.gpu`, in `file`
    file: str
    name: str | None
    machine_type: str | None
    vcpu: float | None
    ram_gb: float | None
    gpu_model: str | None
    gpu_accelerator: str | None
    gpu_count: int
    taints: tuple[tuple[str, str, str], ...]  # (key, value, effect as Kubernetes spells it)
    labels: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ClusterFacts:
    """The cluster profile of the target cloud and what its Terraform creates."""

    profile: dict[str, Any]
    pools: tuple[Pool, ...] = ()
    # bucket name -> address; "" -> the first bucket whose name is known only at plan time
    buckets: dict[str, str] = field(default_factory=dict)
    registries: tuple[tuple[str, str | None, str | None], ...] = ()  # address, location, id
    clusters: tuple[str, ...] = ()  # addresses
    gcs_fuse: bool = False  # a cluster enables the object-storage CSI driver
    # bucket address -> the file declaring it, for buckets with a single instance (no
    # count/for_each): grants to workloads are written beside them
    bucket_files: dict[str, str] = field(default_factory=dict)
    project: str | None = None  # the cloud project/account, when the Terraform fixes it
    cluster_files: dict[str, str] = field(default_factory=dict)  # cluster address -> file
    # registries the nodes pull from only with an imagePullSecret (a private Scaleway
    # namespace: Kapsule nodes hold no registry credentials)
    secret_pulls: tuple[str, ...] = ()
    # AKS: container name -> (storage account name, resource group name) holding it
    accounts: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    registry_files: dict[str, str] = field(default_factory=dict)  # registry address -> file
    # directories whose Terraform configures the cloud's provider / a kubernetes provider
    # (no alias): a root the estate's own Terraform for the workloads can be written to
    provider_dirs: tuple[str, ...] = ()
    kube_provider_dirs: tuple[str, ...] = ()
    # Filled by the workloads' translation (k8s/registry.repoint): registry address -> the
    # pull Secret the pods now name; the estate's Terraform then creates those Secrets.
    pulled: dict[str, str] = field(default_factory=dict, compare=False)
    repeated: tuple[str, ...] = ()  # clusters with count/for_each: which one hosts is open
    # directory -> the variables its Terraform declares: what the estate's files beside it
    # declare takes a free name (scaffold_names.free_name)
    variables: dict[str, frozenset[str]] = field(default_factory=dict, compare=False)

    def gpu_pools(self) -> list[Pool]:
        return [p for p in self.pools if p.gpu_count]

    def pull_secret(self, registry: str) -> str | None:
        """The imagePullSecret the estate's Terraform creates for pulls from `registry`, a
        namespace the nodes pull from only with one: None when it cannot (not one cluster
        of a single instance, or the registry is not declared beside it in a root module)."""
        if registry not in self.secret_pulls or len(self.clusters) != 1 or \
                self.clusters[0] in self.repeated:
            return None
        where = self.cluster_files.get(self.clusters[0])
        beside = self.registry_files.get(registry)
        if where is None or beside is None or posixpath.dirname(where) != \
                posixpath.dirname(beside) or posixpath.dirname(where) not in self.provider_dirs:
            return None
        return pull_secret_name(registry)


def pull_secret_name(registry: str) -> str:
    """`scw-registry-<label>`: the Kubernetes name of the pull Secret of `registry`."""
    label = registry.split(".", 1)[-1]
    name = "".join(c if c.isalnum() else "-" for c in label.lower()).strip("-")
    return f"scw-registry-{name}"[:63].rstrip("-")


def profile(cluster: str) -> dict[str, Any] | None:
    """The shipped cluster profile of `cluster` (gke, eks, aks), or None."""
    return data_table(f"profiles/{cluster}.json")


_EFFECTS = {"NO_SCHEDULE": "NoSchedule", "PREFER_NO_SCHEDULE": "PreferNoSchedule",
            "NO_EXECUTE": "NoExecute"}


def read(cluster: str, files: dict[str, str], tables: Tables) -> ClusterFacts | None:
    """The facts of the Terraform `files` (path -> text) for `cluster`'s profile."""
    prof = profile(cluster)
    if prof is None:
        return None
    kinds = prof["terraform"]
    pools: list[Pool] = []
    buckets: dict[str, str] = {}
    registries: list[tuple[str, str | None, str | None]] = []
    clusters: list[str] = []
    fuse = False
    bucket_files: dict[str, str] = {}
    cluster_files: dict[str, str] = {}
    secret_pulls: list[str] = []
    registry_files: dict[str, str] = {}
    provider_dirs: set[str] = set()
    kube_dirs: set[str] = set()
    repeated: list[str] = []
    resources: dict[str, tuple[str, Block]] = {}  # "directory:address" -> its block
    holders: dict[str, str] = {}  # container name -> storage account address
    bodies: dict[str, Body] = {}
    declared: dict[str, set[str]] = {}
    for path in sorted(files):
        if path.endswith(".tf"):
            try:
                bodies[path] = parse_body_text(files[path], path)
            except ParseError:
                continue  # the self-check has reported it
    scope = Scope(bodies)
    project = None
    for path, body in bodies.items():
        def text(body: Body, name: str, path: str = path) -> str | None:
            a = body.attr(name)
            return scope.string(a.expr, path) if a is not None else None
        declared.setdefault(posixpath.dirname(path), set()).update(
            b.labels[0] for b in body.blocks("variable") if b.labels)
        for b in body.blocks("provider"):
            if b.labels == (kinds["provider"],):
                project = project or text(b.body, kinds["project_argument"])
            if b.body.attr("alias") is None:
                if b.labels == (kinds["provider"],):
                    provider_dirs.add(posixpath.dirname(path))
                elif b.labels == ("kubernetes",):
                    kube_dirs.add(posixpath.dirname(path))
        for b in body.blocks("resource"):
            if len(b.labels) != 2:
                continue
            kind, address = b.labels[0], ".".join(b.labels)
            resources[f"{posixpath.dirname(path)}:{address}"] = (path, b)  # per root
            if kind == kinds["pool"]:
                cfg = next(b.body.blocks("node_config"), None)
                machine = text(cfg.body, "machine_type") if cfg is not None else \
                    _first_type(b.body, scope, path) or text(b.body, "node_type") or \
                    text(b.body, "vm_size")  # GKE, EKS, Kapsule, AKS
                instances = _instances(b, cfg, scope, path) if machine is None else []
                for key, each_machine in instances:
                    pools.append(_pool(b, f'{address}["{key}"]', path, tables, key,
                                       each_machine))
                if not instances:
                    pools.append(_pool(b, address, path, tables, text(b.body, "name") or
                                       text(b.body, "node_group_name"), machine))
            elif kind == kinds["bucket"]:
                name = text(b.body, "name") or text(b.body, "bucket")  # GCS, S3
                if name is not None:
                    buckets[name] = address
                    holder = _address(b.body.attr("storage_account_id"))
                    if holder is not None:
                        holders[name] = f"{posixpath.dirname(path)}:{holder}"
                    if b.body.attr("count") is None and b.body.attr("for_each") is None:
                        bucket_files[address] = path
                elif "" not in buckets:
                    buckets[""] = address  # a name known only at plan time
            elif kind == kinds["registry"]:
                public = b.body.attr("is_public")
                if public is not None and not (isinstance(public.expr, E.Literal)
                                               and public.expr.value is True):
                    secret_pulls.append(address)
                registry_files[address] = path
                registries.append((address, text(b.body, "location") or text(b.body, "region"),
                                   text(b.body, "repository_id") or text(b.body, "name")))
            elif kind == f"{kinds['registry']}_creation_template":
                # ECR: repositories are created on push under the template's prefix; the
                # account in the host is known only at plan time
                registries.append((address, text(b.body, "region"), text(b.body, "prefix")))
            elif kind == kinds["cluster"]:
                clusters.append(address)
                cluster_files[address] = path
                if b.body.attr("count") is not None or b.body.attr("for_each") is not None:
                    repeated.append(address)
                fuse = fuse or _enabled(b.body, ("addons_config", "gcs_fuse_csi_driver_config")) \
                    or _enabled(b.body, ("storage_profile",), "blob_driver_enabled")
                # AKS: the system pool lives inside the cluster resource; one that runs
                # critical add-ons only (its CriticalAddonsOnly taint) hosts no workload
                for d in b.body.blocks("default_node_pool"):
                    if _enabled(b.body, ("default_node_pool",),
                                "only_critical_addons_enabled"):
                        continue
                    pools.append(_pool(d, f"{address}.default_node_pool", path, tables,
                                       text(d.body, "name"), text(d.body, "vm_size")))
    accounts = {name: _account(resources, holder, scope) for name, holder in holders.items()
                if holder in resources}
    return ClusterFacts(prof, tuple(pools), buckets, tuple(registries), tuple(clusters), fuse,
                        bucket_files, project, cluster_files, tuple(secret_pulls), accounts,
                        registry_files, tuple(sorted(provider_dirs)), tuple(sorted(kube_dirs)),
                        repeated=tuple(repeated),
                        variables={d: frozenset(v) for d, v in declared.items()})


def _address(a: Any) -> str | None:
    """`type.name` of a reference `type.name.attribute` (no module, no index)."""
    t = E.traversal(a.expr) if a is not None else None
    if not t or len(t[1]) != 2 or t[1][0][0] != "attr":
        return None
    return f"{t[0]}.{t[1][0][1]}"


def _account(resources: dict[str, tuple[str, Block]], holder: str, scope: Scope
             ) -> tuple[str | None, str | None]:
    """The storage account's name and its resource group's, each evaluated (None: known
    only at plan time)."""
    path, b = resources[holder]
    name = b.body.attr("name")
    rg = b.body.attr("resource_group_name")
    group = scope.string(rg.expr, path) if rg is not None else None
    ref = f"{posixpath.dirname(path)}:{_address(rg)}"
    if group is None and ref in resources:
        rg_path, rg_block = resources[ref]
        rg_name = rg_block.body.attr("name")
        group = scope.string(rg_name.expr, rg_path) if rg_name is not None else None
    return (scope.string(name.expr, path) if name is not None else None), group


def _pool(b: Block, address: str, path: str, tables: Tables, name: str | None,
          machine: str | None) -> Pool:
    """A pool as written; `machine` is its machine type, evaluated (a variable passed by
    the module's callers counts)."""
    cfg = next(b.body.blocks("node_config"), None)
    # GKE nests labels and taints in node_config; an EKS node group has them at its top
    body = cfg.body if cfg is not None else b.body
    spec = (tables.machine_types.get("machine_types", {}).get(machine) or {}) if machine else {}
    gpu = spec.get("gpu") or {}
    model, accel, count = gpu.get("model"), gpu.get("accelerator"), int(gpu.get("count", 0))
    for acc in body.blocks("guest_accelerator"):
        accel = _str(acc.body, "type") or accel
        n = _num(acc.body, "count")
        count = int(n) if n is not None else count
        model = _model_of(accel, tables) or model
    taints = []
    for t in (*body.blocks("taint"), *body.blocks("taints")):  # GKE/EKS, Kapsule
        effect = _str(t.body, "effect") or ""
        taints.append((_str(t.body, "key") or "", _str(t.body, "value") or "",
                       _EFFECTS.get(effect, effect)))
    taints.extend(_string_taints(body))
    labels: list[tuple[str, str]] = []
    attr = body.attr("labels") or body.attr("node_labels")  # AKS: node_labels
    if attr is not None and isinstance(attr.expr, E.Object):
        for k, v in attr.expr.items:
            key, value = E.str_value(k) or _name(k), E.str_value(v)
            if key is not None and value is not None:
                labels.append((key, value))
    return Pool(address, path, name, machine, spec.get("vcpu"),
                spec.get("ram_gb"), model, accel, count, tuple(taints), tuple(labels))


def _instances(b: Block, cfg: Block | None, scope: Scope, path: str
               ) -> list[tuple[str, str | None]]:
    """(key, machine type) of each instance of a `for_each` pool over a map known without
    a plan, when its machine type reads `each.value...` (OVH pools keyed by name)."""
    each = b.body.attr("for_each")
    machine = cfg.body.attr("machine_type") if cfg is not None else None
    if each is None or machine is None:
        return []
    t = E.traversal(machine.expr)
    if not t or t[0] != "each" or not t[1] or t[1][0] != ("attr", "value"):
        return []
    found = scope.resolve(each.expr, path)
    if not isinstance(found, E.Object):
        return []
    out = []
    for k, v in found.items:
        key = E.str_value(k) or _name(k)
        if key is None:
            return []
        item: E.Expr | None = v
        for _, step in t[1][1:]:
            name = step if isinstance(step, str) else None
            item = E.obj_get(item, name) if isinstance(item, E.Object) and name else None
        out.append((key, E.str_value(item)))
    return out


def _string_taints(body: Body) -> list[tuple[str, str, str]]:
    """AKS `node_taints`: literal "key=value:Effect" strings (`key:Effect` without a value)."""
    a = body.attr("node_taints")
    if a is None or not isinstance(a.expr, E.Tuple):
        return []
    out = []
    for item in a.expr.items:
        spec = E.str_value(item)
        if spec is None or ":" not in spec:
            continue  # an expression: known only at plan time
        pair, effect = spec.rsplit(":", 1)
        key, _, value = pair.partition("=")
        out.append((key, value, effect))
    return out


def _first_type(body: Body, scope: Scope, path: str) -> str | None:
    """The first of an EKS node group's `instance_types` (the one it launches first)."""
    a = body.attr("instance_types")
    if a is None or not isinstance(a.expr, E.Tuple) or not a.expr.items:
        return None
    return scope.string(a.expr.items[0], path)


def _model_of(accelerator: str | None, tables: Tables) -> str | None:
    for model, entry in sorted(tables.machine_types.get("attachable_gpus", {}).items()):
        if entry.get("accelerator") == accelerator:
            return str(model)
    return None


def _name(e: E.Expr) -> str | None:
    return e.name if isinstance(e, E.Var) else None


def _str(body: Body, name: str) -> str | None:
    a = body.attr(name)
    return E.str_value(a.expr) if a is not None else None


def _num(body: Body, name: str) -> float | None:
    a = body.attr(name)
    if a is not None and isinstance(a.expr, E.Literal) and isinstance(a.expr.value, (int, float)) \
            and not isinstance(a.expr.value, bool):
        return float(a.expr.value)
    return None


def _enabled(body: Body, path: tuple[str, ...], flag: str = "enabled") -> bool:
    for name in path:
        block = next(body.blocks(name), None)
        if block is None:
            return False
        body = block.body
    a = body.attr(flag)
    return a is not None and isinstance(a.expr, E.Literal) and a.expr.value is True
