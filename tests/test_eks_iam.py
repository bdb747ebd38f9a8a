"""EKS IAM blocks of registry users and S3 users: one helper, statements from the verb table."""

from __future__ import annotations

import json
import re

from iac_translate.compiler import api
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.eks import s3iam, s3parts


def _run(src: str) -> tuple[str, list[str]]:
    result = api.translate({"main.tf": src}, "eks")
    return "\n".join(result.files.values()), [f"{d.code} {d.message}" for d in
                                              result.diagnostics]


def test_statement_keeps_iam_key_order_and_leaves_unset_keys_out() -> None:
    s = s3iam.statement("S", "Deny", E.Literal("ecr:*"), principal=E.Literal("*"))
    assert [E.key_name(k) for k, _ in s.items] == ["Sid", "Effect", "Principal", "Action"]
    doc = to_hcl(s3iam.document((s,)))
    assert doc.startswith("jsonencode(") and '"2012-10-17"' in doc


def test_registry_user_policy_grants_the_verbs_of_the_table() -> None:
    text, diags = _run('''
resource "ovh_cloud_project_containerregistry" "r" {
  name   = "images"
  region = "GRA"
}
resource "ovh_cloud_project_containerregistry_user" "u" {
  registry_id = ovh_cloud_project_containerregistry.r.id
  login       = "ci"
  email       = "ci@example.com"
}
''')
    policy = text[text.index('resource "aws_iam_user_policy" "u"'):]
    policy = policy[:policy.index("\n}\n")]
    actions = re.findall(r'"(ecr:[A-Za-z]+)"', policy)
    table = s3parts.table()
    want = {a for st in table["registry_user_statements"] for v in st["verbs"]
            for a in table["ecr_actions"][v]}
    assert set(actions) == want and len(actions) == len(want)  # each once, no others
    assert actions[0] == "ecr:GetAuthorizationToken"  # the Login statement, on "*"
    assert 'Resource = "*"' in policy and "repository/${aws_ecr_repository_creation_template.r" \
        ".prefix}/*" in policy
    for block in ('"aws_iam_user" "u"', '"aws_iam_access_key" "u"'):
        assert f"resource {block}" in text
    assert any(d.startswith("IT301") and "Harbor user" in d for d in diags), diags
    assert json.dumps("ci@example.com") in text


_POLICY = '''
resource "ovh_cloud_project_user" "u" {
  role_name = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  user_id = ovh_cloud_project_user.u.id
  policy  = %s
}
'''


def test_unreadable_literal_policy_is_an_error_where_it_is_written() -> None:
    result = api.translate({"main.tf": _POLICY % '<<EOT\n{"Statement": [ oops\nEOT'}, "eks")
    text = "\n".join(result.files.values())
    errors = [d for d in result.diagnostics if d.code == "IT338"]
    assert errors and errors[0].span is not None and errors[0].span.line == 7, errors
    assert "not JSON" in errors[0].message
    assert "aws_iam_user_policy" not in text
    assert not any(d.code == "IT301" and "computed" in d.message for d in result.diagnostics)


def test_computed_policy_passes_through_with_it301() -> None:
    text, diags = _run(_POLICY % 'file("policy.json")')
    assert 'policy = file("policy.json")' in text
    assert any(d.startswith("IT301") and "computed" in d for d in diags), diags
    assert not any(d.startswith("IT338") for d in diags), diags
