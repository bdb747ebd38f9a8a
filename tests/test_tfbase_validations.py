"""Validations of variables whose values are mapped (targets/tfbase/passthrough.py)."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

SRC = '''
variable "region" {
  type    = string
  default = "GRA11"
  validation {
    condition     = %s
    error_message = "an OVH region."
  }
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = var.region
}
'''


@pytest.mark.parametrize("target", ["gke", "eks", "scaleway"])
@pytest.mark.parametrize("cond", ['can(regex("^[A-Z]{2,}[0-9]*$", var.region))',
                                  'endswith(var.region, "11")',
                                  'contains(["GRA11", "NOWHERE1"], var.region)'])
def test_validation_on_ovh_vocabulary_dropped(target: str, cond: str) -> None:
    r = translate({"main.tf": SRC % cond}, target)
    text = r.files["main.tf"]
    assert "validation" not in text and "GRA11" not in text
    d = [d for d in r.diagnostics if d.code == "IT378"]
    assert len(d) == 1 and "`region`" in d[0].message
    assert (d[0].span.file, d[0].span.line) == ("main.tf", 6)


def test_list_of_known_codes_mapped_and_kept() -> None:
    r = translate({"main.tf": SRC % 'contains(["GRA11", "SBG5"], var.region)'}, "gke")
    text = r.files["main.tf"]
    assert "validation {" in text and '"europe-west1"' in text and "GRA11" not in text
    assert not [d for d in r.diagnostics if d.code == "IT378"]


def test_condition_without_vocabulary_kept() -> None:
    r = translate({"main.tf": SRC % 'length(var.region) > 0 && var.region != ""'}, "eks")
    assert 'length(var.region) > 0 && var.region != ""' in r.files["main.tf"]
    assert not [d for d in r.diagnostics if d.code == "IT378"]


def test_unmapped_variable_keeps_its_validation() -> None:
    src = ('variable "tag" {\n  type = string\n  default = "a"\n  validation {\n'
           '    condition     = can(regex("^[a-z]+$", var.tag))\n    error_message = "x"\n'
           '  }\n}\n')
    r = translate({"main.tf": src}, "gke")
    assert 'regex("^[a-z]+$", var.tag)' in r.files["main.tf"]
