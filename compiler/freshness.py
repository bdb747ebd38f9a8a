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
        elif path.read_text(encoding="utf-8") != text:
            stale.append(rel)
    produced = set(files)
    extra = sorted(p.relative_to(out).as_posix() for p in out.rglob("*")
                   if p.is_file() and p.name.endswith(_OWNED_SUFFIXES)
                   and p.relative_to(out).as_posix() not in produced) if out.is_dir() else []
    return Freshness(stale, missing, extra)


def write(files: dict[str, str], out: Path, inputs: list[Path], where: str = "--out"
          ) -> tuple[int, list[Diagnostic]]:
    """Write `files` under `out`, never over an existing input file (IT004 instead); returns
    how many were written.  `where` names the setting to change in the message."""
    sink = Sink()
    protected: set[Path] = set()
    for p in inputs:
        p = p.resolve()
        if p.is_dir():
            protected.update(q.resolve() for q in p.rglob("*") if q.is_file())
        else:
            protected.add(p)
    written = 0
    for rel, text in files.items():
        dest = (out / rel).resolve()
        if dest in protected:
            sink.add("IT004", Span(rel, 1, 1), f"not written: `{dest}` is an input file; "
                     f"choose another {where} directory")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
        written += 1
    return written, sink.sorted()
