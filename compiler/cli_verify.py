"""The `verify` command: re-read a translation's output and compare it with its source."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .cli import main
from .cli_group import EXIT_INTERNAL, EXIT_USAGE, LazyChoice


def _verifiable() -> list[str]:
    """The registered targets whose output verify reads (a Terraform target needs its
    out_<target>.py reader: compiler/verify/run.TERRAFORM)."""
    from .api import available_targets
    from .verify.run import TERRAFORM
    return [t for t in available_targets() if t in TERRAFORM or t in ("k8s", "helm")]


@main.command("verify", context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("src", type=click.Path())
@click.argument("out", type=click.Path())
@click.option("--target", "-t", type=LazyChoice(_verifiable), default="gke", show_default=True,
              help="The target OUT was translated to.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="A table for people, or JSON (version 1).")
@click.option("--mapping", "mappings", multiple=True, type=click.Path(dir_okay=False),
              help="The JSON mapping-table overrides the translation used.")
@click.option("--gpu-api", type=click.Choice(["device-plugin", "dra"]), default="device-plugin",
              show_default=True, help="k8s/helm: as given to translate.")
@click.option("--expose", type=click.Choice(["gateway", "ingress"]), default="gateway",
              show_default=True, help="k8s/helm: as given to translate.")
@click.option("--monitoring", type=click.Choice(["none", "prometheus"]), default="none",
              show_default=True, help="k8s/helm: as given to translate.")
@click.option("--cluster", type=click.Choice(["generic", "gke", "eks", "scaleway", "aks"]),
              default="generic", show_default=True, help="k8s/helm: as given to translate.")
@click.option("--queue", default="", metavar="NAME", help="k8s/helm: as given to translate.")
@click.option("--chart-name", default="", metavar="NAME", help="helm: as given to translate.")
@click.option("--workloads", type=click.Choice(["k8s", "helm"]), default="k8s",
              show_default=True, help="Terraform targets (a repository): as given to translate.")
@click.option("--harden/--no-harden", default=True, show_default=True,
              help="Terraform targets: as given to translate.")
@click.option("--deletion-protection/--no-deletion-protection", default=None,
              help="Terraform targets: as given to translate.")
@click.option("--node-service-account", type=click.Choice(["dedicated", "default"]),
              default=None, help="Terraform targets: as given to translate.")
def verify_cmd(src: str, out: str, target: str, fmt: str, mappings: tuple[str, ...],
               gpu_api: str, expose: str, monitoring: str, cluster: str, queue: str,
               chart_name: str, workloads: str, harden: bool, deletion_protection: bool | None,
               node_service_account: str | None) -> None:
    """Compare the intent of SRC with OUT as written (--out of a translation), object by
    object: each fact is equal, mapped (a diagnostic of the translation explains the
    difference) or lost. Exit 0: nothing lost; 1: something lost; 2: bad input."""
    from .api import TranslateOptions
    from .cli_output import relocate
    from .render import golden_line
    from .verify import verify
    from .verify.table import as_json, as_text
    overrides: dict[str, object] = {}
    for m in mappings:
        try:
            overrides.update(json.loads(Path(m).read_text(encoding="utf-8")))
        except (OSError, ValueError) as e:
            click.echo(f"error IT005 {m}:1:1 cannot read mapping override: "
                       f"{type(e).__name__}", err=True)
            sys.exit(EXIT_USAGE)
    options = TranslateOptions(mapping_overrides=overrides, gpu_api=gpu_api, expose=expose,
                               monitoring=monitoring, cluster=cluster, queue=queue,
                               chart_name=chart_name, workloads=workloads, harden=harden,
                               deletion_protection=deletion_protection,
                               node_service_account=node_service_account or "")
    result = verify(src, out, target, options)
    if fmt == "json":
        click.echo(as_json(result), nl=False)
    elif result.rows:
        click.echo(as_text(result), nl=False)
    # Source-side findings (lost facts, the source's own errors) point into SRC; OUT's
    # (IT350, IT351, IT354) already name the file under OUT as given.
    about_src = [d for d in result.diagnostics if d.code not in ("IT350", "IT351", "IT354")]
    shown = relocate(about_src, (src,), target not in ("k8s", "helm")) + \
        [d for d in result.diagnostics if d not in about_src]
    if fmt == "text":
        for d in sorted(shown, key=lambda d: d.sort_key()):
            click.echo(golden_line(d), err=True)
    if any(d.code.startswith("IT9") for d in result.diagnostics):
        sys.exit(EXIT_INTERNAL)
    sys.exit(result.exit_code())
