"""Command-line interface: a thin layer over `api.translate` that reads, prints and writes."""

from __future__ import annotations

import gc
import json
import re
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .cli_group import (  # noqa: F401
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_USAGE,
    DefaultToTranslate,
    LazyChoice,
    add_basic_commands,
    process_ends,
    version,
    version_option,
)
from .cli_limits import run_options
from .cli_output import Spinner, cwd_reader, relocate, show, summary, use_color

# The translator (api, targets, parsers, jsonschema, YAML), and the code table and
# diagnostics (codes, secrets' patterns), are imported by the commands that run them, never
# at start-up: `--version` and `--help` stay well under 100 ms.
if TYPE_CHECKING:
    from .api import Result


def _targets() -> list[str]:
    from .api import available_targets
    return available_targets()


def _terraform_targets() -> list[str]:
    from .target_data import terraform_targets  # those with tables lint can read
    return list(terraform_targets())


def _fail_level(result: Result, fail_on: str) -> int:
    from .codes import Severity
    if any(d.code.startswith("IT9") for d in result.diagnostics):
        return EXIT_INTERNAL
    if fail_on == "never":
        return EXIT_OK
    limit = Severity.ERROR.rank if fail_on == "error" else Severity.WARNING.rank
    return EXIT_FINDINGS if any(d.severity.rank >= limit for d in result.diagnostics) \
        else EXIT_OK


_COLOR = click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
                      show_default=True,
                      help="Colour diagnostics (auto: stderr is a terminal and NO_COLOR unset).")


@click.group(cls=DefaultToTranslate, context_settings={"help_option_names": ["-h", "--help"]})
@version_option
def main() -> None:
    """Translate OVHcloud Terraform and AI workloads to other clouds and Kubernetes.

    `iac-translate PATH... --target T --out DIR` is short for `iac-translate translate ...`.
    """


add_basic_commands(main)


@main.command("translate", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--target", "-t", type=LazyChoice(_targets), default="gke",
              show_default=True, help="What to translate to.")
@click.option("--out", "-o", type=click.Path(file_okay=False), help="Directory to write into.")
@click.option("--stdout", "to_stdout", is_flag=True, help="Print the files instead of writing.")
@click.option("--check", is_flag=True,
              help="Write nothing; exit 1 if --out is stale, missing or has extra files.")
@click.option("--diff", is_flag=True,
              help="With --check: print a unified diff (on stdout) of what is out of date.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="Diagnostics format (sarif: SARIF 2.1.0 on stdout).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="error",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(dir_okay=False),
              help="JSON file of mapping-table overrides ({\"gke/regions.json\": {...}}).")
@click.option("--gpu-api", type=click.Choice(["device-plugin", "dra"]), default="device-plugin",
              show_default=True, help="k8s: GPUs as nvidia.com/gpu limits or DRA claims.")
@click.option("--expose", type=click.Choice(["gateway", "ingress"]), default="gateway",
              show_default=True, help="k8s: Gateway API HTTPRoute or Ingress for apps.")
@click.option("--monitoring", type=click.Choice(["none", "prometheus"]), default="none",
              show_default=True, help="k8s: add ServiceMonitor/PodMonitor objects.")
@click.option("--cluster", type=click.Choice(["generic", "gke", "eks", "scaleway", "aks"]),
              default="generic", show_default=True,
              help="k8s: mount object storage with this cluster's CSI driver.")
@click.option("--workloads", type=click.Choice(["k8s", "helm"]), default="k8s", show_default=True,
              help="gke, eks: write the AI workloads of a repository as manifests or a Helm chart.")
@click.option("--queue", default="", metavar="NAME",
              help="k8s: submit Jobs to this Kueue LocalQueue (default: plain Jobs).")
@click.option("--chart-name", default="", metavar="NAME",
              help="helm: the chart's name (default: the workload's, or ai-workloads).")
@click.option("--harden/--no-harden", default=True, show_default=True,
              help="gke, eks: follow the target's hardening guide (deletion protection, "
                   "least-privilege nodes, workload identity, encryption, no public access).")
