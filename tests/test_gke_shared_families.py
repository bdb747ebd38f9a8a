"""GKE's root scaffolding is tfbase/root_providers', as aks's and eks's (issue 13)."""

from __future__ import annotations

from typing import Any

import pytest
from iac_translate.compiler.api import TranslateOptions, translate

ROOT = '''
provider "google" {
  alias   = "other"
  project = "p"
}
module "child" {
  source = "./child"
}
resource "ovh_cloud_project_storage" "b" {
  service_name = "x"
  region_name  = "GRA"
  name         = "b"
}
'''
CHILD = '''
resource "ovh_cloud_project_storage" "c" {
  service_name = "x"
  region_name  = "GRA"
  name         = "c"
}
'''


def test_roots_are_configured_by_tfbase_root_providers(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.gke import target
    calls: list[tuple[Any, ...]] = []
    real = target.configure_roots

    def spy(*args: Any) -> None:
        calls.append(args)
        real(*args)
    monkeypatch.setattr(target, "configure_roots", spy)
    result = translate({"main.tf": ROOT, "child/main.tf": CHILD}, "gke", TranslateOptions())
    assert [(c[1].provider, c[3]) for c in calls] == [("google", [""])]  # the root only
    scaffold = result.files["gke_scaffold.tf"]
    assert 'provider "google" {\n  project = var.gcp_project_id\n' in scaffold
    assert "required_providers" in "".join(result.files.values())


def test_the_target_is_a_family_target_with_its_tables_written_out() -> None:
    """Provider, settings and module-call lowerings and the OVH vocabulary: FamilyTarget's
    (through gke/providers), as every other Terraform target's."""
    from iac_translate.targets.gke import providers
    from iac_translate.targets.gke.target import GkeTarget
    from iac_translate.targets.tfbase.family_target import FamilyTarget
    assert issubclass(GkeTarget, FamilyTarget) and GkeTarget.PROVIDERS is providers
    for name in ("ovh_vocabulary", "lower_provider", "lower_settings", "lower_module_call"):
        assert getattr(GkeTarget, name) is getattr(FamilyTarget, name), name
    assert "Lookup" in GkeTarget.DECLARE and "OvhOther" in GkeTarget.LOWER
