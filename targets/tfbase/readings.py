"""Per-translation indexes built once on first use and kept in Ctx.readings."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from .context import Ctx

_T = TypeVar("_T")


def index(ctx: Ctx, what: str, build: Callable[[], _T]) -> _T:
    """`build()` once per translation under the name `what` (give it the module when the
    index covers one module: "eks.subnets_of <module>").  The lowerings ask per resource
    what a scan of the module answers for all of them; scanning per question was
    quadratic.  Ctx.readings is let go with the model, so nothing outlives the run."""
    key = (what, 0)
    hit = ctx.readings.get(key)
    if hit is None:
        hit = ctx.readings[key] = (None, build())
    value: _T = hit[1]
    return value


def grouped(ctx: Ctx, what: str, build: Callable[[], dict[int, list[_T]]],
            owner: object) -> list[_T]:
    """The entries `build()` groups under id(owner) (a copy: callers may extend it), the
    grouping built once per translation as `index` does."""
    return list(index(ctx, what, build).get(id(owner), []))
