"""Estate discovery: the Terraform roots and AI workload files below a repository root."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import inputkind
from .diagnostics import Sink
from .frontends import ai_sources, loader
from .frontends.inputtree import VENDORED, Tree
from .generated import is_generated
from .span import Span


@dataclass(frozen=True)
class Estate:
    """What one run translates; paths are POSIX and relative to `base`."""

    base: Path  # the inputs' root, covering local modules (as diagnostics are relative to)
    roots: tuple[str, ...]  # Terraform root modules: directories no other directory calls
    workloads: dict[str, str]  # AI bodies, `ovhai` command files, MKS dumps: path -> text
    inputs: tuple[str, ...] = ("",)  # the directories given, relative to `base`

    @property
    def flat(self) -> bool:
        """Each root is an input directory itself, and no workload: the single-module
        layout (files written at the top of --out, not under terraform/)."""
        return not self.workloads and set(self.roots) <= set(self.inputs)


def discover(paths: list[str | Path], sink: Sink, read: set[Path]) -> Estate | None:
    """The estate below directory inputs, or None when the inputs are not only directories
    (files named one by one are read as they are given)."""
    if not paths or not all(Path(p).is_dir() for p in paths):
        return None
    found = loader.resolve_inputs(paths, Sink(), modules=True)
    if found is None:
        return None
    present, base = found
    tree = Tree(base, Sink(), None)
    tf: dict[str, str] = {}
    candidates: list[Path] = []
    for top in present:
        for m in walk(tree, top):
            if m.name.endswith(loader.SUFFIXES):
                text = _text(m)
                if text is not None and not is_generated(text):
                    tf[m.relative_to(base).as_posix()] = text
            elif ai_sources.candidate(m.name):
                candidates.append(m)
    roots = loader.root_dirs(tf, base)
    workloads: dict[str, str] = {}
    ai_tree = Tree(base, sink, set())  # reports links leaving the tree (IT011)
    for m in candidates:
        rel = m.relative_to(base).as_posix()
        if rel.endswith(".tf.json") or loader.too_large(m, rel, sink) or \
                not ai_tree.admit_file(m):
            continue
        text = _text(m)
        if text is None:
            sink.add("IT014", Span(rel, 1, 1), f"`{rel}` is not UTF-8 text (binary or "
                     "encrypted); it is skipped")
        elif not ai_sources.written_here(text) and any(inputkind.probe(rel, text)):
            workloads[rel] = text
            read.add(m.resolve())  # never written over
    inputs = tuple(sorted({_rel(p, base) for p in present}))
    return Estate(base, tuple(roots), workloads, inputs)


def walk(tree: Tree, top: Path) -> list[Path]:
    """Files below `top`, without entering vendored directories."""
    return list(tree.walk(top, VENDORED))


def _rel(path: Path, base: Path) -> str:
    rel = path.relative_to(base).as_posix()
    return "" if rel == "." else rel


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None  # the Terraform reader reports it when it reads the root
