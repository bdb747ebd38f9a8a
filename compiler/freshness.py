"""`--check`: compare a translation with what is already in the output directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


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
