"""Library entry point: translate sources to a target and return files and diagnostics."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import cache, guard, process
from .codes import Severity
from .diagnostics import Diagnostic, Sink
from .frontends import loader

Inputs = str | Path | list[str | Path] | dict[str, str]


@dataclass(frozen=True)
class TranslateOptions:
    """Options of one translation run."""

    # Partial mapping tables deep-merged over the shipped ones, keyed by table file
    # (e.g. {"gke/regions.json": {"families": {"GRA": {...}}}}).
    mapping_overrides: dict[str, Any] = field(default_factory=dict)
    # Kubernetes targets: GPUs as `nvidia.com/gpu` limits ("device-plugin") or DRA claims.
    gpu_api: str = "device-plugin"
    # Kubernetes targets: publish apps with a Gateway API HTTPRoute ("gateway") or an Ingress.
    expose: str = "gateway"
    # Kubernetes targets: "prometheus" adds ServiceMonitor/PodMonitor objects.
    monitoring: str = "none"
    # Kubernetes targets: "generic" (rclone init/sidecar) or the cluster whose object-storage
    # CSI driver mounts volumes: "gke", "eks", "aks".
    cluster: str = "generic"
    # Kubernetes targets: the Kueue LocalQueue Jobs are submitted to (suspended until Kueue
    # admits them); "" writes plain Jobs that start at once.
    queue: str = ""
    # Helm target: the chart's name ("" = the workload's name, or ai-workloads for several).
    chart_name: str = ""
    # Terraform targets: follow the target's hardening guide (deletion protection on stateful
    # resources, a dedicated least-privilege node service account, Workload Identity).
    harden: bool = True
    # Finer switches; None/"" follow `harden`. node_service_account: "dedicated" | "default".
    deletion_protection: bool | None = None
    node_service_account: str = ""
    # Estate runs (a repository with Terraform and AI workloads, --target gke): the target
    # that writes the workloads ("k8s" manifests or a "helm" chart).
    workloads: str = "k8s"
    # Set by the estate run, not by callers: what the workloads need of the cluster
    # ("object-storage"), and what the translated Terraform offers them (clusterfacts).
    workload_needs: tuple[str, ...] = ()
    cluster_facts: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Result:
    """What a translation produced: relative path -> file text, and sorted diagnostics."""

    files: dict[str, str]
    diagnostics: list[Diagnostic]
    # (source span, target address) per emitted object, for the migration report.
    trace: tuple[tuple[Any, str], ...] = ()
    # Every input file this run read (resolved), so a writer never writes over one.
    read: tuple[Path, ...] = ()

    @property
    def has_errors(self) -> bool:
        return any(d.severity is Severity.ERROR for d in self.diagnostics)

    def worst(self) -> Severity | None:
        ranked = sorted((d.severity for d in self.diagnostics), key=lambda s: -s.rank)
        return ranked[0] if ranked else None


def available_targets() -> list[str]:
    from iac_translate.targets import TARGETS
    return sorted(TARGETS)


def translate(inputs: Inputs, target: str = "gke",
              options: TranslateOptions | None = None) -> Result:
    """Translate OVHcloud Terraform (and, for a directory, the AI workloads beside it) to
    `target`.

    Args:
        inputs: a path (file or directory), a list of paths, or a dict of in-memory sources
            {relative path: text}. Directories given to a Terraform target are an estate:
            every Terraform root below them goes to `terraform/<root>/`, the AI workloads to
            `kubernetes/` (or `helm/`, options.workloads) for the cluster it creates; one
            root without workloads keeps the flat layout.
        target: a name from `available_targets()`.
        options: see TranslateOptions.

    Returns:
        A Result; nothing is printed or written.  A syntax error yields no files.
    """
    options = options or TranslateOptions()
    sink = Sink()

    def run() -> Result:
        with process.no_cyclic_gc():
            result = _translate(inputs, target, options, sink)
        bad = guard.unencodable(result.files)
        if bad:  # the readers reject such text at its source; never hand it to a writer
            sink.add("IT110", None, f"`{bad[0]}` would hold a lone UTF-16 surrogate")
            return Result({}, sink.sorted())
        return result
    # Diagnostics found before a failure are kept; a syntax error yields no files anyway.
    return guard.call(run, lambda d: Result({}, sorted([*sink.sorted(), d],
                                                       key=Diagnostic.sort_key)))


def _translate(inputs: Inputs, target: str, options: TranslateOptions, sink: Sink,
               estate: bool = True) -> Result:
    from iac_translate.targets import TARGETS, get_target, input_of

    if target not in TARGETS:
        sink.add("IT005", None, f"unknown target `{target}`; available: {', '.join(TARGETS)}")
        return Result({}, sink.sorted())
    if input_of(target) == "ai":
        return _translate_ai(inputs, get_target(target), target, options, sink)
    read: set[Path] = set()
    if estate and not isinstance(inputs, dict):
        # A repository root: every Terraform root below it, and the AI workloads beside.
        from . import estate as E
        scratch = Sink()  # what discovery reports counts only if the estate is translated
        found = E.discover(inputs if isinstance(inputs, list) else [inputs], scratch, read)
        if found is not None and not found.flat and (found.roots or found.workloads):
            from . import estate_run
            sink.extend(scratch.sorted())
            return estate_run.translate(found, target, options, sink, read, _run_one,
                                        _cluster_facts, _workload_grants)
        estate = found is None  # directories without workloads: nothing for split_ai
        read.clear()
    from . import inputkind
    if isinstance(inputs, dict):
        inputs = inputkind.split_ai_texts(inputs, sink)
    else:
        inputs = inputs if isinstance(inputs, list) else [inputs]
        if estate:  # a root of an estate leaves the AI files beside it to the estate run
            inputs = inputkind.split_ai(inputs, sink)
    ckey: str | None = None
    model: Any = None
    if inputs and not isinstance(inputs, dict) and cache.active():
        # Warm re-runs (pre-commit `check`): the result of the same inputs, diagnostics of
        # reading them, options, limits and tool code is read back instead of recomputed.
        sources, roots = loader.collect(list(inputs), sink, read)
        ckey = cache.run_key(target, options, sources.key_texts(), roots, sink.sorted())
        hit = cache.result_in(cache.get(ckey))
        if hit is not None:
            return Result(hit[0], hit[1], hit[2], tuple(sorted(read)))
        model = loader.build_model(sources, roots, sink)
        _keep(sources, roots, model)
        # The texts are parsed: diagnostics quote their lines from the files themselves
        # (9 MB of 20,000 resources held to the end of the run otherwise).
        del sources
    else:
        model = source_model(inputs, sink, read) if inputs else None
    failed = sink.has_errors  # IT015 (AI files), IT001 (missing path), ...
    if not read and not isinstance(inputs, dict) and not failed:
        sink.add("IT016", None, "no .tf or .tf.json file and no OVHcloud AI workload was "
                 "found in the inputs", "give the directory of an OVHcloud Terraform module "
                 "(the k8s and helm targets read AI workloads)")
    if model is None or (not read and not isinstance(inputs, dict)) or any(
            d.severity is Severity.ERROR and d.code != "IT015" for d in sink.sorted()):
        # An input that is not Terraform at all is that error, not also "no .tf file here".
        return Result({}, [d for d in sink.sorted() if d.code != "IT003"])
    # Imported once the cache missed: a warm run never loads the target's lowering code.
    from iac_translate.targets.mapping import MappingError, load_tables
    impl = get_target(target)
    try:
        tables = load_tables(target, options.mapping_overrides)
    except MappingError as e:
        sink.add("IT005", None, str(e))
        return Result({}, sink.sorted())
    process.model_built()
    # Nothing else keeps the model (unless `report` does): the target frees it once lowered.
    owned: Any = model if _keeping else [model]
    del model
    files = impl.translate(owned, tables, sink, options)
    process.lowered()
    result = Result(files, sink.sorted(), tuple(sink.trace), tuple(sorted(read)))
    if ckey is not None:
        process.put(ckey, result.files, result.diagnostics, result.trace)
    return result


def _cluster_facts(target: str, files: dict[str, str], options: TranslateOptions) -> Any:
    """What the Terraform `files` written for `target` offer workloads (targets/clusterfacts)."""
    from iac_translate.targets import clusterfacts
    from iac_translate.targets.mapping import load_tables
    return clusterfacts.read(target, files, load_tables(target, options.mapping_overrides))


def _workload_grants(target: str, facts: Any, mounts: list[Any], sink: Sink) -> dict[str, str]:
    """Terraform files granting the workloads' accounts the buckets they mount (by target)."""
    from iac_translate.targets import get_target
    impl = get_target(target)
    grants = getattr(impl, "workload_grants", None)
    if not getattr(impl, "GRANTS_BY_DRIVER", False):
        # grants to the pods' own accounts (GKE Workload Identity): mounts under one only
        mounts = [m for m in mounts if m[1]]
    return grants(facts, mounts, sink) if grants is not None and facts is not None else {}


