"""Output directories: compare a translation with what is there (`--check`), write it safely."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic, Sink
from .span import Span


@dataclass(frozen=True)
class Freshness:
    stale: list[str]  # present but different
    missing: list[str]  # would be written
    extra: list[str]  # in the directory, no longer produced

    @property
    def fresh(self) -> bool:
        return not (self.stale or self.missing or self.extra)


# Files a translation writes next to its outputs; others in --out are the user's business.
_OWNED_SUFFIXES = (".tf", ".yaml", ".yml", ".tpl", ".txt", ".json", ".helmignore")


def compare(files: dict[str, str], out: Path) -> Freshness:
    """Which files differ from `out`; nothing is written."""
    stale, missing = [], []
    for rel, text in sorted(files.items()):
        path = out / rel
        if not path.is_file():
            missing.append(rel)
        elif not _same(path, text):
            stale.append(rel)
    produced = set(files)
    extra = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and p.name.endswith(_OWNED_SUFFIXES)
                   and p.relative_to(out).as_posix() not in produced) if out.is_dir() else []
    return Freshness(stale, missing, extra)


def _same(path: Path, text: str) -> bool:
    try:  # bytes: a file that is not UTF-8 is simply different
        return path.read_bytes() == text.encode("utf-8")
    except (OSError, UnicodeEncodeError):
        return False


def write(files: dict[str, str], out: Path, inputs: list[Path], where: str = "--out",
          read: tuple[Path, ...] = ()) -> tuple[int, list[Diagnostic]]:
    """Write `files` under `out` all at once (see safewrite.write): refused when `out` overlaps
    the inputs (IT010) or a file would land on an input (IT004); returns how many changed.
    `read` are the files the translation read; `where` names the setting in messages."""
    diags = overlap(out, inputs, read, where)
    if diags:
        return 0, diags
    protected: set[Path] = {p.resolve() for p in read}
    for p in inputs:
        p = p.resolve()
        if p.is_dir():
            protected.update(q.resolve() for q in p.rglob("*") if q.is_file())
        else:
            protected.add(p)
    from . import safewrite  # (ctypes, tempfile: only a run that writes needs them)
    return safewrite.write(files, out, protected, where)


def overlap(out: Path, inputs: list[Path], read: tuple[Path, ...] = (), where: str = "--out"
            ) -> list[Diagnostic]:
    """IT010 when `out` is (inside) an input directory or holds an input: a translation
    written among its inputs would be read back by the next run."""
    sink = Sink()
    real = out.resolve()
    span = Span(str(out), 1, 1)
    for p in inputs:
        r = p.resolve()
        d = r if r.is_dir() else r.parent
        if real == d or d in real.parents:
            what = "the input directory" if real == d else f"inside the input directory `{p}`"
            sink.add("IT010", span, f"{where} `{out}` is {what}",
                     f"choose a {where} directory outside the inputs (for example a sibling)")
        elif real in r.parents:
            sink.add("IT010", span, f"{where} `{out}` contains the input `{p}`",
                     f"choose a {where} directory that holds no input")
    for f in read:
        if real in f.resolve().parents:
            sink.add("IT010", span, f"{where} `{out}` holds `{f}`, which this run read as input",
                     f"choose a {where} directory that holds no input")
            break
    return sink.sorted()


def unified_diff(files: dict[str, str], out: Path, state: Freshness, shown_as: str) -> str:
    """What regenerating `out` would change, as a unified diff (`git apply -p1` applies it):
    stale files changed, missing ones added (from /dev/null), extra ones removed.  Paths
    read `a/<shown_as>/<file>`; a file that is not UTF-8 text is one "Binary files" line."""
    import difflib
    parts = []
    for rel in sorted({*state.stale, *state.missing, *state.extra}):
        name = f"{shown_as}/{rel}" if shown_as not in ("", ".") else rel
        old = "" if rel in state.missing else _text(out / rel)
        new = files.get(rel, "")
        a = "/dev/null" if rel in state.missing else f"a/{name}"
        b = "/dev/null" if rel in state.extra else f"b/{name}"
        if old is None:
            parts.append(f"Binary files {a} and {b} differ\n")
            continue
        for line in difflib.unified_diff(old.splitlines(keepends=True),
                                         new.splitlines(keepends=True), a, b):
            # As diff and git print it, so `git apply` keeps a last line without newline.
            parts.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(parts)


def _text(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
