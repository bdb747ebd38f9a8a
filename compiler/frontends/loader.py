"""Find and parse input files: single files, directories, and local modules recursively."""

from __future__ import annotations

import os
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .. import limits
from ..diagnostics import Sink
from ..span import Span
from . import own_remote
from .inputtree import Tree

# The parser and the IR are imported where files are parsed: a warm run (a cache hit)
# reads the texts and never parses them.
if TYPE_CHECKING:
    from ..hcl.ast import Body
    from ..ir import nodes as N

SUFFIXES = (".tf.json", ".tf")


@dataclass(frozen=True)
class Sources:
    """Input texts keyed by POSIX path relative to the input root."""

    files: dict[str, str]
    # root directory -> the text of its `.terraform/modules/modules.json` (downloaded.py)
    manifests: dict[str, str] = field(default_factory=dict)
    # the input root on disk ("" for texts given in memory): where calls of the repository's
    # own Git address find its directories (own_remote.py)
    root: str = ""
    # the roots' variable files (tfvars.py), by path: read for what they set, never emitted
    tfvars: dict[str, str] = field(default_factory=dict)

    def key_texts(self) -> dict[str, str]:
        """Every text the translation depends on, by path (for cache keys)."""
        from .downloaded import MANIFEST
        own = own_remote.remotes(self.root) if self.root else ""
        return {**self.files, **{posixpath.join(r, MANIFEST): t
                                 for r, t in self.manifests.items()},
                **({own_remote.KEY: own} if own else {}), **self.tfvars}


def collect(paths: list[str | Path], sink: Sink, read: set[Path] | None = None
            ) -> tuple[Sources, list[str]]:
    """Read the given files/directories (and, later, module dirs) relative to a common root.

    Returns the sources and the list of root-module directories (relative paths); every file
    read is added to `read` (resolved).  Symbolic links are followed inside the input tree
    only, and each file or directory is read once (inputtree.Tree).
    """
    found = resolve_inputs(paths, sink, modules=True)
    if found is None:
        return Sources({}), []
    present, root = found
    tree = Tree(root, sink, read, once=False)
    files: dict[str, str] = {}
    total = [0]  # bytes read so far (limit `total_bytes`)
    roots: list[str] = []
    for r in present:
        if r.is_dir() and not tree.admit_dir(r):
            continue
        members = _members(r, sink, root) if r.is_dir() else [r]
        rel_dir = (r if r.is_dir() else r.parent).relative_to(root).as_posix()
        rel_dir = "" if rel_dir == "." else rel_dir
        if rel_dir not in roots:
            roots.append(rel_dir)
        if r.is_dir() and not members:
            sink.add("IT003", None, f"directory `{r.name}` has no .tf or .tf.json file")
        for m in members:
            if tree.admit_file(m):
                read_into(m, m.relative_to(root).as_posix(), files, sink, total)
    manifests = _read_downloaded(tree, roots, files, sink, total)
    _add_module_dirs(tree, files, sink, total)
    from . import tfvars
    return Sources(files, manifests, root.as_posix(), tfvars.read(tree, roots, total)), \
        roots


def _read_downloaded(tree: Tree, roots: list[str], files: dict[str, str], sink: Sink,
                     total: list[int]) -> dict[str, str]:
    """The manifests of the roots that `terraform init` ran in, and the files of the remote
    modules it downloaded there (their local modules are read as any others')."""
    from .downloaded import MANIFEST, read_manifest
    out: dict[str, str] = {}
    for r in roots:
        m = tree.root / r / MANIFEST
        rel = posixpath.join(r, MANIFEST)
        if not m.is_file() or not tree.admit_file(m) or too_large(m, rel, sink, total):
            continue
        try:
            out[r] = text = m.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            sink.add("IT002", Span(rel, 1, 1), f"cannot read `{rel}`: {e.__class__.__name__}")
            continue
        for inst in sorted(read_manifest(r, text, Sink()).values(), key=lambda i: i.dir):
            d = tree.root / inst.dir
            if inst.dir.startswith("..") or not d.is_dir() or not tree.admit_dir(d):
                continue
            for f in _members(d, sink, tree.root):
                p = f.relative_to(tree.root).as_posix()
                if p not in files and tree.admit_file(f):
                    read_into(f, p, files, sink, total)
    return out


def _members(d: Path, sink: Sink, root: Path) -> list[Path]:
    try:
        return sorted(m for m in d.iterdir() if m.is_file() and m.name.endswith(SUFFIXES))
    except OSError as e:
        rel = d.relative_to(root).as_posix()
        sink.add("IT002", Span(rel, 1, 1), f"cannot read the directory `{rel}`: "
                 f"{e.strerror or e.__class__.__name__}")
        return []


