"""GKE: OVH's default database defaultdb, read by a connection string, is created on Cloud SQL."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
resource "ovh_cloud_project_database" "db" {
  %s
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
output "dsn" {
  value = join("", ["postgres://", ovh_cloud_project_database.db%s.endpoints[0].domain,
                    "/defaultdb?sslmode=require"])
}
'''
_DECLARED = '''
resource "ovh_cloud_project_database_database" "main" {
  service_name = "p"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "defaultdb"
}
'''


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, "gke")
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def test_a_read_defaultdb_is_created() -> None:
    text, diags = _run(_SRC % ("", ""))
    assert 'resource "google_sql_database" "db_defaultdb"' in text
    assert "instance = google_sql_database_instance.db.name" in text
    assert [m for c, m in diags if c == "IT306" and "defaultdb" in m]


def test_declared_or_unread_defaultdb_is_not_created_twice() -> None:
    text, _ = _run(_SRC % ("", "") + _DECLARED)
    assert text.count('name     = "defaultdb"') == 1
    assert "db_defaultdb" not in text
    text, _ = _run(_SRC.split("output")[0] % "")
    assert "defaultdb" not in text


def test_a_repeated_instance_is_reported() -> None:
    text, diags = _run(_SRC % ("count = 1", "[0]"))
    assert "db_defaultdb" not in text
    assert [m for c, m in diags if c == "IT308" and "defaultdb" in m]