def _run_one(inputs: Inputs, target: str, options: TranslateOptions) -> Result:
    """One Terraform root, or the workloads, of an estate: a translation of its own."""
    sink = Sink()
    return guard.call(lambda: _translate(inputs, target, options, sink, estate=False),
                      lambda d: Result({}, sorted([*sink.sorted(), d], key=Diagnostic.sort_key)))


def source_model(inputs: Inputs, sink: Sink, read: set[Path] | None = None) -> Any:
    """The Terraform model of `inputs` (paths or in-memory sources); the files read are
    added to `read`."""
    if isinstance(inputs, dict):
        inputs = {k: v for k, v in inputs.items() if guard.check_text(k, v, sink)}
        sources = loader.Sources(dict(inputs))
        roots = loader.root_dirs(inputs) or [""]
    else:
        paths = inputs if isinstance(inputs, list) else [inputs]
        sources, roots = loader.collect(list(paths), sink, read)
        kept = kept_model(sources, roots)
        if kept is not None:
            return kept
        model = loader.build_model(sources, roots, sink)
        _keep(sources, roots, model)
        return model
    return loader.build_model(sources, roots, sink)


# `report` reads the model of the files it has just translated: while it runs, the last
# model built from files is kept (one entry) instead of parsing every file a second time.
_kept: list[tuple[tuple[dict[str, str], list[str]], Any]] = []
_keeping: list[bool] = []


