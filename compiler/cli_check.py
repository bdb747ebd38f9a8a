"""`iac-translate check`: the project's outputs are up to date; their warnings; `--diff`."""

from __future__ import annotations

import os
import shlex
from pathlib import Path

import click

from . import project, render
from .cli_output import cwd_reader, show, summary, use_color
from .codes import Severity
from .config import Config
from .diagnostics import Diagnostic

EXIT_OK, EXIT_FINDINGS, EXIT_INTERNAL = 0, 1, 70


def run(cfg: Config, config_file: str | None, fix: bool, diff: bool, quiet: bool,
        verbose: bool, color: str) -> int:
    """Print what `check` found (diagnostics on stderr, the diff on stdout) and return the
    exit code: 1 for an error (stale output, failed translation), 0 when warnings only."""
    path = cfg.path or cfg.root / "iac-translate.yaml"
    refresh = "iac-translate check --fix" + (f" --config {shlex.quote(config_file)}"
                                             if config_file else "")
    done = project.report(cfg, path, fix, Path.cwd(), refresh)
    diags = _from_cwd(done.diagnostics, cfg.root)
    if diff and done.diff:
        click.echo(done.diff, nl=False)
    shown = [d for d in diags if show(d, quiet, verbose)]
    click.echo(render.text(shown, cwd_reader(), use_color(color), verbose), nl=False, err=True)
    stale = sum(d.code == "IT007" for d in diags)
    click.echo(summary(diags, done.written if fix else None, 0, _where(cfg))
               + (f"; {stale} out-of-date file{'s' * (stale != 1)}, refresh with `{refresh}`"
                  if stale and not fix else ""), err=True)
    if any(d.code.startswith("IT9") for d in diags):
        return EXIT_INTERNAL
    return EXIT_FINDINGS if any(d.severity is Severity.ERROR for d in diags) else EXIT_OK


def _from_cwd(diags: list[Diagnostic], root: Path) -> list[Diagnostic]:
    """Paths relative to the current directory, as every command prints them."""
    known: dict[str, str | None] = {}  # per file: thousands of diagnostics share a few files
    cwd = Path.cwd()
    out = []
    for d in diags:
        s = d.span
        if s is None:
            out.append(d)
            continue
        f = s[0]
        if f in known:
            rel = known[f]
        else:
            try:
                rel = known[f] = Path(os.path.relpath(root / f, cwd)).as_posix()
            except ValueError:  # another drive (Windows)
                rel = known[f] = None
        # Run where the configuration is (the usual case), every path is already the one
        # shown.
        out.append(d if rel is None or rel == f else d.moved(s._replace(file=rel)))
    return out


def _where(cfg: Config) -> str:
    outs = sorted({t.out for t in cfg.translations})
    return ", ".join(outs)
