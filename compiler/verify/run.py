"""One verify run: translate SRC in memory for its diagnostics, read OUT, compare per target."""

from __future__ import annotations

import dataclasses
import posixpath
from pathlib import Path
from typing import Any

from ..codes import Severity
from ..diagnostics import Sink
from ..span import Span
from . import read_out, tables
from .model import Row, Verification


def compare(src: Any, out: str | Path | dict[str, str], target: str, options: Any,
            sink: Sink) -> Verification:
    from ..api import available_targets, translate
    if target not in available_targets():
        sink.add("IT005", None, f"unknown target `{target}`; available: "
                 f"{', '.join(available_targets())}")
        return Verification(target, (), tuple(sink.sorted()))
    result = translate(src, target, _as_written(out, target, options))
    if not result.files:
        # Nothing was translated: there is no intent to compare (the reasons come along).
        first = next((d for d in result.diagnostics if d.severity is Severity.ERROR), None)
        sink.add("IT352", first.span if first else None, "the source could not be translated"
                 + (f": {first.code} {first.message}" if first else ""))
        sink.extend([d for d in result.diagnostics if d.severity is Severity.ERROR])
        return Verification(target, (), tuple(sink.sorted()))
    files = read_out.read(out, target, sink)
    if sink.has_errors and not files:
        return Verification(target, (), tuple(sink.sorted()))
    # a Kubernetes target's output is read with the tables of the cluster's cloud
    maps = tables.load(getattr(options, "mapping_overrides", None),
                       target if target in TERRAFORM else getattr(options, "cluster", "gke"))
    label = Path(out).as_posix() if not isinstance(out, dict) else ""
    found: list[Row] = []
    if target in TERRAFORM:
        found = _terraform(src, result, files, maps, label, sink, target)
    else:
        from .k8s_rows import rows as k8s_rows
        found = k8s_rows(src, result, files, target, options, maps, label, sink)
    from . import lost_diagnostics
    rows_ = tuple(sorted(found, key=lambda r: (r.object, r.fact)))
    return Verification(target, rows_, tuple(sorted([*sink.sorted(), *lost_diagnostics(rows_)],
                                                    key=lambda d: d.sort_key())))


# An estate run writes the Terraform under terraform/ and the workloads under kubernetes/
# (or a chart under helm/); the translation's file names say which layout it is.
_TF, _KUBE = "terraform/", ("kubernetes/", "helm/")
TERRAFORM = ("gke", "eks", "scaleway", "aks")  # the Terraform targets (tables.TERRAFORM)


def _terraform(src: Any, result: Any, files: dict[str, str], maps: Any, label: str,
               sink: Sink, target: str = "gke") -> list[Row]:
    from .k8s_rows import rows as k8s_rows
    from .tf_rows import out_index, rows
    estate = any(k.startswith((_TF, *_KUBE)) for k in result.files)
    tf_prefix = _TF if estate else ""
    tf = {k[len(tf_prefix):]: v for k, v in files.items()
          if k.startswith(tf_prefix) and k.endswith(read_out.SUFFIXES["gke"])}
    read_sink = Sink()
    index = out_index(tf, read_sink)
    _relabel(read_sink, f"{label}/{tf_prefix}".rstrip("/") if label else tf_prefix, "Terraform",
             sink)
    # A file that does not parse hides its blocks: rows would call them all lost.
    readable = not any(d.severity is Severity.ERROR for d in read_sink.sorted())
    est = _estate(src) if estate else None
    found: list[Row] = []
    if readable and any(k.startswith(tf_prefix) and k.endswith(".tf") for k in result.files):
        for root_src, rebase in _roots(est) if est is not None else [(src, "")]:
            found += rows(root_src, result, index, maps, rebase, target)
    for prefix in _KUBE:
        if estate and any(k.startswith(prefix) for k in result.files):
            kube = {k[len(prefix):]: v for k, v in files.items() if k.startswith(prefix)}
            chart = any(k.rsplit("/", 1)[-1] == "Chart.yaml" for k in kube)
            found += k8s_rows(est.workloads if est is not None else src, result, kube,
                              "helm" if chart else "k8s", None, maps,
                              f"{label}/{prefix}".rstrip("/"), sink)
    return found


def _as_written(out: str | Path | dict[str, str], target: str, options: Any) -> Any:
    """The options OUT was written with, as far as its layout says: an estate's workloads
    in a chart (`helm/Chart.yaml`) were translated with --workloads helm."""
    if target not in TERRAFORM or getattr(options, "workloads", "k8s") != "k8s":
        return options
    chart = "helm/Chart.yaml" in out if isinstance(out, dict) else \
        (Path(out) / "helm" / "Chart.yaml").is_file()
    return dataclasses.replace(options, workloads="helm") if chart else options


def _estate(src: Any) -> Any:
    """The estate the translation found below SRC (its roots and workload files)."""
    from ..estate import discover
    paths = src if isinstance(src, list) else [src]
    if isinstance(src, dict) or not all(isinstance(p, (str, Path)) for p in paths):
        return None
    return discover(list(paths), Sink(), set())


def _roots(est: Any) -> list[tuple[Any, str]]:
    """Each Terraform root of an estate, and the directory its output and spans are under
    (the root's own inputs' root: a root calling `../modules` is based above it)."""
    from ..frontends.loader import resolve_inputs
    out: list[tuple[Any, str]] = []
    for root in est.roots:
        found = resolve_inputs([est.base / root], Sink(), modules=True)
        base = found[1].as_posix() if found else (est.base / root).as_posix()
        rebase = posixpath.relpath(base, est.base.as_posix())
        out.append((est.base / root, "" if rebase == "." else rebase))
    return out


def _relabel(read: Sink, label: str, what: str, sink: Sink) -> None:
    """Errors reading OUT are IT351 at the output file (the reader's code in the message)."""
    for d in read.sorted():
        if d.severity is not Severity.ERROR:
            continue
        span = d.span
        if span is not None and label:
            span = Span(f"{label}/{span.file}", span.line, span.column, span.end_line,
                        span.end_column)
        sink.add("IT351", span, f"the output is not valid {what}: {d.code} {d.message}")
