"""A fixed cloud name inside a module instantiated more than once gets the repeated-module
IT308 on EKS, AKS and Scaleway (targets/tfbase/instance_names.py, each target's
unique_names.py), with the cloud's scope; a module with one instance stays quiet."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

STACK = '''
variable "service_name" {
  type = string
}
variable "label" {
  type    = string
  default = "x"
}
resource "ovh_cloud_project_storage" "assets" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "acme-assets"
}
resource "ovh_cloud_project_storage" "mine" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "acme-${var.label}"
}
resource "ovh_cloud_project_containerregistry" "images" {
  service_name = var.service_name
  name         = "acme-images"
  region       = "GRA"
  plan_id      = "9f728ba5-998b-4401-ab0f-497cd8bc6a89"
}
'''
# target -> (block type, scope words) of each fixed name the module repeats
EXPECTED = {
    "eks": {("aws_s3_bucket", "unique across all AWS accounts"),
            ("aws_ecr_repository_creation_template", "unique per account and region")},
    "aks": {("azurerm_storage_account", "globally unique in Azure"),
            ("azurerm_container_registry", "globally unique in Azure")},
    "scaleway": {("scaleway_object_bucket", "unique across all of Scaleway"),
                 ("scaleway_registry_namespace", "unique in their region")},
}


def _call(name: str, source: str = "./stack", meta: str = "") -> str:
    return f'module "{name}" {{\n  source = "{source}"\n{meta}  service_name = "x"\n}}\n'


def _said(target: str, files: dict[str, str]) -> list[str]:
    r = translate(files, target)
    return [d.message for d in r.diagnostics
            if d.code == "IT308" and "fails at create" in d.message]


def _check(said: list[str], target: str, why: str) -> None:
    assert len(said) == len(EXPECTED[target]), said
    for type_, scope in EXPECTED[target]:
        assert any(m.startswith(f"{type_} of ") and scope in m and why in m for m in said), \
            (type_, said)
    assert not any("ovh_cloud_project_storage.mine" in m for m in said), said


@pytest.mark.parametrize("target", sorted(EXPECTED))
def test_a_counted_call_repeats_the_fixed_names(target: str) -> None:
    said = _said(target, {"main.tf": _call("a", meta="  count = 2\n"),
                          "stack/main.tf": STACK})
    _check(said, target, "module.a has `count`")


@pytest.mark.parametrize("target", sorted(EXPECTED))
def test_a_caller_that_repeats_repeats_its_child(target: str) -> None:
    mid = 'variable "service_name" {\n  type = string\n}\n' + _call("inner", "../stack")
    said = _said(target, {
        "main.tf": _call("a", "./mid", '  for_each = toset(["eu", "us"])\n'),
        "mid/main.tf": mid, "stack/main.tf": STACK})
    _check(said, target, "its caller `mid` repeats: module.a has `for_each`")


@pytest.mark.parametrize("target", sorted(EXPECTED))
@pytest.mark.parametrize("meta", ['  for_each = toset(["eu"])\n', '  count = 1\n', ''])
def test_one_instance_says_nothing(target: str, meta: str) -> None:
    assert _said(target, {"main.tf": _call("a", meta=meta), "stack/main.tf": STACK}) == []


def test_eks_iam_users_named_per_call_are_not_warned() -> None:
    """EKS prefixes a child module's IAM users with what each call passes (iam_names.py)."""
    user = STACK + ('resource "ovh_cloud_project_user" "writer" {\n  service_name = '
                    'var.service_name\n  description  = "writer"\n  role_name    = '
                    '"objectstore_operator"\n}\n')
    said = _said("eks", {"main.tf": _call("a") + _call("b"), "stack/main.tf": user})
    assert said and not any("aws_iam_user" in m for m in said), said
