"""lint --target: region and flavor literals checked against one target's tables, in its words."""

from __future__ import annotations

import dataclasses

import pytest
from iac_translate.compiler import lint as L
from iac_translate.compiler.target_data import data_of, terraform_targets

TF = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  region       = "US-WEST-XYZ"
}

resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name = "p"
  kube_id      = ovh_cloud_project_kube.k.id
  flavor_name  = "zz-99"
}

resource "ovh_cloud_project_kube_nodepool" "q" {
  service_name = "p"
  kube_id      = ovh_cloud_project_kube.k.id
  flavor_name  = "b3-8"
}

resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db9-999"
  region       = "GRA"
}
'''


def _messages(target: str | None, text: str = TF) -> dict[tuple[str, int], str]:
    return {(d.code, d.span.line): d.message for d in L.lint({"main.tf": text}, target=target)
            if d.span and d.code in ("IT223", "IT224")}


def test_default_is_every_terraform_target() -> None:
    m = _messages(None)
    assert m[("IT224", 9)].endswith("has no known equivalent in any target")
    tables = ", ".join(f"targets/{t}/regions.json" for t in sorted(terraform_targets()))
    assert m[("IT223", 3)] == "`region` hard-codes the OVH region `US-WEST-XYZ`, which no " \
        f"target maps ({tables})"
    assert m[("IT223", 24)] == "`region` hard-codes the OVH region `GRA`"  # every one maps it
    assert ("IT224", 15) not in m  # b3-8 has a machine everywhere


@pytest.mark.parametrize("target,machine,region", [
    ("eks", "EC2 instance type in targets/eks/machine_types.json",
     "AWS region in targets/eks/regions.json"),
    ("gke", "GCP machine type in targets/gke/machine_types.json",
     "GCP region in targets/gke/regions.json"),
    ("scaleway", "Scaleway node type in targets/scaleway/machine_types.json",
     "Scaleway region in targets/scaleway/regions.json")])
def test_the_chosen_target_s_words(target: str, machine: str, region: str) -> None:
    m = _messages(target)
    assert m[("IT224", 9)] == f"flavor `zz-99` of ovh_cloud_project_kube_nodepool.p has no " \
        f"{machine}"
    assert m[("IT223", 3)].endswith(f", which has no {region}")
    cloud = data_of(target).noun("cloud")
    assert m[("IT224", 23)] == f"flavor `db9-999` of ovh_cloud_project_database.db has no " \
        f"{cloud} equivalent: it is not in data/ovh_flavors.json"


def test_a_flavor_one_target_lacks_is_named_with_that_target(
        monkeypatch: pytest.MonkeyPatch) -> None:
    eks = data_of("eks")
    narrow = dataclasses.replace(eks, machine_of=lambda f: None if f == "b3-8" else
                                 eks.machine_of(f))
    monkeypatch.setattr(L, "data_of", lambda t: narrow if t == "eks" else data_of(t))
    text = TF.replace('"p"', '"p2"')  # not a cached run of TF
    assert _messages(None, text)[("IT224", 15)] == "flavor `b3-8` of " \
        "ovh_cloud_project_kube_nodepool.q has no EC2 instance type in " \
        "targets/eks/machine_types.json"
    assert ("IT224", 15) not in _messages("gke", text)


def test_findings_keep_their_codes_and_places_whatever_the_target() -> None:
    """SARIF is unchanged in shape: the same rules at the same places, only the words."""
    def where(target: str | None) -> list[tuple[str, int, str]]:
        return [(d.code, d.span.line if d.span else 0, d.severity.value)
                for d in L.lint({"main.tf": TF}, target=target)]
    assert where(None) == where("eks") == where("gke")


@pytest.mark.parametrize("target,words", [("eks", "EC2 instance type"), ("gke", "machine type")])
def test_the_command_line_takes_the_target(tmp_path, target: str, words: str) -> None:
    from click.testing import CliRunner
    from iac_translate.compiler.cli import main
    (tmp_path / "main.tf").write_text(TF, encoding="utf-8")
    run = CliRunner().invoke(main, ["lint", str(tmp_path), "--target", target, "--color",
                                    "never", "--no-cache"])
    assert "zz-99" in run.output and words in run.output, run.output
    bad = CliRunner().invoke(main, ["lint", str(tmp_path), "--target", "k8s"])
    assert bad.exit_code == 2 and "k8s" in bad.output
