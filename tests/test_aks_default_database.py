"""AKS: OVH's `defaultdb`, read by a connection string and not declared, is created on the
Flexible Server (PostgreSQL: server_id; MySQL: group, server, charset and collation), once
per instance of a repeated cluster; a source that declares it, or does not read it, adds
nothing."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

SOURCE = '''
resource "ovh_cloud_project_database" "ledger" {
  service_name = "x"
  engine       = "ENGINE"
  version      = "VERSION"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
output "dsn" {
  value = join("", ["postgres://", ovh_cloud_project_database.ledger.endpoints[0].domain,
  "/defaultdb?sslmode=require"])
}
'''
DECLARED = '''
resource "ovh_cloud_project_database_database" "default" {
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.ledger.id
  name         = "defaultdb"
}
'''


def _main(src: str, engine: str = "postgresql", version: str = "16") -> str:
    files = {"main.tf": src.replace("ENGINE", engine).replace("VERSION", version)}
    return translate(files, "aks").files["main.tf"]


def test_postgresql_gets_its_defaultdb() -> None:
    out = _main(SOURCE)
    assert 'resource "azurerm_postgresql_flexible_server_database" "ledger_defaultdb"' in out
    assert "server_id = azurerm_postgresql_flexible_server.ledger.id" in out, out


def test_mysql_gets_its_defaultdb_with_the_engine_defaults() -> None:
    out = _main(SOURCE, "mysql", "8.0")
    assert 'resource "azurerm_mysql_flexible_database" "ledger_defaultdb"' in out, out
    assert 'collation = "utf8mb4_0900_ai_ci"' in out, out


def test_a_repeated_cluster_gets_one_per_instance() -> None:
    out = _main(SOURCE.replace('service_name = "x"\n  engine', 'count        = 2\n'
                               '  service_name = "x"\n  engine', 1)
                .replace("ledger.endpoints[0]", "ledger[0].endpoints[0]"))
    block = out.split('"ledger_defaultdb" {', 1)[1].split("}", 1)[0]
    assert "count     = 2" in block and "ledger[count.index].id" in block, block


@pytest.mark.parametrize("src", [SOURCE + DECLARED, SOURCE.replace("/defaultdb", "/orders")])
def test_declared_or_unread_adds_nothing(src: str) -> None:
    assert "_defaultdb" not in _main(src)
