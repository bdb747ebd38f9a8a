"""Two source resources writing one target address: the second is renamed with its references
(targets/tfbase/driver.py address_collisions, targets/tfbase/refs.py rename_resources)."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate

OVH = '''
resource "ovh_cloud_project_instance" "web" {
  service_name   = "x"
  region         = "GRA11"
  name           = "web-ovh"
  billing_period = "hourly"
  flavor {
    flavor_id = "b3-8"
  }
  boot_from {
    image_id = "Ubuntu 24.04"
  }
  network {
    public = true
  }
}
'''
OS = '''
resource "openstack_compute_instance_v2" "web" {
  name        = "web-os"
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
  region      = "GRA11"
}
'''
OUT = '''
output "os" {
  value = openstack_compute_instance_v2.web.id
}
output "ovh" {
  value = ovh_cloud_project_instance.web.id
}
'''
VM = {"gke": "google_compute_instance", "eks": "aws_instance",
      "scaleway": "scaleway_instance_server"}


def addresses(text: str) -> list[str]:
    return re.findall(r'^(?:resource|data) "([^"]+)" "([^"]+)"', text, re.M)


@pytest.mark.parametrize("target", sorted(VM))
def test_second_renamed_with_its_references(target: str) -> None:
    r = translate({"main.tf": OVH + OS + OUT}, target)
    text = r.files["main.tf"]
    found = addresses(text)
    assert len(found) == len(set(found)), found
    vm = VM[target]
    assert (vm, "web") in found and (vm, "web_2") in found
    assert f'value = {vm}.web_2.id' in text.split('output "os"')[1].split("}")[0]
    assert f'value = {vm}.web.id' in text.split('output "ovh"')[1].split("}")[0]
    d = [d for d in r.diagnostics if d.code == "IT379"]
    assert d and all("openstack_compute_instance_v2.web " in x.message for x in d)
    assert (d[0].span.file, d[0].span.line) == ("main.tf", OVH.count("\n") + 2)


def test_source_order_does_not_change_the_result() -> None:
    a = translate({"main.tf": OVH + OS + OUT}, "gke")
    b = translate({"main.tf": OUT + OS + OVH}, "gke")
    assert addresses(a.files["main.tf"]) == addresses(b.files["main.tf"])
    assert "google_compute_instance.web_2.id" in b.files["main.tf"]


def test_free_name_skips_one_already_used() -> None:
    taken = OS.replace('"web"', '"web_2"').replace('"web-os"', '"web-two"')
    r = translate({"main.tf": OVH + OS + taken}, "gke")
    found = addresses(r.files["main.tf"])
    assert {n for t, n in found if t == "google_compute_instance"} == {"web", "web_2", "web_3"}


def test_different_labels_untouched() -> None:
    r = translate({"main.tf": OVH + OS.replace('"web"', '"app"')}, "gke")
    assert not [d for d in r.diagnostics if d.code == "IT379"]
    assert "web_2" not in r.files["main.tf"]


def test_resource_already_in_the_target_type_keeps_its_address() -> None:
    src = '''
resource "google_compute_network" "main" {
  name                    = "native"
  auto_create_subnetworks = false
}
resource "ovh_cloud_project_network_private" "main" {
  service_name = "x"
  name         = "ovh"
  regions      = ["GRA11"]
}
output "native" {
  value = google_compute_network.main.id
}
'''
    r = translate({"main.tf": src}, "gke")
    text = r.files["main.tf"]
    assert re.search(r'"main" \{\n  name += "native"', text)
    assert re.search(r'"main_2" \{\n  name += "ovh"', text)
    assert "value = google_compute_network.main.id" in text
    d = [d for d in r.diagnostics if d.code == "IT379"]
    assert len(d) == 1 and d[0].message.startswith("ovh_cloud_project_network_private.main ")


def test_one_type_defined_twice_is_not_renamed() -> None:
    r = translate({"main.tf": OS + OS}, "gke")
    assert [d.code for d in r.diagnostics if d.code in ("IT207", "IT379")] == ["IT207"]


def test_collision_left_when_no_rename_round_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from iac_translate.targets.tfbase import driver
    monkeypatch.setattr(driver, "MAX_RENAME_ROUNDS", 0)
    r = translate({"main.tf": OVH + OS}, "gke")
    d = [d for d in r.diagnostics if d.code in ("IT339", "IT379")]
    assert [x.code for x in d] == ["IT339"] and "Duplicate resource" in d[0].message
    assert d[0].span.line == OVH.count("\n") + 2