def resolve_inputs(paths: list[str | Path], sink: Sink, modules: bool = False
                   ) -> tuple[list[Path], Path] | None:
    """Existing input paths (IT001 for the others) and their common root directory; with
    `modules`, the root also covers every local module they reach (`../../modules/x`)."""
    resolved = [Path(p).resolve() for p in paths]
    for p, r in zip(paths, resolved):
        if not r.exists():
            sink.add("IT001", None, f"input path `{p}` does not exist")
    present = [r for r in resolved if r.exists()]
    if not present:
        return None
    dirs = [r if r.is_dir() else r.parent for r in present]
    if modules:
        dirs += _module_dirs(present)
    return present, Path(posixpath.commonpath([d.as_posix() for d in dirs]))


def _module_dirs(present: list[Path]) -> list[Path]:
    """Directories of the local modules reachable from the inputs, joined to the calling
    directory as Terraform does (any depth of `../`).  Only real directories widen the tree
    here: a path through a symbolic link is left to Tree, which keeps links inside the tree."""
    queue: list[tuple[Path, list[Path] | None]] = [
        (r, None) if r.is_dir() else (r.parent, [r]) for r in present]
    seen = {d for d, _ in queue}
    found: list[Path] = []
    while queue:
        d, only = queue.pop(0)
        try:
            members = only or sorted(m for m in d.iterdir() if m.name.endswith(SUFFIXES))
        except OSError:
            continue
        for m in members:
            if m.is_symlink() or not m.is_file():
                continue
            srcs = _sources_of(m)
            for src in srcs:
                t = Path(os.path.normpath(d / src))
                if t in seen or not t.is_dir() or t.resolve() != t:
                    continue
                seen.add(t)
                found.append(t)
                queue.append((t, None))
    return found


# (path, size, mtime) -> its local module sources: a run asks for the module tree three
# times (discovery, reading, diagnostics' paths) and re-reading every file was a twentieth of
# a warm `check`; an edited file has another size or time and is read again.
_SOURCES: dict[tuple[str, int, int], list[str]] = {}


def _sources_of(m: Path) -> list[str]:
    try:
        st = m.stat()
        k = (str(m), st.st_size, st.st_mtime_ns)
        hit = _SOURCES.get(k)
        if hit is None:
            text = m.read_text(encoding="utf-8-sig")
            hit = _SOURCES[k] = module_sources(text) + own_remote.sources(text, m.parent)
        return hit
    except (OSError, UnicodeDecodeError):
        return []


def too_large(path: Path, rel: str, sink: Sink, total: list[int] | None = None) -> bool:
    """True (with IT115) when the file is past the `file_bytes` limit, or reading it would
    pass `total_bytes` (the running `total` of one run): the file is then not read at all."""
    lim = limits.current()
    try:
        size = path.stat().st_size
    except OSError:
        return False  # the read reports it
    if size > lim.file_bytes:
        sink.add("IT115", Span(rel, 1, 1), f"`{rel}` has {size} bytes, more than the limit "
                 f"of {lim.file_bytes} (file_bytes); it is not read",
                 "split it, or raise the limit: --limit file_bytes=N")
        return True
    if total is not None:
        if total[0] + size > lim.total_bytes:
            sink.add("IT115", Span(rel, 1, 1), f"reading `{rel}` would pass the limit of "
                     f"{lim.total_bytes} bytes for all inputs together (total_bytes); it "
                     "is not read", "translate fewer inputs at once, or raise the limit: "
                     "--limit total_bytes=N")
            return True
        total[0] += size
    return False


def read_into(path: Path, rel: str, files: dict[str, str], sink: Sink,
              total: list[int] | None = None) -> None:
    if too_large(path, rel, sink, total):
        return
    try:
        files[rel] = path.read_text(encoding="utf-8-sig")  # editors on Windows add a BOM
    except (OSError, UnicodeDecodeError) as e:
        sink.add("IT002", Span(rel, 1, 1), f"cannot read `{rel}`: {e.__class__.__name__}")


def _add_module_dirs(tree: Tree, files: dict[str, str], sink: Sink, total: list[int]) -> None:
    """Read directories of local modules (source = "./x" or "../x") found in any file."""
    root = tree.root
    seen: set[str] = set()
    queue = sorted(files)
    while queue:
        rel = queue.pop(0)
        text = files[rel]
        for src in module_sources(text) + own_remote.sources(
                text, root / posixpath.dirname(rel)):
            target = posixpath.normpath(posixpath.join(posixpath.dirname(rel), src))
            if target in seen or target.startswith(".."):
                continue
            seen.add(target)
            d = root / target
            if not d.is_dir() or not tree.admit_dir(d):
                continue
            for m in _members(d, sink, root):
                r = m.relative_to(root).as_posix()
                if r not in files and tree.admit_file(m):
                    read_into(m, r, files, sink, total)
                    if r in files:  # an unreadable file is IT002, not a module to scan
                        queue.append(r)


# `source = "./x"` (HCL, at the start of its line) or `"source": "../x"` (JSON): a cheap
# pre-scan, the parser validates.  Each pattern starts with a literal the engine scans for
# (one pattern `^\s*source...|"source"...` was tried at every offset: a third of a warm lint).
_HCL_SOURCE = re.compile(r'source\s*=\s*"(\.\.?/[^"]*)"')
_JSON_SOURCE = re.compile(r'"source"\s*:\s*"(\.\.?/[^"]*)"')


