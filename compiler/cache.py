"""Content-addressed cache of translation results: a warm re-run skips parsing and lowering."""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import fields
from pathlib import Path
from typing import Any

from .codes import CODES
from .diagnostics import Diagnostic, redacted
from .span import Span

_tuple_new = tuple.__new__

# Bumped whenever the entry layout or the meaning of a key changes: older entries are misses.
SCHEMA = 1
MAX_ENTRIES = 32  # results kept (least recently used go first)
_enabled: ContextVar[bool] = ContextVar("iac_translate_cache", default=False)
_CODE_TREES = ("compiler", "targets", "grammars")


def directory() -> Path:
    """$IAC_TRANSLATE_CACHE_DIR, else $XDG_CACHE_HOME/iac-translate, else ~/.cache/..."""
    own = os.environ.get("IAC_TRANSLATE_CACHE_DIR")
    if own:
        return Path(own)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return Path(xdg if xdg and os.path.isabs(xdg) else Path.home() / ".cache") / "iac-translate"


@contextmanager
def enabled(on: bool = True) -> Iterator[None]:
    """Use the cache inside the block (the CLI, unless --no-cache; the library never does)."""
    token = _enabled.set(on)
    try:
        yield
    finally:
        _enabled.reset(token)


def active() -> bool:
    """On inside `enabled()`, unless $IAC_TRANSLATE_NO_CACHE is set (CI, the test suite)."""
    return _enabled.get() and not os.environ.get("IAC_TRANSLATE_NO_CACHE")


_code_digest: str | None = None
_CODE_SUFFIXES = (".py", ".json", ".lark", ".yaml")


def code_digest() -> str:
    """The tool's version: a digest of its own code and data files (path, size, mtime), so an
    upgrade or an edited checkout never reads an entry written by another build."""
    global _code_digest
    if _code_digest is None:
        h = hashlib.sha256(f"schema {SCHEMA}".encode())
        base = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
        lines: list[str] = []
        for tree in _CODE_TREES:
            _stat_lines(os.path.join(base, tree), f"{tree}/", lines)
        for line in sorted(lines):
            h.update(line.encode("utf-8", "surrogateescape"))
        _code_digest = h.hexdigest()
    return _code_digest


def _stat_lines(d: str, rel: str, out: list[str]) -> None:
    """One "path NUL size NUL mtime" line per code or data file below `d` (os.scandir: the
    pathlib walk of ~900 files was a fifth of a warm `check`)."""
    try:
        entries = list(os.scandir(d))
    except OSError:
        return
    for e in entries:
        try:
            if e.is_dir():
                if e.name != "__pycache__":  # bytecode only, never part of the digest
                    _stat_lines(e.path, f"{rel}{e.name}/", out)
            elif e.name.endswith(_CODE_SUFFIXES) and e.is_file():
                st = e.stat()
                out.append(f"{rel}{e.name}\0{st.st_size}\0{st.st_mtime_ns}\n")
        except OSError:
            continue  # removed while walking: not part of this build


