"""The input tree: symbolic links followed only inside it (its repository), loops read once."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Sink
from ..span import Span

# Directories never read as input: version control, and the temporary siblings a writing run
# of this tool makes beside its output directory.
_SKIP_DIRS = (".git", ".hg", ".svn")
# Directories a user does not own as configuration: vendored or downloaded code, tool caches
# (walks over a repository skip them; a path given explicitly is still read).
VENDORED = frozenset({".terraform", ".terragrunt-cache", "node_modules", "vendor", ".venv",
                      "venv", "__pycache__", ".tox", ".mypy_cache", ".pytest_cache"})
_OWN_TEMP = ".iac-translate-"


def bound_of(root: Path) -> Path:
    """How far links may lead: the repository holding `root` (the nearest ancestor with a
    `.git`), else `root` itself.  Per-cloud roots that link shared files from `../common`
    are ordinary; a link to `/etc` or `~/.aws` is what a hostile pull request would add."""
    for d in (root, *root.parents):
        if (d / ".git").exists():
            return d
    return root


class Tree:
    """Admits paths below `root`'s repository; records every admitted file in `read`."""

    def __init__(self, root: Path, sink: Sink, read: set[Path] | None = None,
                 once: bool = True) -> None:
        self.root = root.resolve()
        self.bound = bound_of(self.root)
        self.sink = sink
        self.read = read if read is not None else set()
        # Files read once (AI inputs: a linked copy would be a second workload); Terraform
        # modules may share a linked file legitimately, so only directories end loops there.
        self.once = once
        self._dirs: set[Path] = set()

    def rel(self, path: Path) -> str:
        rel = Path(os.path.relpath(path, self.root)).as_posix()
        return "" if rel == "." else rel

    def admit_file(self, path: Path) -> bool:
        """True when `path` is to be read: not a link leaving the tree, not read before."""
        real = path.resolve()
        if not self._inside(path, real):
            return False
        if real in self.read and self.once:
            self.sink.add("IT012", Span(self.rel(path), 1, 1), f"`{self.rel(path)}` is the "
                          f"same file as `{self.rel(real)}` (symbolic link); it is read once")
            return False
        self.read.add(real)
        return True

    def admit_dir(self, path: Path) -> bool:
        """True when the directory is to be read: inside the tree and not read before, which
        also ends link loops (`self -> .`)."""
        real = path.resolve()
        if not self._inside(path, real):
            return False
        if real in self._dirs:
            self.sink.add("IT012", Span(self.rel(path), 1, 1), f"`{self.rel(path)}` is the "
                          f"directory `{self.rel(real) or '.'}` again (symbolic link); it is "
                          "read once")
            return False
        self._dirs.add(real)
        return True

    def _inside(self, path: Path, real: Path) -> bool:
        if real == self.bound or self.bound in real.parents:
            return True
        self.sink.add("IT011", Span(self.rel(path), 1, 1), f"`{self.rel(path)}` is a symbolic "
                      f"link to `{real}`, outside the input tree `{self.bound}`; it is not read",
                      "copy the file into the input tree, or give its directory as an input")
        return False

    def walk(self, top: Path, skip: frozenset[str] = frozenset()) -> Iterator[Path]:
        """Files below `top` in sorted order; linked directories inside the tree are entered
        once, linked files yielded (admit_file decides whether they are read); directories
        named in `skip` are not entered."""
        if not self.admit_dir(top):
            return
        try:
            entries = sorted(top.iterdir(), key=lambda p: p.name)
        except OSError as e:
            where = self.rel(top) or "."
            self.sink.add("IT002", Span(where, 1, 1), f"cannot read the directory `{where}`: "
                          f"{e.strerror or e.__class__.__name__}")
            return
        for entry in entries:
            if entry.is_dir():
                if entry.name in _SKIP_DIRS or _OWN_TEMP in entry.name or entry.name in skip:
                    continue
                yield from self.walk(entry, skip)
            elif entry.is_file():
                yield entry
