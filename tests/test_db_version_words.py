"""A database version variable is told the target's words without another engine's example."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_DB = '''variable "db_version" {
  type    = string
  default = "8"
}

resource "ovh_cloud_project_database" "d" {
  service_name = "p"
  engine       = "%s"
  version      = var.db_version
  plan         = "essential"
  flavor       = "db1-7"
  nodes {
    region = "GRA"
  }
}
'''


def _description(engine: str, target: str) -> str:
    text = "\n".join(translate({"main.tf": _DB % engine}, target).files.values())
    return text.split('variable "db_version"')[1].split("description")[1].split("\n")[0]


@pytest.mark.parametrize("target", ["gke", "eks", "aks", "scaleway"])
def test_a_mysql_version_variable_is_not_given_a_postgresql_example(target: str) -> None:
    said = _description("mysql", target)
    assert "(e.g." not in said and "POSTGRES" not in said.upper(), said


def test_a_postgresql_version_variable_keeps_the_example() -> None:
    assert "(e.g. PostgreSQL-16)" in _description("postgresql", "scaleway")
