"""IAM user names are account-wide: a child module's users carry the prefix each call passes
(iam_name_prefix), a counted user its instance key, and IT334 says once per module what can
still collide."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets.eks import iam_names
from iac_translate.targets.eks import target as eks_target
from iac_translate.targets.tfbase.context import Ctx

ROOT = '''
module "store" {
  source = "./modules/store"
}
resource "ovh_cloud_project_user" "user" {
  service_name = "p"
  description  = "root user"
  role_name    = "objectstore_operator"
}
resource "ovh_cloud_project_user" "many" {
  count        = 2
  service_name = "p"
  description  = "user ${count.index}"
  role_name    = "objectstore_operator"
}
'''
CHILD = '''
resource "ovh_cloud_project_user" "user" {
  service_name = "p"
  description  = "module user"
  role_name    = "objectstore_operator"
}
'''


@pytest.fixture
def wired(monkeypatch: pytest.MonkeyPatch) -> None:
    """EksTarget.finish passing the prefixes (idempotent: harmless once target.py does it)."""
    real = eks_target.EksTarget.finish

    def finish(self: eks_target.EksTarget, ctx: Ctx) -> None:
        iam_names.pass_prefixes(ctx)
        real(self, ctx)
    monkeypatch.setattr(eks_target.EksTarget, "finish", finish)


def test_iam_user_names_do_not_collide_across_modules_and_instances(wired: None) -> None:
    r = translate({"main.tf": ROOT, "modules/store/main.tf": CHILD}, target="eks")
    root = r.files["main.tf"]
    child = r.files["modules/store/main.tf"]
    assert 'resource "aws_iam_user" "user" {\n  name = "user"' in root
    assert 'name  = "many-${count.index}"' in root
    assert '"${var.iam_name_prefix}user"' in child
    assert re.search(r'variable "iam_name_prefix" \{[^}]*default\s+= "store-"',
                     r.files["modules/store/eks_scaffold.tf"])
    assert re.search(r'module "store" \{[^}]*iam_name_prefix = "store-"', root), root
    it334 = {str(d.span.file): d.message for d in r.diagnostics if d.code == "IT334" and d.span}
    assert sorted(it334) == ["main.tf", "modules/store/main.tf"]
    assert "second apply of this configuration" in it334["main.tf"]
    assert "two uses of the module do not collide" in it334["modules/store/main.tf"]
    # a root user's literal name needs no wrapping; the prefixed one is wrapped (IT325)
    assert not any(d.code == "IT325" and "aws_iam_user" in d.message and d.span and
                   str(d.span.file) == "main.tf" for d in r.diagnostics)


TWICE = '''
module "media" {
  source = "./modules/store"
}
module "logs" {
  source = "./modules/store"
  count  = 2
}
module "wrap" {
  source   = "./modules/wrap"
  for_each = toset(["eu", "us"])
}
'''
WRAP = '''
module "inner" {
  source = "../store"
}
'''


def _calls(text: str) -> dict[str, str]:
    return dict(re.findall(r'module "(\w+)" \{[^}]*iam_name_prefix = ("[^"]*")', text))


def test_each_use_of_a_module_passes_its_own_prefix(wired: None) -> None:
    """Two blocks (and the instances of a counted one) of one module: no two uses share a
    user name; a module between them chains its own prefix before its call's name."""
    r = translate({"main.tf": TWICE, "modules/store/main.tf": CHILD,
                   "modules/wrap/main.tf": WRAP}, target="eks")
    assert _calls(r.files["main.tf"]) == {"media": '"media-"', "logs": '"logs-${count.index}-"',
                                          "wrap": '"wrap-${each.key}-"'}
    assert _calls(r.files["modules/wrap/main.tf"]) == {
        "inner": '"${var.iam_name_prefix}inner-"'}
    assert 'variable "iam_name_prefix"' in r.files["modules/wrap/eks_scaffold.tf"]


def test_a_source_variable_of_that_name_is_left_to_its_author(wired: None) -> None:
    """The author's iam_name_prefix keeps its meaning; the prefix is another variable
    (scaffold_names.free_variable_name; tests/test_eks_iam_prefix_free.py)."""
    child = CHILD + 'variable "iam_name_prefix" {\n  type = string\n}\n'
    r = translate({"main.tf": TWICE.split("module \"wrap\"")[0],
                   "modules/store/main.tf": child}, target="eks")
    assert '"${var.aws_iam_name_prefix}user"' in r.files["modules/store/main.tf"]
    root = r.files["main.tf"]
    assert 'aws_iam_name_prefix = "media-"' in root
    assert " iam_name_prefix =" not in root  # (the author's variable is not passed)
    said = [d.message for d in r.diagnostics if d.code == "IT334"]
    assert any("its variable aws_iam_name_prefix" in m for m in said), said


def test_the_eks_target_passes_the_prefixes() -> None:
    r = translate({"main.tf": TWICE, "modules/store/main.tf": CHILD,
                   "modules/wrap/main.tf": WRAP}, target="eks")
    assert _calls(r.files["main.tf"])["media"] == '"media-"'


def test_managed_policy_arns_take_the_partition() -> None:
    """aws-cn and aws-us-gov accounts have other ARNs: no literal arn:aws: for a policy."""
    r = translate({"main.tf": ROOT, "modules/store/main.tf": CHILD}, target="eks")
    out = "\n".join(r.files.values())
    assert "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3FullAccess" in out
    assert "arn:aws:iam::" not in out
    assert out.count('data "aws_partition" "current" {}') == 2  # one per module


REGISTRY = '''
variable "login" {}
resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "p"
  name         = "reg"
  plan_id      = "x"
  region       = "GRA"
}
resource "ovh_cloud_project_containerregistry_user" "u" {
  service_name = "p"
  registry_id  = ovh_cloud_project_containerregistry.r.id
  login        = var.login
  email        = "ci@example.com"
}
'''


def test_a_registry_user_of_a_computed_login_takes_the_prefix_in_one_template() -> None:
    r = translate({"main.tf": 'module "m" {\n  source = "./modules/reg"\n  login  = "ci"\n}\n',
                   "modules/reg/main.tf": REGISTRY}, target="eks")
    assert '("${var.iam_name_prefix}registry-${var.login}")' in r.files["modules/reg/main.tf"]
