"""Golden case discovery and the expected/actual file sets of one case."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from iac_translate.compiler.api import Result, TranslateOptions, translate
from iac_translate.compiler.render import golden_line

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
DIAGNOSTICS = "diagnostics.txt"


@dataclass(frozen=True)
class Case:
    name: str
    path: Path
    description: str
    targets: tuple[str, ...]
    input_dir: str = "input"  # case.yaml `input:` may point elsewhere (e.g. examples/)
    options: tuple[tuple[str, str], ...] = ()  # TranslateOptions fields from case.yaml

    @property
    def input(self) -> Path:
        return (self.path / self.input_dir).resolve()

    def expected_dir(self, target: str) -> Path:
        return self.path / "expected" / target


def cases() -> list[Case]:
    out = []
    for case_file in sorted(GOLDEN.glob("*/case.yaml")):
        meta = yaml.safe_load(case_file.read_text(encoding="utf-8")) or {}
        out.append(Case(case_file.parent.name, case_file.parent, meta.get("description", ""),
                        tuple(meta.get("targets", ["gke"])), meta.get("input", "input"),
                        tuple(sorted((meta.get("options") or {}).items()))))
    return out


def run(case: Case, target: str) -> tuple[Result, dict[str, str]]:
    """Translate a case; return the result and every file expected/<target>/ should hold."""
    result = translate(case.input, target, TranslateOptions(**dict(case.options)))
    files = dict(result.files)
    files[DIAGNOSTICS] = "".join(golden_line(d) + "\n" for d in result.diagnostics)
    return result, files


def read_expected(case: Case, target: str) -> dict[str, str]:
    root = case.expected_dir(target)
    if not root.is_dir():
        return {}
    return {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8")
            for p in sorted(root.rglob("*")) if p.is_file()}


def write_expected(case: Case, target: str, files: dict[str, str]) -> list[str]:
    """Replace expected/<target>/ with `files`; return the paths that changed."""
    old = read_expected(case, target)
    root = case.expected_dir(target)
    for rel in old:
        (root / rel).unlink()
    for rel, text in files.items():
        dest = root / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(text, encoding="utf-8")
    changed = sorted(set(old) ^ set(files)) + sorted(
        k for k in set(old) & set(files) if old[k] != files[k])
    return changed
