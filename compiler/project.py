"""`check`: re-run every translation of the project configuration and compare with its outputs."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import guard
from .api import Result, TranslateOptions, target_input, translate
from .codes import Severity
from .config import NAMES, Config, Translation
from .diagnostics import Diagnostic, Sink, redacted
from .freshness import Freshness, compare, overlap, unified_diff
from .freshness import write as write_files
from .frontends import loader
from .span import Span

_tuple_new = tuple.__new__


@dataclass(frozen=True)
class Outcome:
    translation: Translation
    result: Result
    freshness: Freshness | None  # None when the translation had errors or was refused
    refused: tuple[Diagnostic, ...] = ()  # IT010: `out` overlaps the inputs


def options_of(config: Config, t: Translation) -> TranslateOptions:
    return TranslateOptions(mapping_overrides=config.mapping_overrides, **t.options)


@dataclass(frozen=True)
class Checked:
    diagnostics: list[Diagnostic]  # every translation's own, then writing and IT007
    written: int  # files written by `fix`
    diff: str  # unified diff of what was out of date (before `fix` wrote it)


@guard.entry(lambda d: ([d], 0))
def check(config: Config, config_path: Path, fix: bool = False) -> tuple[list[Diagnostic], int]:
    """Translation errors, then IT007 per out-of-date file (after writing them with `fix`),
    and how many files were written."""
    done = report(config, config_path, fix)
    return [d for d in done.diagnostics if d.severity is Severity.ERROR], done.written


def report(config: Config, config_path: Path, fix: bool = False, base: Path | None = None,
           refresh: str = "iac-translate check --fix") -> Checked:
    """`check` in full: each translation's diagnostics (warnings of a lossy translation too,
    paths relative to the configuration's directory), IT007 per out-of-date file whose hint
    is the `refresh` command, and the diff of what was stale with paths relative to `base`."""
    outcomes = run(config)
    own = [d for o in outcomes for d in _rebased(config, o)]
    diff = "".join(unified_diff(o.result.files, config.root / o.translation.out, o.freshness,
                                _shown(config.root / o.translation.out, base or config.root))
                   for o in outcomes if o.freshness is not None and not o.refused)
    sink = Sink()
    written = 0
    if fix:
        written = sum(write(config, o, sink) for o in outcomes)
        outcomes = run(config)  # what is still out of date after writing
    return Checked(own + sink.sorted() + diagnose(config, outcomes, config_path, refresh),
                   written, diff)


def _shown(path: Path, base: Path) -> str:
    try:
        return Path(os.path.relpath(path, base)).as_posix()
    except ValueError:  # another drive (Windows)
        return path.as_posix()


def _rebased(config: Config, o: Outcome) -> list[Diagnostic]:
    """The translation's diagnostics with paths relative to the configuration's directory
    (spans start at the inputs' root: with local modules for Terraform, as translate does)."""
    inputs = [config.root / p for p in o.translation.inputs]
    terraform = target_input(o.translation.target) != "ai"
    roots: dict[bool, tuple[list[Path], Path] | None] = {}  # modules or not: asked lazily
    out = []
    # Per file, not per diagnostic (thousands share a few files): its path from the
    # configuration's directory, or None when the inputs' root is not known (kept as is).
    shown: dict[str, str | None] = {}
    for d in o.result.diagnostics:
        s = d.span
        if s is None:
            out.append(d)
            continue
        f = s[0]
        if f in shown:
            rel = shown[f]
        else:
            m = terraform or f.endswith(loader.SUFFIXES)
            if m not in roots:
                roots[m] = loader.resolve_inputs(list(inputs), Sink(), modules=m)
            found = roots[m]
            rel = shown[f] = None if found is None else _shown(found[1] / f, config.root)
        if rel is None or rel == f:
            out.append(d)
        else:
            # (a Span built as a tuple: namedtuple's _replace was a fifth of a warm `check`;
            # the texts were redacted when the diagnostic was built)
            out.append(redacted(_tuple_new(Span, (rel, *s[1:])), d.code, d.message,
                                d.severity, d.hint))
    return out


def run(config: Config) -> list[Outcome]:
    """Translate each configured translation in memory; nothing is written."""
    outcomes = []
    for t in config.translations:
        result = translate([str(config.root / p) for p in t.inputs], t.target,
                           options_of(config, t))
        refused = overlap(config.root / t.out, [config.root / p for p in t.inputs],
                          result.read, "`out`")
        fresh = None if result.has_errors or refused else _ignore_own(
            compare(result.files, config.root / t.out), config, t)
        outcomes.append(Outcome(t, result, fresh, tuple(refused)))
    return outcomes


def _ignore_own(state: Freshness, config: Config, t: Translation) -> Freshness:
    """Inputs and configuration files in `out` are the user's, never "no longer produced"."""
    keep = {(config.root / p).resolve() for p in t.inputs}
    keep.update(config.root / n for n in (*NAMES, "pyproject.toml"))
    out = config.root / t.out

    def owned(rel: str) -> bool:
        path = (out / rel).resolve()
        return path not in keep and not any(k in path.parents for k in keep if k.is_dir())
    return Freshness(state.stale, state.missing, [e for e in state.extra if owned(e)])


def write(config: Config, outcome: Outcome, sink: Sink) -> int:
    """Write the stale and missing files of one outcome; extra files are left to the user."""
    if outcome.freshness is None or outcome.refused:
        return 0
    todo = {rel: outcome.result.files[rel]
            for rel in (*outcome.freshness.stale, *outcome.freshness.missing)}
    written, diags = write_files(todo, config.root / outcome.translation.out,
                                 [config.root / p for p in outcome.translation.inputs], "`out`",
                                 outcome.result.read)
    sink.extend(diags)
    return written


def diagnose(config: Config, outcomes: list[Outcome], config_path: Path,
             refresh: str = "iac-translate check --fix") -> list[Diagnostic]:
    """IT007 for each out-of-date file, at the translation's entry in the configuration; the
    hint is the command that regenerates it (`refresh`)."""
    sink = Sink()
    try:
        lines = config_path.read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    for o in outcomes:
        out = o.translation.out
        where = _entry_span(config_path.name, lines, out)
        for d in o.refused:
            sink.add(d.code, where, d.message.replace(f"`{config.root / out}`", f"`{out}`"),
                     d.hint)
        if o.refused:
            continue
        if o.freshness is None:
            sink.add("IT007", where, f"`{out}`: cannot check; the translation of "
                     f"{', '.join(o.translation.inputs)} has errors (shown above)",
                     f"fix them, then run `{refresh}`")
            continue
        for label, paths in (("differs from a fresh translation", o.freshness.stale),
                             ("is missing", o.freshness.missing),
                             ("is no longer produced", o.freshness.extra)):
            for p in paths:
                sink.add("IT007", where, f"`{out}/{p}` {label}",
                         f"delete it (`{refresh}` writes, never deletes)"
                         if paths is o.freshness.extra else f"run `{refresh}` to regenerate it")
    return sink.sorted()


def _entry_span(name: str, lines: list[str], out: str) -> Span:
    """The line that names `out` in the configuration, so editors jump to the entry."""
    for number, line in enumerate(lines, 1):
        col = line.find(out)
        if col >= 0 and "out" in line[:col]:
            return Span(name, number, col + 1)
    return Span(name, 1, 1)
