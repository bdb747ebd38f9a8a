"""A verification as a text table (for people and golden files) or versioned JSON."""

from __future__ import annotations

import json
from collections import Counter

from .model import Verification

_HEAD = ("object", "fact", "source", "output", "verdict")
_WIDE = 44  # a cell longer than this is cut (the JSON form has every value in full)


def _cut(text: str) -> str:
    return text if len(text) <= _WIDE else text[:_WIDE - 3] + "..."


def as_text(v: Verification) -> str:
    """One line per fact, columns aligned; `mapped` names what explains it; a summary."""
    cells = [(r.object, r.fact, _cut(r.source), _cut(r.output), f"{r.verdict} {r.why}".strip())
             for r in v.rows]
    widths = [max(len(row[i]) for row in [_HEAD, *cells]) for i in range(len(_HEAD))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip()
             for row in [_HEAD, *cells]]
    counts = Counter(r.verdict for r in v.rows)
    lines.append(f"{len(v.rows)} facts: {counts['equal']} equal, {counts['mapped']} mapped, "
                 f"{counts['lost']} lost")
    return "\n".join(lines) + "\n"


def as_json(v: Verification) -> str:
    counts = Counter(r.verdict for r in v.rows)
    doc = {"version": 1, "target": v.target, "rows": [r.as_dict() for r in v.rows],
           "totals": {k: counts[k] for k in ("equal", "mapped", "lost")},
           "diagnostics": [d.to_dict() for d in v.diagnostics]}
    return json.dumps(doc, indent=2, sort_keys=True) + "\n"
