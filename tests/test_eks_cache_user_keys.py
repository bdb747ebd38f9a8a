"""EKS: a counted or for_each Valkey user becomes one ElastiCache user per instance, each with
the random_password of its own instance (repeated like the user, every read keyed)."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate

_SRC = '''
variable "users" {
  type    = list(string)
  default = ["app", "ro"]
}
resource "ovh_cloud_project_database" "cache" {
  service_name = "p"
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_user" "user" {
  %s
  service_name = "p"
  engine       = "valkey"
  cluster_id   = ovh_cloud_project_database.cache.id
  name         = %s
}
resource "ovh_cloud_project_database_user" "admin" {
  service_name = "p"
  engine       = "valkey"
  cluster_id   = ovh_cloud_project_database.cache.id
  name         = "admin"
}
output "first_password" {
  value     = %s
  sensitive = true
}
output "all_passwords" {
  value     = %s
  sensitive = true
}
'''
_COUNT = ("count = length(var.users)", "var.users[count.index]",
          "ovh_cloud_project_database_user.user[0].password",
          "[for u in ovh_cloud_project_database_user.user : u.password]")
_EACH = ("for_each = toset(var.users)", "each.key",
         'ovh_cloud_project_database_user.user["app"].password',
         "{for k, u in ovh_cloud_project_database_user.user : k => u.password}")


def _run(case: tuple[str, str, str, str]) -> tuple[str, list[str]]:
    r = translate({"main.tf": _SRC % case}, "eks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


@pytest.mark.parametrize("case, key", [(_COUNT, "count.index"), (_EACH, "each.key")])
def test_repeated_user_has_a_password_per_instance(case: tuple[str, str, str, str],
                                                   key: str) -> None:
    text, said = _run(case)
    word, value = case[0].split(" = ")
    for type_ in ("random_password", "aws_elasticache_user"):  # repeated alike
        assert re.search(rf'resource "{type_}" "user" {{\n  {word} += {re.escape(value)}\n',
                         text), text
    assert f"passwords = [random_password.user[{key}].result]" in text
    assert "random_password.user.result" not in text
    assert "passwords = [random_password.admin.result]" in text  # a single user: no key
    assert not [m for m in said if m.startswith(("IT381", "IT338", "IT206"))], said


def test_reads_of_a_counted_user_keep_their_key() -> None:
    text, _ = _run(_COUNT)
    assert "value     = random_password.user[0].result" in text
    assert "[for k, u in aws_elasticache_user.user : random_password.user[k].result]" in text
    assert 'user_id       = "user-${count.index}"' in text  # ids unique per instance
    assert re.search(r"user_ids = concat\(\[\s*aws_elasticache_user\.cache_default\.user_id,"
                     r"\s*aws_elasticache_user\.admin\.user_id,\s*\], "
                     r"aws_elasticache_user\.user\[\*\]\.user_id\)", text), text


def test_reads_of_a_for_each_user_keep_their_key() -> None:
    text, _ = _run(_EACH)
    assert 'value     = random_password.user["app"].result' in text
    assert "k => random_password.user[k].result" in text
    assert 'user_id       = "user-${substr(md5(each.key), 0, 8)}"' in text
    assert "values(aws_elasticache_user.user)[*].user_id" in text
