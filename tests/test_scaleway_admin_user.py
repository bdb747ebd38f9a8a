"""Scaleway RDB: OVH's avnadmin is the instance's first user; OVH's defaultdb is created
where a connection string reads it."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_DB = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
_ADMIN = '''
resource "ovh_cloud_project_database_postgresql_user" "admin" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "%s"
}
'''
_DSN = '''
output "dsn" {
  value = "postgresql://${ovh_cloud_project_database_postgresql_user.admin.name}:${ovh_cloud_project_database_postgresql_user.admin.password}@${ovh_cloud_project_database.db.endpoints[0].domain}/defaultdb"
  sensitive = true
}
'''


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, "scaleway")
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def test_avnadmin_is_the_instances_first_user() -> None:
    # Before: a second, non-admin scaleway_rdb_user "avnadmin" beside the instance's own
    # "dbadmin", with no privilege on any database: the apps' admin DSN could do nothing.
    text, diags = _run(_DB + _ADMIN % "avnadmin" + _DSN)
    assert 'user_name          = "avnadmin"' in text, text
    assert "scaleway_rdb_user" not in text and "dbadmin" not in text
    assert "${scaleway_rdb_instance.db.user_name}:${scaleway_rdb_instance.db.password}@" in text
    assert [m for c, m in diags if c == "IT301" and "becomes the first user of" in m]


def test_another_user_stays_a_user_of_its_own() -> None:
    text, _ = _run(_DB + _ADMIN % "app" + _DSN)
    assert 'resource "scaleway_rdb_user" "admin"' in text and 'name        = "app"' in text
    assert 'user_name          = "dbadmin"' in text


def test_defaultdb_read_by_a_connection_string_is_created_once() -> None:
    # Before: the DSN named `defaultdb`, which Scaleway never creates (its instances make rdb).
    text, diags = _run(_DB + _ADMIN % "avnadmin" + _DSN)
    assert text.count('resource "scaleway_rdb_database"') == 1, text
    assert 'name        = "defaultdb"' in text
    assert [m for c, m in diags if c == "IT306" and "`defaultdb`" in m]
    # declared by the source: nothing more
    declared = _DB + _ADMIN % "avnadmin" + _DSN + '''
resource "ovh_cloud_project_database_database" "d" {
  service_name = "p"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "defaultdb"
}
'''
    text, _ = _run(declared)
    assert text.count('resource "scaleway_rdb_database"') == 1, text
    text, _ = _run(_DB + _ADMIN % "avnadmin")  # nothing reads it: nothing created
    assert "scaleway_rdb_database" not in text
