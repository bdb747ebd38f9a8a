"""Translate a whole estate: every Terraform root, then the workloads for the cluster it builds."""

from __future__ import annotations

import posixpath
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, Sink
from .estate import Estate
from .frontends import loader
from .span import Span

TERRAFORM_DIR = "terraform"
WORKLOADS_DIRS = {"k8s": "kubernetes", "helm": "helm"}  # by the target of the workloads


def translate(est: Estate, target: str, options: Any, sink: Sink, read: set[Path],
              run_root: Any, facts_of: Any, grants_of: Any) -> Any:
    """One Result for the estate: `terraform/<root>/...` for each root (through `run_root`,
    the single-root translation), then `kubernetes/...` (or the chart in `helm/`) for the
    workloads,
    prepared for the cluster the Terraform creates (`facts_of(target, files, options)`: what
    the written Terraform offers the workloads; `grants_of(target, facts, mounts, sink)`:
    Terraform giving the workloads' accounts the buckets they mount)."""
    from .api import Result
    workloads = _read_workloads(est)
    needs = needs_of(workloads, getattr(options, "expose", "gateway"))
    tf_options = replace(options, workload_needs=needs)
    files: dict[str, str] = {}
    owner: dict[str, str] = {}  # output path -> the root that wrote it
    out = Sink()  # the estate's diagnostics: a module shared by two roots reports once
    out.extend(sink.sorted())
    trace: list[tuple[Any, str]] = []
    for root in est.roots:
        sub = run_root([est.base / root], target, tf_options)
        found = loader.resolve_inputs([est.base / root], Sink(), modules=True)
        rebase = posixpath.relpath(found[1].as_posix(), est.base.as_posix()) if found else root
        rebase = "" if rebase == "." else rebase
        for path, text in sub.files.items():
            dest = posixpath.join(TERRAFORM_DIR, rebase, path)
            if dest in files and files[dest] != text:
                rel = posixpath.relpath(dest, TERRAFORM_DIR)
                at = Span(rel, 1, 1) if (est.base / rel).is_file() else None  # its source
                out.add("IT348", at, f"`{dest}` is written differently for the roots "
                        f"`{owner[dest] or '.'}` and `{root or '.'}` (a shared module "
                        "translated in two ways); the first is kept", "give each root its "
                        "own copy of the module, or translate the roots one at a time")
                continue
            files[dest], owner[dest] = text, root
        out.extend([_moved(d, rebase) for d in sub.diagnostics])
        trace += [(_span_moved(s, rebase), a) for s, a in sub.trace]
        read.update(sub.read)
    if workloads:
        tf_files = {p[len(TERRAFORM_DIR) + 1:]: t for p, t in files.items()}
        # Without Terraform the workloads go to a cluster the user has: nothing to check.
        facts = _installed(facts_of(target, tf_files, options), tf_files) if est.roots \
            else None
        clusters = list(getattr(facts, "clusters", ()))
        if len(clusters) > 1:
            out.add("IT308", None, f"the Terraform creates {len(clusters)} clusters "
                    f"({', '.join(clusters)}): the workloads are placed and sized against the "
                    "pools of all of them, and their buckets granted wherever they are created",
                    "apply the workloads to the cluster that hosts them, or translate each "
                    "root with its own workloads")
        ai_target = getattr(options, "workloads", "k8s") or "k8s"
        ai_options = replace(options, cluster=target, cluster_facts=facts)
        sub = run_root(dict(est.workloads), ai_target, ai_options)
        for path, text in sub.files.items():
            files[posixpath.join(WORKLOADS_DIRS.get(ai_target, ai_target), path)] = text
        out.extend(sub.diagnostics)
        trace += list(sub.trace)
        if sub.files:
            for path, text in grants_of(target, facts, _mounts(workloads, sub.trace),
                                        out).items():
                files[posixpath.join(TERRAFORM_DIR, path)] = text
    return Result(dict(sorted(files.items())), out.sorted(), tuple(trace), tuple(sorted(read)))


def needs_of(workloads: list[Any], expose: str = "gateway") -> tuple[str, ...]:
    """What the workloads need of the cluster the Terraform builds: `object-storage` when
    one mounts a bucket (the CSI driver and the identity binding), `gateway` when apps or
    notebooks are published through HTTPRoutes (the Gateway API), `ingress` when through
    Ingresses (a controller serving the cluster's ingress class)."""
    needs = set()
    for w in workloads:
        if any(v.kind == "datastore" for v in w.volumes):
            needs.add("object-storage")
        if w.kind != "job":
            needs.add("gateway" if expose == "gateway" else "ingress")
    return tuple(sorted(needs))


def _installed(facts: Any, tf_files: dict[str, str]) -> Any:
    """The facts with each profile controller whose `installed_by` resource the written
    Terraform declares marked `installed` (the exposure then says IT346, not IT308)."""
    prof = getattr(facts, "profile", None) or {}
    ctls = prof.get("controllers") or {}
    marked = {}
    for key, ctl in ctls.items():
        address = ctl.get("installed_by")
        if address and _declares(address, tf_files):
            ctl = {**ctl, "installed": True}
        marked[key] = ctl
    if marked == ctls:
        return facts
    return replace(facts, profile={**prof, "controllers": marked})


def _declares(address: str, tf_files: dict[str, str]) -> bool:
    """A `resource "type" "label"` block of `address` in one of the files, as written."""
    kind, _, label = address.partition(".")
    head = re.compile(rf'^resource\s+"{re.escape(kind)}"\s+"{re.escape(label)}"\s*\{{', re.M)
    return any(p.endswith(".tf") and head.search(text) for p, text in tf_files.items())


def _mounts(workloads: list[Any], trace: Any) -> list[tuple[str, str, bool, Any]]:
    """(bucket, ServiceAccount, read only, volume span) of every bucket a written workload
    mounts: under its own account (the trace says which account its objects include), or
    "" when it runs as none of its own (the CSI driver's credentials read the bucket)."""
    accounts: dict[Any, str] = {}
    written = set()
    for span, address in trace:
        written.add(span)
        kind, _, name = address.partition("/")
        if kind == "ServiceAccount":
            accounts[span] = name
    return [(v.container, accounts.get(w.span, ""), v.permission == "RO", v.span or w.span)
            for w in workloads if w.span in written
            for v in w.volumes if v.kind == "datastore" and v.container]


def _read_workloads(est: Estate) -> list[Any]:
    from .frontends import ai_sources
    return ai_sources.read_all(dict(est.workloads), Sink())


def _span_moved(span: Any, rebase: str) -> Any:
    if span is None or not rebase:
        return span
    return span._replace(file=posixpath.normpath(posixpath.join(rebase, span.file)))


def _moved(d: Diagnostic, rebase: str) -> Diagnostic:
    return d.moved(_span_moved(d.span, rebase)) if d.span is not None and rebase else d
