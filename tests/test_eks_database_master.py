"""EKS: OVH's avnadmin user is the RDS master user; a read of defaultdb makes it db_name."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_CLUSTER = '''
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "%s"
  version      = "%s"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
_ADMIN = '''
resource "ovh_cloud_project_database_%s" "admin" {
  %s
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "avnadmin"
}
output "admin_password" {
  value     = ovh_cloud_project_database_%s.admin%s.password
  sensitive = true
}
'''
_DSN = '''
output "dsn" {
  value = join("", ["postgres://", ovh_cloud_project_database.db.endpoints[0].domain,
                    "/defaultdb?sslmode=require"])
}
'''
_ORDERS = '''
resource "ovh_cloud_project_database_database" "orders" {
  service_name = "p"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "orders"
}
'''


def _run(src: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": src}, "eks")
    return r.files["main.tf"], [(d.code, d.message) for d in r.diagnostics]


def test_avnadmin_is_the_master_user_and_its_password_the_managed_one() -> None:
    # eimis-synapse / howling-trader: IT338 on the user and IT328 on outputs reading it before
    for engine, version, typ, extra in (
            ("postgresql", "16", "postgresql_user", ""),
            ("mysql", "8", "user", 'engine = "mysql"')):
        src = _CLUSTER % (engine, version) + _ADMIN % (typ, extra, typ, "")
        text, diags = _run(src)
        assert 'username            = "avnadmin"' in text
        assert "manage_master_user_password = true" in text
        assert 'data "aws_secretsmanager_secret_version" "db_master"' in text
        assert "aws_db_instance.db.master_user_secret[0].secret_arn" in text
        assert 'jsondecode(data.aws_secretsmanager_secret_version.db_master.secret_string)' \
            '["password"]' in text
        assert "TODO" not in text
        assert not [c for c, _ in diags if c in ("IT338", "IT328", "IT206")], diags


def test_a_repeated_avnadmin_stays_untranslated() -> None:
    src = _CLUSTER % ("postgresql", "16") + _ADMIN % ("postgresql_user", "count = 1",
                                                      "postgresql_user", "[0]")
    text, diags = _run(src)
    assert 'username            = "dbadmin"' in text
    assert "aws_secretsmanager_secret_version" not in text
    assert [c for c, _ in diags if c == "IT338"]


def test_a_read_of_defaultdb_makes_it_the_instance_db_name() -> None:
    text, diags = _run(_CLUSTER % ("postgresql", "16") + _DSN)
    assert 'db_name           = "defaultdb"' in text
    assert [m for c, m in diags if c == "IT306" and "defaultdb" in m]
    text, diags = _run(_CLUSTER % ("postgresql", "16"))
    assert "db_name" not in text


def test_defaultdb_read_beside_another_database_is_reported() -> None:
    text, diags = _run(_CLUSTER % ("postgresql", "16") + _ORDERS + _DSN)
    assert 'db_name           = "orders"' in text
    assert [m for c, m in diags if c == "IT308" and "defaultdb" in m]
    declared = _ORDERS.replace('"orders"', '"defaultdb"')
    text, diags = _run(_CLUSTER % ("postgresql", "16") + declared + _DSN)
    assert 'db_name           = "defaultdb"' in text
    assert not [m for c, m in diags if c == "IT308" and "defaultdb" in m]


def test_defaultdb_is_created_on_the_cluster_its_connection_string_reads() -> None:
    # eimis-synapse: two clusters, only the synapse DSN names defaultdb
    other = (_CLUSTER % ("postgresql", "16")).replace('"db"', '"other"')
    text, _ = _run(_CLUSTER % ("postgresql", "16") + other + _DSN)
    db = text[text.index('resource "aws_db_instance" "db"'):]
    db = db[:db.index("\n}\n")]
    rest = text[text.index('resource "aws_db_instance" "other"'):]
    rest = rest[:rest.index("\n}\n")]
    assert 'db_name           = "defaultdb"' in db
    assert "db_name" not in rest