@contextmanager
def keeping_model() -> Iterator[None]:
    _keeping.append(True)
    try:
        yield
    finally:
        _keeping.pop()
        if not _keeping:
            _kept.clear()


def _keep(sources: Any, roots: list[str], model: Any) -> None:
    if _keeping:
        _kept[:] = [((dict(sources.files), list(roots)), model)]


def kept_model(sources: Any, roots: list[str]) -> Any:
    """The model kept by keeping_model() if it was built from exactly these texts and roots
    (what reading them reported went to the sink of that first build), else None."""
    if _kept and _kept[0][0] == (sources.files, list(roots)):
        return _kept[0][1]
    return None


def _translate_ai(inputs: Inputs, impl: Any, target: str, options: TranslateOptions,
                  sink: Sink) -> Result:
    """AI workloads (API bodies, `ovhai` command lines) to a Kubernetes-style target."""
    from iac_translate.targets.mapping import MappingError, load_tables

    from .frontends import ai_names, ai_sources
    read: set[Path] = set()
    if isinstance(inputs, dict):
        files = {k: v for k, v in inputs.items() if guard.check_text(k, v, sink)}
    else:
        files = ai_sources.collect(list(inputs if isinstance(inputs, list) else [inputs]), sink,
                                   read)
    exports: dict[str, list[Any]] = {}
    # Each command, body and exported object stands alone: one in error is reported at its
    # value and left out, the others are still translated and written (exit 1 still says so).
    workloads = ai_names.assign(ai_sources.read_all(files, sink, exports), sink)
    if not workloads and not any(exports.values()) and sink.has_errors:
        return Result({}, sink.sorted())
    try:
        # Pods are sized and GPU nodes picked with the tables of the cloud the cluster runs
        # on (its Terraform target's machine types); GKE's for a generic or AKS cluster.
        tables = load_tables(_tables_of(options.cluster), options.mapping_overrides)
    except MappingError as e:
        sink.add("IT005", None, str(e))
        return Result({}, sink.sorted())
    if not workloads and not any(exports.values()):
        # No chart or manifest is written for nothing: say what the inputs are instead.
        from . import inputkind
        if isinstance(inputs, dict) or not inputkind.terraform_instead(
                inputs if isinstance(inputs, list) else [inputs], sink):
            sink.add("IT016", None, "no AI app, job, notebook or Kubernetes manifest was found",
                     "give API bodies (JSON/YAML), files with `ovhai ... run` command lines "
                     "or `kubectl get -o yaml` exports")
        return Result({}, sink.sorted(), (), tuple(sorted(read)))
    from . import inputkind
    # Terraform beside the workloads is never silently ignored (IT015).
    inputkind.terraform_beside(inputs if isinstance(inputs, dict) else inputkind.terraform_files(
        list(inputs if isinstance(inputs, list) else [inputs])), target, sink)
    files = impl.translate_ai(workloads, tables, sink, options, exports)
    return Result(files, sink.sorted(), tuple(sink.trace), tuple(sorted(read)))


