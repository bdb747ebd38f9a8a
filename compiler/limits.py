"""Input limits (sizes, nesting, items, YAML aliases): defaults, overrides and the active set."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from .guard import MAX_DEPTH


@dataclass(frozen=True)
class Limits:
    """What one run accepts; past a limit the input is a located error, never an exhausted
    machine. Real configurations stay far below every default."""

    # Bytes of one input file (IT115). Real files stay under a few MB (the benchmark's
    # 50,000 resources are 25 MB over hundreds of files); a dense one-line list costs up to
    # about 300 bytes of memory per input byte, so this bounds a run's memory too.
    file_bytes: int = 16 * 1024 * 1024
    # Bytes of all input files of one run together (IT115).
    total_bytes: int = 256 * 1024 * 1024
    # Nesting of blocks, brackets and templates, YAML/JSON collections (IT109).
    depth: int = MAX_DEPTH
    # Values in one list, object, call or block body (IT116).
    items: int = 1_000_000
    # Values YAML aliases may repeat in one file (IT112): CI anchors repeat a few dozen.
    aliases: int = 10_000


DEFAULT = Limits()
NAMES = tuple(f.name for f in fields(Limits))
_HELP = {"file_bytes": "bytes of one input file", "total_bytes": "bytes of all inputs together",
         "depth": "nesting levels", "items": "values in one list, object or block",
         "aliases": "values YAML aliases may repeat"}
_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
_VALUE = re.compile(r"^([0-9][0-9_]*)([kmg]?)b?$", re.I)
_current: ContextVar[Limits] = ContextVar("iac_translate_limits", default=DEFAULT)


class LimitError(ValueError):
    """A limit name or value that is not valid (a usage error: exit 2)."""


def describe() -> str:
    """`name (meaning, default N)` for every limit: help texts and error messages."""
    return "; ".join(f"{n} ({_HELP[n]}, default {getattr(DEFAULT, n)})" for n in NAMES)


def value_of(name: str, text: object) -> int:
    """A limit value: a positive integer, `_` separators and k/m/g (x1024) suffixes allowed."""
    if isinstance(text, bool):
        raise LimitError(f"limit `{name}`: expected a positive integer, got `{text}`".lower())
    if isinstance(text, int):
        n = text
    else:
        m = _VALUE.match(str(text).strip())
        if m is None:
            raise LimitError(f"limit `{name}`: expected a positive integer (k, m, g suffixes "
                             f"allowed), got `{text}`")
        n = int(m.group(1).replace("_", "")) * _UNITS[m.group(2).lower()]
    if n < 1:
        raise LimitError(f"limit `{name}` must be at least 1, got {n}")
    if name == "depth" and n > 10_000:
        # Deeper trees exhaust the interpreter's stack in later passes (an IT109 anyway).
        raise LimitError(f"limit `depth` may be at most 10000, got {n}")
    return n


def with_overrides(base: Limits, overrides: Mapping[str, object]) -> Limits:
    """`base` with each NAME -> VALUE applied; LimitError names a bad one and the valid names."""
    changes: dict[str, int] = {}
    for raw, v in overrides.items():
        name = raw.strip().replace("-", "_")
        if name not in NAMES:
            raise LimitError(f"unknown limit `{raw}`; the limits are: {describe()}")
        changes[name] = value_of(name, v)
    return replace(base, **changes)


def parse_options(items: tuple[str, ...] | list[str], base: Limits = DEFAULT) -> Limits:
    """`--limit NAME=VALUE` options (repeatable) applied over `base`."""
    overrides: dict[str, object] = {}
    for item in items:
        name, eq, value = item.partition("=")
        if not eq or not name.strip():
            raise LimitError(f"--limit expects NAME=VALUE, got `{item}`")
        overrides[name] = value
    return with_overrides(base, overrides)


def current() -> Limits:
    """The limits of the running translation."""
    return _current.get()


@contextmanager
def using(limits: Limits) -> Iterator[Limits]:
    """Run the block under `limits` (the CLI sets them from options and configuration)."""
    token = _current.set(limits)
    try:
        yield limits
    finally:
        _current.reset(token)