def key(*parts: Any) -> str:
    """The entry key of `parts` (JSON-able: texts, options, diagnostics) and the tool's code."""
    h = hashlib.sha256(code_digest().encode())
    for part in parts:
        h.update(b"\0")
        h.update(json.dumps(part, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def _safe_dir() -> Path | None:
    """The cache directory, created 0700; None (no caching) when it is a link, or is not ours,
    or others may write to it: an entry planted by another user could hide diagnostics."""
    d = directory()
    try:
        d.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = d.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or (hasattr(os, "getuid") and st.st_uid != os.getuid()) \
            or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return d


def get(k: str) -> Any:
    """The data stored under `k`, or None: a missing, truncated, corrupt or foreign entry is a
    miss (the next `put` rewrites it), never an error."""
    if not active():
        return None
    d = _safe_dir()
    if d is None:
        return None
    try:
        entry = json.loads((d / k[:2] / f"{k}.json").read_bytes())
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(entry, dict) or entry.get("schema") != SCHEMA or entry.get("key") != k:
        return None
    try:
        os.utime(d / k[:2] / f"{k}.json")  # recently used: kept by the pruning in `put`
    except OSError:
        pass
    return entry.get("data")


def put(k: str, data: Any) -> None:
    """Store `data` under `k`: written to a temporary file and renamed over the entry, so a
    concurrent reader sees the old entry or the new one, never half of one."""
    if not active():
        return
    d = _safe_dir()
    if d is None:
        return
    sub = d / k[:2]
    tmp = None
    try:
        sub.mkdir(mode=0o700, exist_ok=True)
        import tempfile  # (a warm run reads entries and never writes one)
        fd, tmp = tempfile.mkstemp(prefix=f".{k}.", suffix=".tmp", dir=sub)
        with os.fdopen(fd, "wb", buffering=1 << 16) as f:
            _dump(f.write, {"schema": SCHEMA, "key": k, "data": data}, 3)
        os.replace(tmp, sub / f"{k}.json")
        tmp = None
        _prune(d)
    except (OSError, UnicodeEncodeError):
        pass  # a full disk or a read-only cache only costs the next run its speed
    finally:
        if tmp is not None:
            try:
                os.unlink(tmp)
            except OSError:
                pass


def _dump(write: Any, value: Any, depth: int) -> None:
    """`value` as compact JSON, written piece by piece down to `depth` levels of containers:
    an entry holds every output file, and one string of it (then its bytes) was a sixth of
    the peak memory of a large translation."""
    if depth and isinstance(value, dict):
        write(b"{")
        for i, (name, item) in enumerate(value.items()):
            write(b"," if i else b"")
            write(json.dumps(str(name), ensure_ascii=False).encode() + b":")
            _dump(write, item, depth - 1)
        write(b"}")
    elif depth and isinstance(value, list | tuple):
        write(b"[")
        for i, item in enumerate(value):
            write(b"," if i else b"")
            _dump(write, item, depth - 1)
        write(b"]")
    else:
        write(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode())


def _prune(d: Path) -> None:
    """Keep the MAX_ENTRIES most recently used entries (a cold run writes one; each entry is
    about the size of that run's output)."""
    entries = []
    for p in d.glob("??/*.json"):
        try:
            entries.append((p.stat().st_mtime_ns, p))
        except OSError:
            continue  # removed by a concurrent run
    for _, p in sorted(entries, reverse=True)[MAX_ENTRIES:]:
        try:
            p.unlink()
        except OSError:
            pass


def span_out(s: Span | None) -> list[Any] | None:
    return None if s is None else list(s)


def span_in(v: Any) -> Span | None:
    # (a tuple of the five stored fields: Span's own __new__ was a tenth of a warm run)
    return None if v is None else _tuple_new(Span, v) if len(v) == 5 else Span(*v)


def diagnostics_out(diags: list[Diagnostic]) -> list[list[Any]]:
    return [[span_out(d.span), d.code, d.message, d.hint] for d in diags]


def diagnostics_in(rows: Any) -> list[Diagnostic]:
    """Diagnostics back from an entry; severities come from today's code table. Messages were
    redacted when first built: redacting them again was most of a warm run."""
    out = []
    for s, code, message, hint in rows:
        if not (isinstance(message, str) and isinstance(hint, str)):
            raise ValueError("not a diagnostic")
        out.append(redacted(span_in(s), code, message, CODES[code].severity, hint))
    return out


def options_part(options: Any) -> dict[str, Any]:
    """A dataclass of options as a key part (mapping overrides included, in full)."""
    return {f.name: getattr(options, f.name) for f in fields(options)} if options else {}


def texts_part(files: dict[str, str]) -> list[tuple[str, str]]:
    """Every input text as a key part: (path, digest), sorted."""
    return sorted((rel, hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest())
                  for rel, text in files.items())


def run_key(target: str, options: Any, files: dict[str, str], roots: list[str],
            read_diagnostics: list[Diagnostic]) -> str:
    """The key of one translation run: every input text (by digest), where the roots are,
    what reading them reported, the options (mapping overrides in full) and the limits."""
    from . import limits
    return key("translate", target, options_part(options), options_part(limits.current()),
               texts_part(files), roots, diagnostics_out(read_diagnostics))


def result_out(files: dict[str, str], diags: list[Diagnostic],
               trace: tuple[tuple[Any, str], ...]) -> dict[str, Any]:
    return {"files": files, "diagnostics": diagnostics_out(diags),
            "trace": [[span_out(s), address] for s, address in trace]}


def result_in(data: Any) -> tuple[dict[str, str], list[Diagnostic],
                                  tuple[tuple[Any, str], ...]] | None:
    """(files, diagnostics, trace) of a stored result; None when it is not well formed (a
    damaged entry is a miss)."""
    try:
        files = data["files"]
        if not (isinstance(files, dict) and all(isinstance(k, str) and isinstance(v, str)
                                                for k, v in files.items())):
            return None
        diags = diagnostics_in(data["diagnostics"])
        trace = tuple((span_in(s), str(a)) for s, a in data["trace"])
        return files, diags, trace
    except (TypeError, KeyError, ValueError, IndexError):
        return None