@click.option("--deletion-protection/--no-deletion-protection", default=None,
              help="gke, eks: deletion protection on clusters and databases (default: as "
                   "--harden).")
@click.option("--node-service-account", type=click.Choice(["dedicated", "default"]),
              default=None,
              help="gke: nodes run as a dedicated least-privilege account or the Compute "
                   "Engine default one (default: as --harden).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Also info diagnostics and code details.")
@_COLOR
@run_options
def translate_cmd(paths: tuple[str, ...], target: str, out: str | None, to_stdout: bool,
                  check: bool, diff: bool,
         fmt: str,
         fail_on: str, mappings: tuple[str, ...], gpu_api: str, expose: str, monitoring: str,
         cluster: str, workloads: str, queue: str, chart_name: str, harden: bool,
         deletion_protection: bool | None,
         node_service_account: str | None, quiet: bool, verbose: bool, color: str) -> None:
    """Translate OVHcloud Terraform in PATHS (files or directories) to TARGET; a repository
    root with Terraform roots and AI workloads is translated as one estate."""
    from . import render
    from .api import Result, TranslateOptions, translate
    from .codes import Severity
    if not out and not to_stdout:
        raise click.UsageError("give --out DIR or --stdout")
    if out and to_stdout:
        raise click.UsageError("--stdout prints the files instead of writing them to --out; "
                               "give one of the two")
    if check and not out:
        raise click.UsageError("--check compares with --out DIR")
    if diff and not check:
        raise click.UsageError("--diff shows what --check finds out of date; add --check")
    if queue and not re.fullmatch(r"[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?", queue):
        raise click.UsageError("--queue takes a LocalQueue name (lowercase letters, digits, -)")
    if chart_name and not re.fullmatch(r"[a-z]([-a-z0-9]{0,51}[a-z0-9])?", chart_name):
        raise click.UsageError("--chart-name takes a Helm chart name: lowercase letters, digits "
                               "and -, starting with a letter, at most 53 characters")
    overrides = _overrides(mappings)
    options = TranslateOptions(mapping_overrides=overrides, gpu_api=gpu_api, expose=expose,
                               monitoring=monitoring, cluster=cluster, queue=queue,
                               chart_name=chart_name, harden=harden,
                               deletion_protection=deletion_protection,
                               node_service_account=node_service_account or "",
                               workloads=workloads)
    if out and not check:
        from .freshness import overlap
        refused = overlap(Path(out), [Path(p) for p in paths if Path(p).exists()])
        if refused:  # before translating: nothing is written among the inputs
            click.echo(render.text(refused), nl=False, err=True)
            sys.exit(EXIT_FINDINGS)
    with Spinner(f"translating to {target}"):
        result = translate(list(paths), target, options)
    if process_ends():
        gc.disable()  # what follows is acyclic; a full pass over the result cost 0.2 s
    diags = result.diagnostics
    if check and out:
        fix = " ".join(["iac-translate", *(shlex.quote(p) for p in paths), "--target", target,
                        "--out", shlex.quote(out)])
        return _check(result, Path(out), fix, diff)
    written = None
    if out and result.files:
        from .freshness import write
        written, refused = write(result.files, Path(out), [Path(p) for p in paths],
                                 read=result.read)
        diags = diags + refused
        if refused:
            written = 0
    diags = relocate(diags, paths, target not in ("k8s", "helm"))
    _print_diags([d for d in diags if show(d, quiet, verbose)], fmt, paths, color, verbose,
                 list(result.files), to_stdout)
    if to_stdout:
        for path, text in result.files.items():
            click.echo(f"# ---- {path}\n{text}", nl=False)
    unchanged = len(result.files) - written if written is not None and not any(
        d.severity is Severity.ERROR and d.code in ("IT004", "IT008", "IT009", "IT010", "IT013")
        for d in diags) else 0
    if fmt == "text" or not to_stdout:  # never inside a JSON/SARIF document on stderr
        click.echo(summary(diags, written if out else None, unchanged, out or "",
                           len(result.files) if to_stdout else None), err=True)
    code = _fail_level(Result(result.files, diags), fail_on)
    sys.exit(code)


