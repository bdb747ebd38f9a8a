"""AKS database passwords fit a connection URL unencoded (targets/aks/databases.json)."""

from __future__ import annotations

import re
import string

import pytest
from iac_translate.compiler.api import translate

SRC = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "%(engine)s"
  version      = "%(version)s"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_%(engine)s_user" "app" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "app"
}
output "dsn" {
  sensitive = true
  value = "%(scheme)s://app:${ovh_cloud_project_database_%(engine)s_user.app.password}@${ovh_cloud_project_database.db.endpoints[0].domain}/defaultdb"
}
'''
# RFC 3986 userinfo without `:` (it ends the user name) and without what a key=value DSN, a
# query string (`&`, `=`, `+` as a space), a shell or an env expansion (`$`) reads.
URL_SAFE = set(string.ascii_letters + string.digits + "-._~!*()',")


@pytest.mark.parametrize("engine,version,scheme", [
    ("postgresql", "16", "postgres"), ("mysql", "8", "mysql"), ("mongodb", "7.0", "mongodb")])
def test_password_specials_need_no_url_encoding(engine: str, version: str, scheme: str) -> None:
    files = translate({"main.tf": SRC % {"engine": engine, "version": version,
                                         "scheme": scheme}}, "aks").files
    text = "\n".join(v for k, v in files.items() if k.endswith(".tf"))
    blocks = re.findall(r'resource "random_password" "(\w+)" \{(.*?)\n\}', text, re.S)
    assert {label for label, _ in blocks} >= {"db_admin"}, text
    for _, body in blocks:
        special = re.search(r'override_special = "(.*)"', body)
        assert special is not None and special.group(1)
        assert set(special.group(1)) <= URL_SAFE, special.group(1)
        # Azure's rule is three of four classes: every one is required, so it always holds
        for k in ("min_upper", "min_lower", "min_numeric", "min_special"):
            assert re.search(rf"{k}\s*=\s*[1-9]", body), k
