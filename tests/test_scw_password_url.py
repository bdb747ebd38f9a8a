"""Scaleway database passwords fit a connection URL unencoded (targets/scaleway/databases.json)."""

from __future__ import annotations

import re
import string

from iac_translate.compiler.api import translate

SRC = '''
resource "ovh_cloud_project_database" "pg" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "app"
}
output "dsn" {
  sensitive = true
  value = "postgres://app:${ovh_cloud_project_database_postgresql_user.app.password}@${ovh_cloud_project_database.pg.endpoints[0].domain}/defaultdb"
}
'''
# RFC 3986 userinfo without `:` (it ends the user name) and without what a key=value DSN, a
# query string (`&`, `=`, `+` as a space), a shell or an env expansion (`$`) reads.
URL_SAFE = set(string.ascii_letters + string.digits + "-._~!*()',")


def test_password_specials_need_no_url_encoding() -> None:
    text = translate({"main.tf": SRC}, "scaleway").files["main.tf"]
    blocks = re.findall(r'resource "random_password" "(\w+)" \{(.*?)\n\}', text, re.S)
    assert {label for label, _ in blocks} == {"pg_admin", "app_user"}
    for _, body in blocks:
        special = re.search(r'override_special = "(.*)"', body)
        assert special is not None and special.group(1)
        assert set(special.group(1)) <= URL_SAFE, special.group(1)
        # Scaleway's rule: an upper-case and a lower-case letter, a digit, a special
        for k in ("min_upper", "min_lower", "min_numeric", "min_special"):
            assert re.search(rf"{k}\s*=\s*[1-9]", body), k
