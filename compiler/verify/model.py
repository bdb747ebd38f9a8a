"""Verify's data: a fact on each side, the row that judges it, and the whole verification."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..span import Span

EQUAL, MAPPED, LOST = "equal", "mapped", "lost"


@dataclass(frozen=True)
class Expression:
    """A value that is an expression (not a literal): compared as its text."""

    text: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Fact:
    """One value of an object. `raw` is what it was read from when that differs (a flavor
    for a vCPU count, a machine type for a RAM size): a diagnostic that names the raw value
    of the output explains a difference. `span` is the source text the fact comes from."""

    value: Any
    raw: str = ""
    span: Span | None = None
    # Source side only: the value the target's table gives (a region mapped to a GCP region),
    # and the table's name; a match is `mapped`, explained by the table.
    expect: Any = None
    table: str = ""


@dataclass(frozen=True)
class Row:
    object: str  # the source object (`ovh_cloud_project_kube.ml`, `app sentiment-api`)
    fact: str
    source: str
    output: str
    verdict: str  # equal | mapped | lost
    why: str = ""  # the code(s) or table that explains a `mapped` row
    span: Span | None = field(default=None, compare=False)
    target: str = ""  # the output object compared with

    def as_dict(self) -> dict[str, Any]:
        return {"object": self.object, "fact": self.fact, "source": self.source,
                "output": self.output, "verdict": self.verdict, "why": self.why,
                "target": self.target, "at": str(self.span) if self.span else ""}


@dataclass(frozen=True)
class Verification:
    """Rows of one `verify` run and its diagnostics (bad input: IT350-IT352, IT354)."""

    target: str
    rows: tuple[Row, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @property
    def lost(self) -> tuple[Row, ...]:
        return tuple(r for r in self.rows if r.verdict == LOST)

    @property
    def failed(self) -> bool:
        """Bad input: nothing could be compared (exit 2)."""
        return any(d.severity.value == "error" and d.code != "IT353" for d in self.diagnostics)

    def exit_code(self) -> int:
        return 2 if self.failed else 1 if self.lost else 0


# A fact extractor: what one object says about one fact, or None when it says nothing.
Extract = Callable[[Any], "Fact | None"]


def show(value: Any) -> str:
    """The table's text of a value: lists and maps sorted, absent as `-`."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={show(v)}" for k, v in sorted(value.items())) + "}"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [show(v) for v in value]
        return "[" + ", ".join(items if isinstance(value, (list, tuple)) else sorted(items)) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def same(a: Any, b: Any) -> bool:
    """Equal after normalising numbers written as text ("2" vs 2) and sequences."""
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (set, frozenset)) and isinstance(b, (set, frozenset)):
        return {show(x) for x in a} == {show(x) for x in b}
    return show(a) == show(b)


def untagged(image: str) -> str:
    """An image without its implicit `:latest` (a chart's default tag): the same image."""
    last = image.rsplit("/", 1)[-1]
    return image[:-len(":latest")] if last.endswith(":latest") and "@" not in last else image
