"""Scaleway: a data source reading OVH's avnadmin is the RDB instance's first user."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SRC = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "%s"
  version      = "%s"
  plan         = "essential"
  flavor       = "db1-4"
  %s
  nodes {
    region = "GRA"
  }
}
data "ovh_cloud_project_database_user" "admin" {
  service_name = "p"
  engine       = "%s"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "avnadmin"
}
output "dsn" {
  sensitive = true
  value = "postgres://${data.ovh_cloud_project_database_user.admin.name}:${data.ovh_cloud_project_database_user.admin.password}@x"
}
'''


def _run(engine: str = "postgresql", version: str = "16", extra: str = "") -> tuple[str, list]:
    r = translate({"main.tf": SRC % (engine, version, extra, engine)}, "scaleway")
    return r.files["main.tf"], r.diagnostics


def test_read_resolves_to_the_instance_first_user() -> None:
    text, diags = _run()
    assert 'user_name          = "avnadmin"' in text or 'user_name = "avnadmin"' in text
    assert ("${scaleway_rdb_instance.db.user_name}:${scaleway_rdb_instance.db.password}@x"
            in text)
    assert "TODO" not in text
    assert not [d for d in diags if d.code in ("IT206", "IT310", "IT328")]
    said = [d for d in diags if d.code == "IT301" and "avnadmin" in d.message]
    assert len(said) == 1 and said[0].span.line == 17


def test_mysql_read_too() -> None:
    text, _ = _run("mysql", "8")
    assert "${scaleway_rdb_instance.db.password}" in text and "TODO" not in text


def test_repeated_cluster_stays_omitted() -> None:
    text, diags = _run(extra="count = 2")
    assert "avnadmin" not in text
    assert [d for d in diags if d.code == "IT310" and "admin" in d.message]


def test_other_user_read_stays_omitted() -> None:
    src = SRC.replace('name         = "avnadmin"', 'name         = "reporting"')
    r = translate({"main.tf": src % ("postgresql", "16", "", "postgresql")}, "scaleway")
    assert 'user_name          = "dbadmin"' in r.files["main.tf"]
    assert [d for d in r.diagnostics if d.code == "IT310" and "admin" in d.message]