def _print_diags(shown: list, fmt: str, paths: tuple[str, ...], color: str, verbose: bool,
                 files: list[str] | None = None, to_stderr: bool = False) -> None:
    """Diagnostics (already relative to the cwd) in `fmt`; machine-readable formats own
    stdout, unless the files are printed there."""
    from . import render
    if fmt == "json":
        click.echo(render.as_json(shown, files), nl=False, err=to_stderr)
    elif fmt == "sarif":
        click.echo(_sarif(shown, paths, relocated=True), nl=False, err=to_stderr)
    else:
        # color=True: click would strip the escapes when stderr is not a terminal.
        colored = use_color(color)
        batch: list[str] = []
        for chunk in render.text_chunks(shown, cwd_reader(), colored, verbose):
            batch.append(chunk)
            if len(batch) == 512:  # written as it is rendered, not held whole
                click.echo("".join(batch), nl=False, err=True, color=colored or None)
                batch.clear()
        if batch:
            click.echo("".join(batch), nl=False, err=True, color=colored or None)


@main.command("lint", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text",
              show_default=True, help="Diagnostics format (sarif: SARIF 2.1.0 on stdout).")
@click.option("--fail-on", type=click.Choice(["error", "warning", "never"]), default="warning",
              show_default=True, help="Lowest severity that makes the exit code 1.")
@click.option("-q", "--quiet", is_flag=True, help="Only warnings and errors.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Project configuration whose `suppressions` apply (default: found upwards "
                   "from the current directory, if any).")
@click.option("-v", "--verbose", is_flag=True,
              help="Also notes on files skipped (this tool's outputs, Helm charts, ...).")
@_COLOR
@click.option("--target", "-t", type=LazyChoice(_terraform_targets), default=None,
              help="Check region and flavor literals against this Terraform target's tables "
                   "(default: every one).")
@run_options
def lint_cmd(paths: tuple[str, ...], fmt: str, fail_on: str, quiet: bool,
             config_file: str | None, color: str, verbose: bool = False,
             target: str | None = None) -> None:
    """Report lock-in in PATHS (OVH-only resources, OVH endpoints, region literals, plaintext
    secrets) without translating.  Silence a line with `# iac-translate:ignore [ITxxx]`."""
    from .api import Result
    from .codes import Severity
    from .lint import lint, lint_note
    cfg = _config(config_file, required=False)
    with Spinner("linting"):
        outs = tuple(cfg.root / t.out for t in cfg.translations) if cfg else ()
        diags = relocate(lint(list(paths), cfg.suppressions if cfg else (), outs, target),
                         paths, False)
    shown = [d for d in diags if (verbose or not lint_note(d))
             and (not quiet or d.severity is not Severity.INFO)]
    _print_diags(shown, fmt, paths, color, False)
    click.echo(summary(diags), err=True)
    sys.exit(_fail_level(Result({}, diags), fail_on))


def _overrides(mappings: tuple[str, ...]) -> dict[str, object]:
    overrides: dict[str, object] = {}
    for m in mappings:
        try:
            overrides.update(json.loads(Path(m).read_text(encoding="utf-8")))
        except (OSError, ValueError) as e:
            click.echo(f"{m}: error[IT005]: cannot read mapping override: {e}", err=True)
            sys.exit(EXIT_FINDINGS)
    return overrides


