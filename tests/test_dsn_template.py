"""A connection string built of interpolations: no literal credential (its output keeps its
value on every target), and its `/defaultdb` is read like a literal's."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate

_SRC = '''
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

resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "p"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = "app"
}

output "dsn" {
  value     = "postgresql://${ovh_cloud_project_database_postgresql_user.app.name}:%s@${ovh_cloud_project_database.db.endpoints[0].domain}/defaultdb"
  sensitive = true
}
'''
_PASSWORD = "${ovh_cloud_project_database_postgresql_user.app.password}"


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_an_interpolated_dsn_is_no_literal_credential(target: str) -> None:
    # Before: IT315 "output `dsn` held a literal credential" and value = var.output_dsn
    # (the output name says dsn, and the template had text): the DSN was lost.
    r = translate({"main.tf": _SRC % _PASSWORD}, target)
    assert not [d for d in r.diagnostics if d.code == "IT315"], r.diagnostics
    assert "var.output_dsn" not in "".join(r.files.values())
    # a password written in the URL is still one
    r = translate({"main.tf": _SRC % "hunter2-Secret"}, target)
    assert [d for d in r.diagnostics if d.code == "IT315"]
    assert "hunter2" not in "".join(r.files.values())


@pytest.mark.parametrize("target,made", [
    ("eks", 'db_name = "defaultdb"'),
    ("aks", 'azurerm_postgresql_flexible_server_database'),
    ("scaleway", 'resource "scaleway_rdb_database"'),
])
def test_defaultdb_in_a_template_is_read(target: str, made: str) -> None:
    r = translate({"main.tf": _SRC % _PASSWORD}, target)
    text = re.sub(r" +", " ", "".join(r.files.values()))
    assert made in text, text
    assert [d for d in r.diagnostics if d.code == "IT306" and "`defaultdb`" in d.message]
