"""Portability lint: lock-in findings in OVH Terraform and AI sources (nothing is written)."""

from __future__ import annotations

import re
from pathlib import Path

from . import cache, guard, limits, lint_own, lint_targets
from .codes import Severity
from .diagnostics import Diagnostic, Sink
from .endpoints import OVH_ENDPOINT, endpoints_in
from .frontends import ai_sources, loader
from .frontends.downloaded import is_downloaded, ovh_module
from .hcl.printer import to_hcl
from .ir import expr as E
from .ir import nodes as N
from .ir.ai import AiWorkload
from .secrets import placeholder, secret_name, secret_value
from .target_data import data_of, terraform_targets

_REGION = re.compile(r"^(GRA\d*|SBG\d*|RBX(-A)?|DE1|UK1|WAW1|BHS\d*|SGP1|SYD1|EU-[A-Z]+-[A-Z]+|"
                     r"CA-EAST-TOR|AP-[A-Z]+-[A-Z]+|US-(EAST|WEST)-[A-Z]+(-\d)?)$")
_IGNORE = re.compile(r"iac-translate:ignore((?:\s+IT\d{3})*)")


@guard.entry(lambda d: [d])
def lint(inputs: list[str | Path] | dict[str, str], suppress: tuple[str, ...] = (),
         outputs: tuple[Path, ...] = (), target: str | None = None) -> list[Diagnostic]:
    """Findings for Terraform (.tf/.tf.json) and AI sources; suppressed ones are removed
    (inline comments, and the codes in `suppress`, e.g. a project's `suppressions`).  This
    tool's outputs (under `outputs`, the project's `out` directories, or labelled as ours)
    are skipped with info IT012, and Helm chart files are not read as AI bodies.  Region and
    flavor literals are looked up in `target`'s tables (gke, eks), by default in every
    Terraform target's."""
    sink = Sink()
    where: tuple[Path | None, Path | None] = (None, None)
    if isinstance(inputs, dict):
        files = dict(inputs)
    else:
        # Terraform is read by the loader below (with its modules, relative to their root).
        files = {k: v for k, v in ai_sources.collect(list(inputs), sink).items()
                 if not k.endswith(loader.SUFFIXES)}
        scratch = Sink()  # missing paths and AI-only directories are reported once, above
        tf_sources, _ = loader.collect(list(inputs), scratch)
        sink.extend([d for d in scratch.sorted() if d.code == "IT002"])
        # (modules `terraform init` downloaded are not the user's code to lint)
        files.update((k, v) for k, v in tf_sources.files.items() if not is_downloaded(k))
        where = lint_own.roots(list(inputs))
    files = lint_own.drop_outputs(files, where, outputs, sink)
    others = {k: v for k, v in files.items() if not k.endswith(loader.SUFFIXES)}
    charts = lint_own.charts(others, where[0])
    # A warm re-run (pre-commit on an unchanged tree) reads the findings back: the key is
    # every text, what reading them reported, the chart directories found on disk, the
    # suppressed codes, the limits and the tool's code (which holds the flavor tables).
    ckey = cache.key("lint", target or "", cache.texts_part(files), sorted(charts),
                     sorted(suppress),
                     cache.options_part(limits.current()),
                     cache.diagnostics_out(sink.sorted())) if cache.active() else ""
    if ckey:
        hit = cache.get(ckey)
        if hit is not None:
            try:
                return cache.diagnostics_in(hit)
            except (TypeError, KeyError, ValueError):
                pass  # a damaged entry is a miss
    found = _findings(files, others, charts, sink, suppress,
                      (target,) if target else terraform_targets())
    if ckey:
        cache.put(ckey, cache.diagnostics_out(found))
    return found


def _findings(files: dict[str, str], others: dict[str, str], charts: frozenset[str],
              sink: Sink, suppress: tuple[str, ...],
              targets: tuple[str, ...]) -> list[Diagnostic]:
    tf = {k: v for k, v in files.items() if k not in others}
    model = loader.build_model(loader.Sources(tf), [""], sink)
    from .api import ovh_flavor_names
    flavors = ovh_flavor_names()
    tables = lint_targets.Tables(targets, len(targets) == 1, data_of)
    for module in model.modules:
        for node in module.nodes:
            _terraform(node, sink, tables)
            _flavor(node, sink, flavors, tables)
    for rel in sorted(others):
        for w in ai_sources.read_file(rel, others[rel], sink, None, charts):
            _workload(w, sink)
    lines: dict[str, list[str]] = {}  # each file split once, not once per finding
    return [d for d in sink.sorted()
            if d.code not in suppress and not _suppressed(d, files, lines)]


def lint_note(d: Diagnostic) -> bool:
    """An info about the inputs (a file skipped, and why) rather than a lock-in finding
    (the IT22x codes): the CLI shows notes only with -v."""
    return d.severity is Severity.INFO and not d.code.startswith("IT22")