def lint(inputs: list[str | Path] | dict[str, str],
         suppress: tuple[str, ...] = (), target: str | None = None) -> list[Diagnostic]:
    """Lock-in findings (IT220-IT224) in OVH Terraform and AI sources; nothing is translated.

    Args:
        inputs: paths (files or directories) or in-memory sources {relative path: text}.
        suppress: codes not to report (inline `# iac-translate:ignore` is always honoured).
        target: a Terraform target whose tables region and flavor literals are checked
            against (None: every one).
    """
    from .lint import lint as run_lint
    return run_lint(inputs, suppress, target=target)


def check(config_path: str | Path) -> list[Diagnostic]:
    """Re-translate every entry of a project configuration in memory and compare with its
    outputs: translation errors, then IT007 for each stale, missing or extra file.  An empty
    list means every output is up to date.  Raises `config.ConfigError` (IT006) for a bad file.
    """
    from . import config, project
    cfg = config.load(Path(config_path))  # outside the guard: ConfigError is documented
    return project.check(cfg, Path(config_path))[0]


@dataclass(frozen=True)
class TargetFacts:
    """What the migration report needs to know of a target, without importing it."""

    input: str  # "terraform" or "ai"
    rules: dict[str, str]  # IR concept kind -> the lowering that applies ("module.function")
    fallback_rule: str  # for kinds without a lowering of their own
    reversibility: dict[str, Any]  # the class table (targets/data/reversibility.json)

    def class_of(self, kind: str, type_: str) -> str:
        """Reversibility class of a Terraform type lowered as concept `kind`."""
        table = self.reversibility
        return str(table["kinds"].get(kind) or
                   table["ovh_default" if type_.startswith("ovh_") else "other_default"])


def target_input(target: str) -> str:
    """What `target` reads ("ai" or "terraform"), without importing its lowering code."""
    from iac_translate.targets import input_of
    return input_of(target)


def target_facts(target: str) -> TargetFacts:
    from iac_translate.targets import get_target
    from iac_translate.targets.mapping import reversibility
    from iac_translate.targets.tfbase.driver import lower_unsupported

    def name(fn: Any) -> str:
        return f"{fn.__module__.rsplit('.', 1)[-1]}.{fn.__name__}"
    impl = get_target(target)
    return TargetFacts(getattr(impl, "INPUT", "terraform"),
                       {k: name(v) for k, v in getattr(impl, "LOWER", {}).items()},
                       name(lower_unsupported), reversibility())


def ovh_flavor_names() -> dict[str, set[str]]:
    """The OVH flavors every target can map: {"instance": {...}, "database": {...}}."""
    from iac_translate.targets.mapping import data_table
    flavors = data_table("data/ovh_flavors.json") or {}  # the same for every target
    return {kind: set(flavors.get(kind, {})) for kind in ("instance", "database")}


def _tables_of(cluster: str) -> str:
    """The Terraform target whose mapping tables describe `cluster`'s machines."""
    from iac_translate.targets.mapping import target_files
    return cluster if f"{cluster}/machine_types.json" in target_files(cluster) else "gke"


def target_data(target: str) -> Any:
    """What explain, coverage and lint read of Terraform target `target` without importing it
    (compiler/target_data.TargetData): its fields table, its words, its region and machine
    mappings through its shipped tables; None for a target with no fields table (k8s, helm)."""
    from iac_translate.targets import get_target
    from iac_translate.targets.fit import fit_machine, fit_region
    from iac_translate.targets.mapping import data_table, load_tables

    from .passes.machine import machine_of
    from .target_data import TargetData
    table = data_table(f"{target}/fields.json")
    if table is None:
        return None
    tables = load_tables(target)

    def region_of(code: str) -> str | None:
        fit = fit_region(code, tables)
        return fit.region if fit else None

    def machine_type_of(flavor: str) -> str | None:
        spec = machine_of(flavor, tables.ovh_flavors)
        fit = fit_machine(spec.as_table_row(), tables) if spec.known else None
        return fit.machine_type if fit else None
    return TargetData(target, dict(getattr(get_target(target), "WORDS", {})), table["fields"],
                      table["whole"], region_of, machine_type_of)