def root_dirs(files: dict[str, str], base: Path | None = None) -> list[str]:
    """The directories of Terraform `files` (path -> text) that no other directory among them
    calls as a local module (or, below `base` on disk, by the repository's own Git address):
    the root modules, sorted ("" for the top)."""
    dirs = {posixpath.dirname(p) for p in files}

    def calls(p: str) -> list[str]:
        own = own_remote.sources(files[p], base / posixpath.dirname(p)) if base else []
        return module_sources(files[p]) + own
    called = {posixpath.normpath(posixpath.join(posixpath.dirname(p), src))
              for p in files for src in calls(p)}
    return sorted(dirs - {"" if c == "." else c for c in called})


def module_sources(text: str) -> list[str]:
    """Local module sources written in `text`, in order."""
    found = [(m.start(), m.group(1)) for m in _JSON_SOURCE.finditer(text)]
    for m in _HCL_SOURCE.finditer(text):
        a = m.start()
        before = text[text.rfind("\n", 0, a) + 1:a]
        if not before or before.isspace():
            found.append((a, m.group(1)))
    return [v for _, v in sorted(found)]


def parse_file(rel: str, text: str, sink: Sink) -> Body | None:
    """Parse one file; a syntax error becomes a located IT1xx diagnostic and None."""
    from ..hcl.lexer import LineIndex
    from ..hcl.parser import ParseError, parse_body_text
    from . import json_syntax
    text = text.removeprefix("\ufeff")
    lim = limits.current().file_bytes
    if len(text) > lim // 4 and len(text.encode("utf-8", "surrogatepass")) > lim:
        # In-memory sources (the API's dict input) skip the reader's size check.
        sink.add("IT115", Span(rel, 1, 1), f"`{rel}` is larger than the limit of {lim} bytes "
                 "(file_bytes)", "split it, or raise the limit: --limit file_bytes=N")
        return None
    try:
        if rel.endswith(".tf.json"):
            return json_syntax.parse_json_config(text, rel)
        return parse_body_text(text, rel)
    except ParseError as e:
        line, col = LineIndex(text).pos(e.offset)
        code = "IT102" if rel.endswith(".tf.json") and e.code == "IT101" else e.code
        sink.add(code, Span(rel, line, col, line, col + 1), e.message)
    except json_syntax.JsonShapeError as e:
        sink.add("IT102", e.expr.span, e.message)
    except RecursionError:
        sink.add("IT101", Span(rel, 1, 1), "expression nesting is too deep to parse")
    return None


def build_model(sources: Sources, roots: list[str], sink: Sink) -> N.Model:
    """Parse every file and group nodes per module directory (root modules first).

    Callers that parse much (the API, benchmarks) pause the cyclic GC around this.
    """
    from ..ir import nodes as N
    from . import foreign, terraform
    by_dir: dict[str, list[N.Node]] = {}
    files_by_dir: dict[str, list[str]] = {}
    known = sources_dirs(sources)
    for rel in sorted(sources.files):
        d = posixpath.dirname(rel)
        files_by_dir.setdefault(d, []).append(rel)
        by_dir.setdefault(d, [])
        body = parse_file(rel, sources.files[rel], sink)
        if body is None:
            continue
        for item in body.items:
            if not hasattr(item, "type"):
                sink.add("IT104", item.span, "arguments are not allowed at the top level of a "
                         "configuration file")
                continue
            node = terraform.node_from_block(item, d, sink)  # type: ignore[arg-type]
            if node is not None:
                by_dir[d].append(_with_local_path(node, d, known, sources.root))
    if sources.manifests:
        from .downloaded import resolve_calls
        for d in resolve_calls(by_dir, roots, sources.manifests, sink):
            del by_dir[d], files_by_dir[d]
    order = sorted(by_dir, key=lambda d: (d not in roots, d))
    from . import tfvars
    return foreign.reclassify(N.Model(tuple(N.Module(d, tuple(files_by_dir[d]),
                                                     tuple(by_dir[d])) for d in order),
                                      tfvars.parse(sources.tfvars, sink)))


def sources_dirs(sources: Sources) -> set[str]:
    return {posixpath.dirname(f) for f in sources.files}


def _with_local_path(node: N.Node, d: str, known_dirs: set[str], root: str = "") -> N.Node:
    from ..ir import nodes as N
    if not isinstance(node, N.ModuleCall):
        return node
    from ..ir import expr as E
    src = E.str_value(node.arg("source"))
    if src and root and not src.startswith(("./", "../")):
        # (this repository's module, by its address)
        src = own_remote.local_source(src, Path(root) / d) or src
    if src and src.startswith(("./", "../")):
        target = posixpath.normpath(posixpath.join(d, src))
        target = "" if target == "." else target  # (an example calling `../..`: the top)
        if target in known_dirs:
            return N.ModuleCall(span=node.span, labels=node.labels, args=node.args,
                                arg_spans=node.arg_spans, module=node.module, local_path=target)
    return node
