"""Every surface takes every target: the CLI's report/verify/explain choices and the project
configuration's target list come from the registry, not from a list written twice."""

from __future__ import annotations

import json
from importlib import resources

from click.testing import CliRunner
from iac_translate.compiler.api import available_targets
from iac_translate.compiler.cli import main
from iac_translate.compiler.target_data import terraform_targets


def _choices(command: str) -> list[str]:
    cmd = main.commands[command]
    opt = next(p for p in cmd.params if p.name == "target")
    return list(opt.type.choices)  # type: ignore[attr-defined]


def test_report_takes_every_target_and_verify_those_it_reads() -> None:
    from iac_translate.compiler.verify.run import TERRAFORM
    assert _choices("report") == available_targets()
    assert _choices("verify") == [t for t in available_targets()
                                  if t in TERRAFORM or t in ("k8s", "helm")]
    assert {"scaleway", "eks", "gke", "k8s", "helm"} <= set(_choices("verify"))


def test_a_target_without_a_runbook_side_gets_no_other_cloud_s_commands() -> None:
    from iac_translate.compiler.api import source_model
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.runbook import steps
    src = {"main.tf": 'resource "ovh_cloud_project_storage" "b" {\n  service_name = "p"\n'
                      '  region_name  = "GRA"\n  name         = "media"\n}\n'}
    model = source_model(src, Sink())
    assert steps(model, "gke") and steps(model, "scaleway")
    assert steps(model, "no-such-target") == []


def test_explain_takes_the_terraform_targets() -> None:
    assert _choices("explain") == list(terraform_targets())


def test_the_configuration_accepts_every_target() -> None:
    schema = json.loads(resources.files("iac_translate.compiler").joinpath(
        "config.schema.json").read_text("utf-8"))
    enum = schema["properties"]["translations"]["items"]["properties"]["target"]["enum"]
    assert sorted(enum) == available_targets()


def test_report_rejects_an_unknown_target() -> None:
    out = CliRunner().invoke(main, ["report", "x.tf", "--target", "azure"])
    assert out.exit_code == 2 and "scaleway" in out.output
