"""Stable, unique names for AI workloads that have none (or share one) across a whole run."""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections import Counter

from ..diagnostics import Sink
from ..ir import ai
from .ovhai_values import placeholder


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _base(w: ai.AiWorkload) -> str:
    if w.kind == "notebook":
        return _slug(f"{w.framework or ''}-{w.editor or ''}") or "notebook"
    repo = (w.image or "").rsplit("/", 1)[-1].split("@", 1)[0].split(":", 1)[0]
    return _slug(repo) or w.kind


def assign(workloads: list[ai.AiWorkload], sink: Sink) -> list[ai.AiWorkload]:
    """Unnamed workloads get `<image>-<hash of file path, image and rank>`; the rank counts
    earlier workloads of the same file and image, so neither line numbers nor other files
    change a name.  A name another workload of the run already took gets the same suffix."""
    seen: Counter[tuple[str, str]] = Counter()
    taken: set[str] = set()
    out = []
    for w in workloads:
        what = w.image or f"{w.framework or ''}/{w.editor or ''}"
        key = (w.span.file, what)
        rank = seen[key]
        seen[key] += 1
        digest = hashlib.sha256(f"{w.span.file}\0{what}\0{rank}".encode()).hexdigest()[:6]
        name = w.name if w.name and not placeholder(w.name) else None
        if name is None:
            new = f"{_base(w)[:40].strip('-')}-{digest}"
            sink.add("IT232", w.span, f"the {w.kind} has no name: it is named `{new}` "
                     "(from its file and image)", "give it one with --name")
        elif _slug(name) in taken:
            new = f"{_slug(name)[:40].strip('-')}-{digest}"
            sink.add("IT232", w.span_of("name"), f"another workload is already named `{name}`: "
                     f"this one is named `{new}`", "give each workload its own --name")
        else:
            new = name
        taken.add(_slug(new))
        out.append(w if new == w.name else dataclasses.replace(w, name=new))
    return out
