"""The `report` and `explain` commands (registered on the CLI group defined in cli.py)."""

from __future__ import annotations

import json
import sys

import click

from .cli import _fail_level, _overrides, _sarif, _source_reader, _targets, main
from .cli_group import LazyChoice
from .cli_limits import run_options
from .cli_output import summary


@main.command("report", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--target", "-t", type=LazyChoice(_targets), default="gke", show_default=True,
              help="gke, eks, aks or scaleway for Terraform; k8s or helm for AI workloads.")
@click.option("--format", "fmt", type=click.Choice(["md", "json", "sarif"]), default="md",
              show_default=True, help="md for people, json (report.schema.json), sarif.")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(dir_okay=False),
              help="JSON file of mapping-table overrides.")
@run_options
def report_cmd(paths: tuple[str, ...], target: str, fmt: str, mappings: tuple[str, ...]) -> None:
    """Migration report for OVHcloud Terraform in PATHS: per object what it became, its
    status (exact/approximated/manual/unsupported/not applicable) and reversibility class."""
    from . import render, report, report_render
    from .api import TranslateOptions
    overrides = _overrides(mappings)
    rep, result = report.build(list(paths), target, TranslateOptions(mapping_overrides=overrides))
    if fmt == "md":
        click.echo(report_render.as_markdown(rep), nl=False)
    elif fmt == "json":
        click.echo(report_render.as_json(rep), nl=False)
    else:
        click.echo(_sarif(result.diagnostics, paths), nl=False)
    from .codes import Severity
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    if errors and fmt != "sarif":
        click.echo(render.text(errors, _source_reader(paths)), nl=False, err=True)
    click.echo(summary(result.diagnostics), err=True)  # like translate, lint and check
    sys.exit(_fail_level(result, "error"))


def _terraform() -> tuple[str, ...]:
    from .target_data import terraform_targets
    return terraform_targets()


@main.command("explain", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("type_name", metavar="TYPE|CODE")
@click.option("--target", "-t", type=LazyChoice(_terraform), default="gke",
              show_default=True, help="The Terraform target whose translation is explained.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True)
def explain_cmd(type_name: str, target: str, fmt: str) -> None:
    """How TYPE (an OVH resource type) translates, argument by argument: its neutral field, then
    what the target does with it (docs/coverage.md has every type); or what diagnostic CODE
    (e.g. IT301) means, with an example."""
    from dataclasses import asdict

    from .cli_codes import as_dict, explain_code, unknown
    from .codes import CODES
    from .coverage_tables import LABEL
    from .explain import explain, known_types
    if type_name.upper() in CODES:
        code = type_name.upper()
        click.echo(json.dumps(as_dict(CODES[code]), indent=2, sort_keys=True)
                   if fmt == "json" else explain_code(code), nl=fmt == "json")
        return
    e = explain(type_name, target)
    if e is None:
        unknown(type_name, sorted(CODES) if type_name[:2].lower() == "it" else known_types())
        return
    if fmt == "json":
        click.echo(json.dumps(asdict(e), indent=2, sort_keys=True))
        return
    click.echo(f"{e.type} -> {target}: {e.status}; class {e.reversibility}; rule {e.rule}")
    if e.neutral:  # placed whole: every argument shares the type's treatment, said once
        click.echo(f"neutral model: {e.neutral}")
        click.echo(f"{target}: {e.args[0].detail if e.args else e.status}")
    click.echo("becomes: " + (", ".join(e.becomes) or "(nothing of its own)"))
    width = max((len(a.name) for a in e.args), default=0)
    for a in e.args:
        flag = "required" if a.required else "optional"
        status = " ".join(x for x in (LABEL[a.status], a.code) if x)
        where = f"{a.field} -> {a.to}" if a.field else ""
        click.echo(f"  {a.name:<{width}}  {flag}  {status:<18} {where}".rstrip())
        if a.detail and not e.neutral:
            click.echo(f"      {a.detail}")
