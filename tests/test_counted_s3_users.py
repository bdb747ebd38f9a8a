"""A counted or for_each OVH S3 user, with its credential and policy: every target's blocks
repeat like the source, read the user of their own instance, and name the instances apart."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_SRC = '''
resource "ovh_cloud_project_storage" "bucket" {
  service_name = "p"
  region_name  = "GRA"
  name         = "data-bucket"
}
resource "ovh_cloud_project_user" "s3" {
  %(meta)s
  service_name = "p"
  description  = "s3 user ${%(key)s}"
  role_name    = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_credential" "s3" {
  %(meta)s
  service_name = "p"
  user_id      = ovh_cloud_project_user.s3[%(key)s].id
}
resource "ovh_cloud_project_user_s3_policy" "s3" {
  %(meta)s
  service_name = "p"
  user_id      = ovh_cloud_project_user.s3[%(key)s].id
  policy = jsonencode({
    Statement = [{
      Sid      = "Read"
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:ListBucket"]
      Resource = ["arn:aws:s3:::${ovh_cloud_project_storage.bucket.name}",
                  "arn:aws:s3:::${ovh_cloud_project_storage.bucket.name}/%(prefix)s*"]
    }]
  })
}
'''
_COUNT = {"meta": "count = 2", "key": "count.index", "prefix": ""}
_EACH = {"meta": 'for_each = toset(["a", "b"])', "key": "each.key", "prefix": ""}


def _out(target: str, params: dict[str, str]) -> tuple[str, list[str]]:
    r = translate({"main.tf": _SRC % params}, target)
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics
                                if d.code == "IT381"]


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
@pytest.mark.parametrize("params", [_COUNT, _EACH], ids=["count", "for_each"])
def test_no_instance_errors(target: str, params: dict[str, str]) -> None:
    _, errors = _out(target, params)
    assert errors == []


def test_gke_reads_each_service_account_and_names_them_apart() -> None:
    text, _ = _out("gke", _COUNT)
    assert text.count("google_service_account.s3[count.index].email") == 2
    assert 'account_id   = "s3-sa-${count.index}"' in text
    each, _ = _out("gke", _EACH)
    assert each.count("google_service_account.s3[each.key].email") == 2
    assert 'lower("s3-sa-${each.key}")' in each


def test_gke_repeated_user_roles_repeat_too() -> None:
    src = ('resource "ovh_cloud_project_user" "ops" {\n  count = 3\n  service_name = "p"\n'
           '  role_names = ["compute_operator"]\n}\n')
    text = translate({"main.tf": src}, "gke").files["main.tf"]
    member = text[text.index('"google_project_iam_member"'):]
    assert "count   = 3" in member.split("}")[0]
    assert "google_service_account.ops[count.index].email" in member


def test_eks_key_and_policy_read_their_user() -> None:
    text, _ = _out("eks", _COUNT)
    assert "user  = aws_iam_user.s3[count.index].name" in text
    assert text.count("aws_iam_user.s3[count.index].name") == 2
    assert 'name  = "s3-${count.index}"' in text


def test_eks_managed_policy_attachment_reads_its_user() -> None:
    src = ('resource "ovh_cloud_project_user" "ops" {\n  count = 3\n  service_name = "p"\n'
           '  role_names = ["compute_operator"]\n}\n')
    text = translate({"main.tf": src}, "eks").files["main.tf"]
    assert "aws_iam_user.ops[count.index].name" in text


def test_aks_identities_are_named_apart() -> None:
    text, _ = _out("aks", _COUNT)
    assert 'name                = "s3-s3-${count.index}"' in text
    assert "azurerm_user_assigned_identity.s3[count.index].principal_id" in text


def test_aks_policy_reads_the_instance_it_names() -> None:
    """A single policy for instance 1 of a counted user: its key, not the policy's own."""
    src = (_SRC % _COUNT).replace(
        'resource "ovh_cloud_project_user_s3_policy" "s3" {\n  count = 2',
        'resource "ovh_cloud_project_user_s3_policy" "s3" {\n').replace(
        "user_id      = ovh_cloud_project_user.s3[count.index].id\n  policy",
        "user_id      = ovh_cloud_project_user.s3[1].id\n  policy")
    r = translate({"main.tf": src}, "aks")
    assert "azurerm_user_assigned_identity.s3[1].principal_id" in r.files["main.tf"]
    assert not [d for d in r.diagnostics if d.code == "IT381"]


def test_scaleway_bucket_policy_names_every_instance() -> None:
    text, _ = _out("scaleway", _COUNT)
    assert ('SCW = [for instance in range(2) : '
            '"application_id:${scaleway_iam_application.s3[instance].id}"]') in text
    assert 'name        = "s3-${count.index}"' in text
    assert 'name           = "s3-s3-${count.index}"' in text
    each, _ = _out("scaleway", _EACH)
    assert ('[for key, value in toset(["a", "b"]) : '
            '"application_id:${scaleway_iam_application.s3[key].id}"]') in each


def test_scaleway_statement_per_instance_when_its_resources_differ() -> None:
    text, errors = _out("scaleway", {**_COUNT, "prefix": "u${count.index}/"})
    assert errors == []
    assert "[for instance in range(2) : {" in text
    assert 'Sid    = "Read${instance}"' in text
    assert '"${scaleway_object_bucket.bucket.name}/u${instance}/*"' in text


def test_single_user_unchanged() -> None:
    """No repetition: no key, no suffix, one statement."""
    src = _SRC % {"meta": "", "key": "0", "prefix": ""}
    src = src.replace("s3[0]", "s3").replace("${0}", "")
    text = translate({"main.tf": src}, "scaleway").files["main.tf"]
    assert 'SCW = "application_id:${scaleway_iam_application.s3.id}"' in text
    assert 'name        = "s3"' in text