@main.command("check", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Configuration file (default: iac-translate.yaml or [tool.iac-translate] "
                   "in pyproject.toml, searched upwards from the current directory).")
@click.option("--fix", is_flag=True, help="Write stale and missing files instead of failing.")
@click.option("--diff", is_flag=True,
              help="Print a unified diff (on stdout) of what is out of date.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the summary line.")
@click.option("-v", "--verbose", is_flag=True, help="Also info diagnostics and code details.")
@_COLOR
@run_options
def check_cmd(config_file: str | None, fix: bool, diff: bool, quiet: bool, verbose: bool,
              color: str) -> None:
    """Exit 1 if any configured translation's output is out of date or fails (for pre-commit
    and CI); the translations' warnings are shown without failing."""
    from . import cli_check
    cfg = _config(config_file, required=True)
    if cfg is None:  # unreachable: a required configuration exits 2 when absent
        sys.exit(EXIT_USAGE)
    if not cfg.translations:
        click.echo(f"error[IT006]: {cfg.path}: no `translations` to check", err=True)
        sys.exit(EXIT_USAGE)
    sys.exit(cli_check.run(cfg, config_file, fix, diff, quiet, verbose, color))


def _config(config_file: str | None, required: bool):
    """The project configuration, or exit 2 with IT006 when it is given (or required) and bad."""
    from . import config
    path = Path(config_file) if config_file else config.find(Path.cwd())
    try:
        if path is None:
            if not required:
                return None
            raise config.ConfigError("no iac-translate.yaml or [tool.iac-translate] found here "
                                     "or in a parent directory")
        return config.load(path)
    except config.ConfigError as e:
        click.echo(f"error[IT006]: {e}", err=True)
        sys.exit(EXIT_USAGE)


def _sarif(diags: list, paths: tuple[str, ...], relocated: bool = False) -> str:
    """SARIF with artifact URIs relative to the current directory (%SRCROOT%, the repository
    root in CI); `relocated` diagnostics already are, others are relative to the inputs."""
    from .sarif import as_sarif
    # No originalUriBaseIds: the log stays the same on every machine (code scanning maps
    # %SRCROOT% to the checkout itself).
    return as_sarif(diags if relocated else relocate(diags, paths))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def _check(result: Result, out: Path, fix: str, diff: bool = False) -> None:
    """Report freshness of --out and exit 0 (fresh) or 1 (stale, missing or extra files);
    `diff` prints on stdout what regenerating it would change (`git apply` applies it)."""
    import os

    from . import render
    from .codes import Severity
    from .freshness import compare, unified_diff
    if result.has_errors:
        click.echo(render.text([d for d in result.diagnostics if d.severity is Severity.ERROR]),
                   nl=False, err=True)
        sys.exit(EXIT_FINDINGS)
    state = compare(result.files, out)
    if diff:
        shown = Path(os.path.relpath(out.resolve(), Path.cwd())).as_posix()
        click.echo(unified_diff(result.files, out, state, shown), nl=False)
    for label, paths in (("stale", state.stale), ("missing", state.missing),
                         ("extra", state.extra)):
        for p in paths:
            click.echo(f"{out / p}: {label}", err=True)
    if state.fresh:
        sys.exit(EXIT_OK)
    click.echo(f"{out} is out of date; regenerate it with: {fix} (and the same options)"
               + (" (and delete the extra files)" if state.extra else ""), err=True)
    sys.exit(EXIT_FINDINGS)


def _source_reader(paths: tuple[str, ...]):
    from .diagnostics import Sink
    from .frontends.loader import resolve_inputs
    roots = [Path(p).resolve() for p in paths]
    base = [r if r.is_dir() else r.parent for r in roots if r.exists()]
    found = resolve_inputs(list(paths), Sink(), modules=True)
    if found is not None:
        base.insert(0, found[1])  # diagnostics are relative to the inputs' common root

    def read(rel: str) -> str | None:
        for b in base:
            for cand in (b / rel, b.parent / rel):
                if cand.is_file():
                    try:
                        return cand.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError):
                        return None
        return None
    return read


# `report`, `explain` and `verify` live in their own modules; importing them registers them.
from . import cli_codes, cli_reports, cli_verify  # noqa: E402,F401

if __name__ == "__main__":
    # `python -m`: this file runs as __main__, while cli_codes and cli_reports registered
    # their commands on the group of the imported module.
    from iac_translate.compiler.cli import main as registered
    registered()