def _terraform(node: N.Node, sink: Sink, tables: lint_targets.Tables) -> None:
    if isinstance(node, N.Resource) and node.type.startswith("ovh_"):
        sink.add("IT220", node.span, f"{node.address} exists only on OVHcloud")
    source = E.str_value(node.arg("source")) if isinstance(node, N.ModuleCall) else None
    if source is not None and not source.startswith(("./", "../")) and ovh_module(source):
        sink.add("IT220", node.arg_span("source"), f"module `{node.labels[0]}` calls the OVH "
                 f"module `{source}`: what it creates exists only on OVHcloud")
    for name, value in node.args:
        if name == "description":
            continue  # prose for people (links to OVH docs included), not configuration
        for found in endpoints_in(value):  # literal or interpolated (`s3.${var.r}.io...`)
            sink.add("IT221", found.span, f"{_holder(node, name)} hard-codes the OVHcloud "
                     f"endpoint `{to_hcl(found).strip(chr(34))}`")
        for sub in E.walk(value):
            s = E.str_value(sub) if isinstance(sub, E.Literal) else None
            if s is None:
                continue
            if _REGION.match(s):
                sink.add("IT223", sub.span, f"`{name}` hard-codes the OVH region `{s}`"
                         + tables.region_gap(s))
            held_by = name if name != "default" else (node.labels[0] if node.labels else "")
            # A literal credential leaks even from a `sensitive` variable's default.
            by_name = sub is value and not placeholder(s) and (
                secret_name(held_by) or (name == "default" and _sensitive(node)))
            # The name judges a whole value's shape too (hex named service_name is the OVH
            # project id; registry_credentials names a pull Secret unless it holds `user:pw`).
            if s and (secret_value(s, held_by if sub is value else "") or by_name):
                sink.add("IT222", sub.span, f"`{held_by}` holds a literal credential",
                         "use a sensitive variable or a secret store; never commit the value")


def _holder(node: N.Node, name: str) -> str:
    """What holds argument `name` of `node`, as a finding says it: a variable's default is
    read wherever the variable is (an output publishing it, a provider), not as `default`."""
    if isinstance(node, N.Variable) and name == "default":
        return f"the default of variable `{node.name}`"
    if isinstance(node, N.Output) and name == "value":
        return f"output `{node.name}`"
    return f"`{name}`"


def _sensitive(node: N.Node) -> bool:
    flag = dict(node.args).get("sensitive")
    return isinstance(flag, E.Literal) and flag.value is True


# (concept, argument, flavor table) whose literal values must be a known OVH flavor.
_FLAVOR_ARGS = ((N.NodePool, "flavor_name", "instance"), (N.Instance, "flavor_name", "instance"),
                (N.Database, "flavor", "database"))


def _flavor(node: N.Node, sink: Sink, flavors: dict[str, set[str]],
            tables: lint_targets.Tables) -> None:
    for concept, arg, table in _FLAVOR_ARGS:
        if not isinstance(node, concept):
            continue
        value = node.get(arg)
        name = E.str_value(value) if isinstance(value, E.Literal) else None
        if value is None or not name:
            continue
        # Instance flavors through each target's machine table; database flavors are sized
        # from the shared OVH table by every target.
        gap = tables.flavor_gap(name) if table == "instance" else (
            "" if name in flavors[table] else tables.unknown())
        if gap:
            sink.add("IT224", value.span, f"flavor `{name}` of {node.address} {gap}",
                     "pick a listed flavor; `translate --mapping` can add it to "
                     "data/ovh_flavors.json")


def _workload(w: AiWorkload, sink: Sink) -> None:
    for e in w.env:
        value = e.value or ""
        if value and not value.startswith("$") and ai_sources.looks_secret(e):
            sink.add("IT222", e.span, f"environment variable `{e.name}` holds a literal "
                     "credential", "pass it from a secret store or a CI secret variable")
        if OVH_ENDPOINT.search(value):
            sink.add("IT221", e.span, f"environment variable `{e.name}` hard-codes the OVHcloud "
                     f"endpoint `{value}`")


def _suppressed(d: Diagnostic, files: dict[str, str], split: dict[str, list[str]]) -> bool:
    """`# iac-translate:ignore [ITxxx ...]` on the finding's line (all codes if none listed);
    `split` keeps the lines of the files already looked at."""
    if d.span is None or d.span.file not in files:
        return False
    lines = split.get(d.span.file)
    if lines is None:
        lines = split[d.span.file] = files[d.span.file].splitlines()
    if not 0 < d.span.line <= len(lines):
        return False
    m = _IGNORE.search(lines[d.span.line - 1])
    if m is None:
        return False
    codes = m.group(1).split()
    return not codes or d.code in codes
