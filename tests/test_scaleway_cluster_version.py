"""A Kapsule cluster created at the latest version (OVH's default) asks for what create accepts."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate

_CLUSTER = '''resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
%s}
'''


def _version(policy: str) -> str:
    text = "\n".join(translate({"main.tf": _CLUSTER % policy}, "scaleway").files.values())
    cluster = text.split('resource "scaleway_k8s_cluster" "k"')[1]
    found = re.search(r"^  version *= (.*)$", cluster, re.M)
    assert found is not None
    return found.group(1)


@pytest.mark.parametrize("policy", ["", '  update_policy = "ALWAYS_UPDATE"\n'])
def test_auto_upgrade_on_takes_the_latest_minor(policy: str) -> None:
    # Kapsule: "only minor version x.y can be used with auto upgrade enabled"
    assert _version(policy) == "data.scaleway_k8s_version.latest.major_minor_only"


def test_auto_upgrade_off_takes_the_latest_patch() -> None:
    assert _version('  update_policy = "NEVER_UPDATE"\n') == \
        "data.scaleway_k8s_version.latest.name"


def test_a_computed_policy_chooses_with_it() -> None:
    src = 'variable "policy" {\n  type = string\n}\n' + _CLUSTER % "  update_policy = var.policy\n"
    text = "\n".join(translate({"main.tf": src}, "scaleway").files.values())
    assert ('version = var.policy != "NEVER_UPDATE" ? data.scaleway_k8s_version.latest.'
            'major_minor_only : data.scaleway_k8s_version.latest.name') in " ".join(text.split())
