"""What lint leaves alone: this tool's own outputs, and Helm chart files as AI bodies."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from .diagnostics import Sink
from .frontends import ai_sources, loader
from .generated import is_generated
from .span import Span


def hook_files_pattern() -> str:
    """The `files:` regex of the lint pre-commit hook: exactly the kinds of file lint reads
    in a directory (Terraform, AI bodies, scripts, Markdown, Makefiles); a test keeps
    `.pre-commit-hooks.yaml` equal to it."""
    names = "|".join(re.escape(n) for n in ai_sources.AI_NAMES)
    suffixes = sorted({s.lstrip(".") for s in loader.SUFFIXES + ai_sources.AI_SUFFIXES})
    return rf"(^|/)({names})$|\.({'|'.join(re.escape(s) for s in suffixes)})$"


def roots(inputs: list[str | Path]) -> tuple[Path | None, Path | None]:
    """The directories lint's relative paths start from: AI sources, Terraform (with modules)."""
    ai = loader.resolve_inputs(list(inputs), Sink())
    tf = loader.resolve_inputs(list(inputs), Sink(), modules=True)
    return (ai[1] if ai else None), (tf[1] if tf else None)


def drop_outputs(files: dict[str, str], where: tuple[Path | None, Path | None],
                 outputs: tuple[Path, ...], sink: Sink) -> dict[str, str]:
    """`files` without this tool's outputs (info IT012): files under a configured
    translation's `out`, Terraform files starting with our header line and manifests
    carrying our managed-by label.  Findings there repeat
    those of the inputs they came from, so the lint hook passes on committed outputs."""
    outs = [o.resolve() for o in outputs]
    kept = {}
    for rel, text in files.items():
        root = where[1] if rel.endswith(loader.SUFFIXES) else where[0]
        path = (root / rel).resolve() if root else None
        out = next((o for o in outs if path and (o == path or o in path.parents)), None)
        if out is not None:
            sink.add("IT012", Span(rel, 1, 1), "an output of a translation in the project "
                     "configuration; outputs are not linted (their inputs are)")
        elif rel.endswith(loader.SUFFIXES) and is_generated(text):
            sink.add("IT012", Span(rel, 1, 1), "written by iac-translate (its header line); "
                     "outputs are not linted (their inputs are)")
        elif not rel.endswith(loader.SUFFIXES) and ai_sources.written_here(text):
            sink.add("IT012", Span(rel, 1, 1), "written by iac-translate (its managed-by "
                     "label); outputs are not linted (their inputs are)")
        else:
            kept[rel] = text
    return kept


def charts(files: dict[str, str], root: Path | None) -> frozenset[str]:
    """Chart directories (relative to `root`; "" when `root` is inside one) holding any of
    `files`: a Chart.yaml among them or beside them on disk, so a lone staged values.yaml
    or template is known as chart content, not a broken AI body."""
    found = {posixpath.dirname(r) for r in files if posixpath.basename(r) == "Chart.yaml"}
    if root is None:
        return frozenset(found)
    seen: dict[Path, Path | None] = {}
    for rel in files:
        chart = _chart_above((root / rel).parent, seen)
        if chart is None:
            continue
        real, base = chart.resolve(), root.resolve()
        if real == base or base in real.parents:
            inside = real.relative_to(base).as_posix()
            found.add("" if inside == "." else inside)
        else:
            found.add("")  # `root` is inside the chart: every file is chart content
    return frozenset(found)


def _chart_above(d: Path, seen: dict[Path, Path | None]) -> Path | None:
    """The nearest directory from `d` upwards holding Chart.yaml, stopping at the repository
    root (the first directory with `.git`)."""
    walked = []
    found: Path | None = None
    for cand in (d, *d.parents):
        if cand in seen:
            found = seen[cand]
            break
        walked.append(cand)
        if (cand / "Chart.yaml").is_file():
            found = cand
            break
        if (cand / ".git").exists():
            break
    for w in walked:
        seen[w] = found
    return found
