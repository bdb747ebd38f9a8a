"""Hardening defaults (issue 9 #17): on by default, each switch turns one part off."""

from __future__ import annotations

from click.testing import CliRunner
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.cli import main

TF = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "apps"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "b3-8"
  desired_nodes = 1
}

resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "images"
  region       = "GRA"
}
'''


def _all(**options: object) -> str:
    result = translate({"main.tf": TF}, "gke", TranslateOptions(**options))  # type: ignore[arg-type]
    return "\n".join(result.files.values())


def test_defaults_follow_the_hardening_guide() -> None:
    out = _all()
    assert "deletion_protection      = true" in out
    assert "service_account = google_service_account.k_nodes.email" in out
    assert 'role    = "roles/container.defaultNodeServiceAccount"' in out
    assert 'role    = "roles/artifactregistry.reader"' in out  # a registry is translated
    assert 'mode = "GKE_METADATA"' in out and ".svc.id.goog" in out


def test_each_switch_turns_one_part_off() -> None:
    no_prot = _all(deletion_protection=False)
    assert "deletion_protection      = false" in no_prot and "k_nodes" in no_prot
    default_sa = _all(node_service_account="default")
    assert "google_service_account" not in default_sa
    assert "deletion_protection      = true" in default_sa and "GKE_METADATA" in default_sa
    off = _all(harden=False)
    assert "google_service_account" not in off and "GKE_METADATA" not in off
    assert "deletion_protection      = false" in off
    # A finer switch wins over the blanket one.
    assert "deletion_protection      = true" in _all(harden=False, deletion_protection=True)


def test_cli_flags(tmp_path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "main.tf").write_text(TF)
    runner = CliRunner()
    base = ["translate", str(tmp_path / "main.tf"), "--stdout"]
    on = runner.invoke(main, base)
    off = runner.invoke(main, base + ["--no-deletion-protection",
                                      "--node-service-account", "default"])
    assert "deletion_protection      = true" in on.output
    assert "deletion_protection      = false" in off.output
    assert "google_service_account" in on.output and "google_service_account" not in off.output
    bad = runner.invoke(main, base + ["--node-service-account", "shared"])
    assert bad.exit_code == 2
