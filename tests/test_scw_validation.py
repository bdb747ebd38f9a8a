"""Allow-list validations of mapped variables (targets/tfbase/validation_lists.py)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

SRC = '''
variable "region" {
  type    = string
  default = "gra"
  validation {
    condition     = contains(["gra", "sbg", "de", "bhs", "rbx", "waw", "uk"], var.region)
    error_message = "Valid values for region are (bhs, de, gra, rbx, sbg, uk, waw)"
  }
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = var.region
}
'''


def _validation(text: str) -> str:
    return text.split("validation {", 1)[1].split("}", 1)[0]


def test_scaleway_list_mapped_once_refused_removed() -> None:
    r = translate({"main.tf": SRC}, "scaleway")
    block = _validation(r.files["main.tf"])
    assert 'contains(["fr-par", "nl-ams", "pl-waw"], var.region)' in block
    assert "TODO" not in block and "bhs" not in block
    assert '"Valid values for region are fr-par, nl-ams, pl-waw (Scaleway regions)."' in block
    removed = [d for d in r.diagnostics if d.code == "IT301" and "`bhs`" in d.message]
    assert len(removed) == 1 and (removed[0].span.line, removed[0].span.column) == (6, 51)
    # (the entry is removed, not a placeholder: no error for it)
    assert not [d for d in r.diagnostics if d.code == "IT364" and d.span.line == 6]


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_each_target_value_once(target: str) -> None:
    text = _validation(translate({"main.tf": SRC}, target).files["main.tf"])
    values = text.split("contains([", 1)[1].split("]", 1)[0].replace(" ", "").split(",")
    assert values and len(values) == len(set(values))
    assert not any("TODO" in v for v in values)


def test_list_of_refused_values_only_is_dropped() -> None:
    src = SRC.replace('"gra", "sbg", "de", "bhs", "rbx", "waw", "uk"', '"bhs"')
    r = translate({"main.tf": src}, "scaleway")
    assert "validation" not in r.files["main.tf"]
    assert [d for d in r.diagnostics if d.code == "IT378" and "counterpart" in d.message]


def test_message_without_ovh_values_kept() -> None:
    src = SRC.replace("Valid values for region are (bhs, de, gra, rbx, sbg, uk, waw)",
                      "Unsupported region.")
    text = _validation(translate({"main.tf": src}, "scaleway").files["main.tf"])
    assert '"Unsupported region."' in text
