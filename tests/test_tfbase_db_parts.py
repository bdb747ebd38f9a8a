"""tfbase/db_parts: database sub-resources and untranslated clusters on aks and scaleway."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

_ORPHAN = '''variable "cluster_id" {
  default = "c"
}
resource "ovh_cloud_project_database_database" "d" {
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = var.cluster_id
  name         = "appdb"
}
'''

_CASSANDRA = '''resource "ovh_cloud_project_database" "c" {
  service_name = "x"
  engine       = "cassandra"
  version      = "4"
  plan         = "business"
  flavor       = "db1-7"
  nodes {
    region = "GRA"
  }
}
'''


@pytest.mark.parametrize("target", ["aks", "scaleway"])
def test_a_sub_resource_of_no_cluster_here_is_said_and_not_emitted(target: str) -> None:
    r = translate({"main.tf": _ORPHAN}, target)
    said = [(d.code, d.span.line, d.message, d.hint) for d in r.diagnostics
            if d.span and "ovh_cloud_project_database_database.d" in d.message]
    assert said == [("IT338", 4, "ovh_cloud_project_database_database.d is not translated: "
                     "its database cluster is not declared in this module",
                     "declare it where the cluster is declared")], said
    text = "".join(r.files.values())
    assert '"appdb"' not in text  # nothing is written for it, and no argument is left unread
    assert not [d for d in r.diagnostics if d.code == "IT202"]


@pytest.mark.parametrize("target,cloud", [("aks", "Azure"), ("scaleway", "Scaleway")])
def test_an_untranslated_engine_leaves_a_located_todo(target: str, cloud: str) -> None:
    r = translate({"main.tf": _CASSANDRA}, target)
    text = "".join(r.files.values())
    assert "# TODO(IT338): ovh_cloud_project_database.c (engine cassandra) is not " \
        "translated" in text, text
    assert [d.code for d in r.diagnostics if d.span and d.span.line == 1] == ["IT338"]
    assert any(f"{cloud} offers no managed cassandra" in d.message for d in r.diagnostics)
