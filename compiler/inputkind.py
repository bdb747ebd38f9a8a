"""Input-kind checks: Terraform given to an AI target, AI workloads given to a cloud target."""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .diagnostics import Sink
from .frontends import ai_sources, loader
from .frontends.inputtree import Tree
from .generated import is_generated
from .span import Span

if TYPE_CHECKING:  # the AI IR is imported by the readers that build it, when they run
    from .ir import ai

# Commands that translate each kind of input, named in the errors (README "Usage").
AI_COMMAND = "iac-translate PATH --target k8s --cluster gke --out DIR"
TF_COMMAND = "iac-translate PATH --target gke --out DIR"
# Codes by which the AI reader says "this is an AI input, but a broken one".
_AI_ERRORS = {"IT105", "IT106", "IT107", "IT114"}
_HINT = f"translate AI workloads with `{AI_COMMAND}`"


def split_ai(paths: list[str | Path], sink: Sink) -> list[str | Path]:
    """Report every AI workload file among `paths` (IT015, at the file, relative to the
    Terraform root) and return the paths left for the Terraform reader: a workload file
    named on the command line is not parsed as HCL."""
    scratch = Sink()
    files = ai_sources.collect(paths, scratch)
    if not files:
        return paths
    ai_root = loader.resolve_inputs(paths, Sink())
    tf_root = loader.resolve_inputs(paths, Sink(), modules=True)
    if ai_root is None or tf_root is None:
        return paths
    found = _workload_files(files)
    skipped = set()
    for rel, (span, kinds) in found.items():
        absolute = ai_root[1] / rel
        skipped.add(absolute)
        moved = Path(_relpath(absolute, tf_root[1])).as_posix()
        sink.add("IT015", Span(moved, span.line, span.column), _message(kinds), _HINT)
    return [p for p in paths if Path(p).resolve() not in skipped]


def split_ai_texts(files: dict[str, str], sink: Sink) -> dict[str, str]:
    """In-memory sources: the same check, by file name and content."""
    found = _workload_files(files)
    for rel, (span, kinds) in found.items():
        sink.add("IT015", Span(rel, span.line, span.column), _message(kinds), _HINT)
    return {k: v for k, v in files.items() if k not in found}


def probe(rel: str, text: str) -> tuple[list[ai.AiWorkload], bool, list[Span]]:
    """What the AI reader finds in one file, quietly: its workloads, whether it holds objects
    exported from MKS, and where a broken workload is (the errors that mean "an AI input,
    but a broken one")."""
    scratch = Sink()
    exports: dict[str, list[Any]] = {}
    workloads = ai_sources.read_all({rel: text}, scratch, exports)
    broken = [d.span for d in scratch.sorted() if d.code in _AI_ERRORS and d.span]
    return workloads, any(exports.values()), broken


def _workload_files(files: dict[str, str]) -> dict[str, tuple[Span, str]]:
    """Files (not .tf) the AI reader finds a workload in, or a broken one: first span, kinds."""
    found: dict[str, tuple[Span, str]] = {}
    for rel in sorted(files):
        if rel.endswith(loader.SUFFIXES):
            continue
        workloads, _, broken = probe(rel, files[rel])
        if workloads or broken:
            kinds = sorted({w.kind for w in workloads}) or ["AI workload"]
            found[rel] = (workloads[0].span if workloads else broken[0], " and ".join(kinds))
    return found


def _message(kinds: str) -> str:
    return (f"this file holds an OVHcloud AI {kinds}, not Terraform; the gke target does not "
            "translate AI workloads")


def terraform_instead(paths: list[str | Path], sink: Sink) -> bool:
    """For an AI target that found no workload: IT015 when the inputs are Terraform (at the
    first file found), else False (the caller reports that nothing was found)."""
    sources, _ = loader.collect(paths, Sink())
    tf = sorted(f for f in sources.files if f.endswith(loader.SUFFIXES))
    ai_root = loader.resolve_inputs(paths, Sink())
    tf_root = loader.resolve_inputs(paths, Sink(), modules=True)
    if not tf or ai_root is None or tf_root is None:
        return False
    first = Path(_relpath(tf_root[1] / tf[0], ai_root[1])).as_posix()
    sink.add("IT015", Span(first, 1, 1),
             f"the input is Terraform ({len(tf)} .tf file{'s' if len(tf) != 1 else ''}); "
             "the Kubernetes targets translate OVHcloud AI workloads",
             f"translate Terraform with `{TF_COMMAND}`")
    return True


def terraform_files(paths: list[str | Path]) -> dict[str, str]:
    """The Terraform files (.tf, .tf.json) in `paths`, relative to the AI reader's root, as
    that reader walks them (links inside the tree, no .git or .terraform); our own outputs
    (their header line) are not among them."""
    found = loader.resolve_inputs(paths, Sink())
    if found is None:
        return {}
    present, root = found
    tree = Tree(root, Sink(), None)
    files = {}
    for r in present:
        for m in [r] if r.is_file() else tree.walk(r):
            if not m.name.endswith(loader.SUFFIXES) or not tree.admit_file(m):
                continue
            try:
                text = m.read_bytes().decode("utf-8-sig")
            except (OSError, UnicodeDecodeError):
                continue  # the gke target reports it when it reads the file
            if not is_generated(text):
                files[m.relative_to(root).as_posix()] = text
    return files


def terraform_beside(files: dict[str, str], target: str, sink: Sink) -> None:
    """For an AI target that found workloads: one IT015 per Terraform root among `files`
    (at its first file; called modules are part of their caller), which this target
    leaves out and the gke target translates."""
    tf = sorted(k for k in files if k.endswith(loader.SUFFIXES))
    for d in loader.root_dirs({p: files[p] for p in tf}):
        here = [p for p in tf if posixpath.dirname(p) == d]
        n = len(here)
        sink.add("IT015", Span(here[0], 1, 1),
                 f"this directory holds Terraform ({n} .tf file{'s' if n != 1 else ''}), "
                 f"which the {target} target does not translate; only the AI workloads "
                 "were translated", f"translate Terraform with `{TF_COMMAND}`")


def _relpath(path: Path, root: Path) -> str:
    return os.path.relpath(path, root)
