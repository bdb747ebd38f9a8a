"""GKE: the Google APIs the output needs are said once (IT308, no source position), with the
command that enables them; by the longest type prefix."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from iac_translate.targets.gke.services import needed
from iac_translate.targets.mapping import data_table


def test_longest_prefix_wins() -> None:
    prefixes = {"google_compute_": "compute.googleapis.com",
                "google_compute_special_": "special.googleapis.com"}
    assert needed({"google_compute_special_x", "google_compute_network", "other"},
                  prefixes) == ["compute.googleapis.com", "special.googleapis.com"]


def test_every_emitted_type_has_its_api() -> None:
    """Each resource type the GKE target can emit (required.json) is named by a prefix."""
    prefixes = data_table("gke/platform.json")["services"]["prefixes"]
    types = set(data_table("gke/required.json")["resources"])
    assert not [t for t in types if not needed({t}, prefixes)]


def test_said_once_with_the_command() -> None:
    src = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
}
resource "ovh_cloud_project_database" "pg" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
    r = translate({"main.tf": src}, "gke")
    said = [d for d in r.diagnostics if d.code == "IT308" and "APIs enabled" in d.message]
    assert len(said) == 1 and said[0].span is None
    assert "container.googleapis.com" in said[0].message
    assert "sqladmin.googleapis.com" in said[0].message
    assert said[0].hint.startswith("gcloud services enable ")
