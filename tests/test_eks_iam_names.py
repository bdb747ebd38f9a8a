"""IAM user names are account-wide: a child module's users carry its directory, a counted
user its instance key, and IT334 says once per module what a name cannot know."""

from __future__ import annotations

from iac_translate.compiler.api import translate

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


def test_iam_user_names_do_not_collide_across_modules_and_instances() -> None:
    r = translate({"main.tf": ROOT, "modules/store/main.tf": CHILD}, target="eks")
    root = r.files["main.tf"]
    child = r.files["modules/store/main.tf"]
    assert 'resource "aws_iam_user" "user" {\n  name = "user"' in root
    assert 'name  = "many-${count.index}"' in root
    assert 'resource "aws_iam_user" "user" {\n  name = "store-user"' in child
    it334 = [d for d in r.diagnostics if d.code == "IT334"]
    assert sorted(str(d.span.file) for d in it334 if d.span) == ["main.tf",
                                                                  "modules/store/main.tf"]
    assert not any(d.code == "IT325" and "aws_iam_user" in d.message for d in r.diagnostics)


def test_managed_policy_arns_take_the_partition() -> None:
    """aws-cn and aws-us-gov accounts have other ARNs: no literal arn:aws: for a policy."""
    r = translate({"main.tf": ROOT, "modules/store/main.tf": CHILD}, target="eks")
    out = "\n".join(r.files.values())
    assert "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonS3FullAccess" in out
    assert "arn:aws:iam::" not in out
    assert out.count('data "aws_partition" "current" {}') == 2  # one per module
