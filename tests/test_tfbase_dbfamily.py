"""The database families' shared readings (targets/tfbase/dbfamily.py) on eks, scaleway, aks:
one engine note and one table mapping, each cloud keeping its IT308 wording."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

DB = '''
resource "ovh_cloud_project_database" "pg" {
  service_name = "x"
  engine       = "postgresql"
%s  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
PG = "ovh_cloud_project_database.pg"
ABSENT = {"eks": f"{PG} has no postgresql version; choose one",
          "scaleway": f"{PG} has no version; choose a Scaleway postgresql version",
          "aks": f"{PG} has no version; choose an Azure postgresql version"}


def _diags(target: str, src: str) -> list[tuple[str, str]]:
    return [(d.code, d.message) for d in translate({"main.tf": src}, target).diagnostics]


@pytest.mark.parametrize("target", ABSENT)
def test_an_absent_version_is_a_located_todo_in_the_clouds_words(target: str) -> None:
    assert ("IT308", ABSENT[target]) in _diags(target, DB % "")
    assert not [m for c, m in _diags(target, DB % '  version = "16"\n') if "no version" in m
                or "version; choose" in m]


@pytest.mark.parametrize("target", ABSENT)
def test_an_engine_no_one_can_read_cannot_be_translated(target: str) -> None:
    src = 'variable "engine" {\n  type = string\n}\n' + DB.replace(
        '"postgresql"', "var.engine") % '  version = "16"\n'
    assert [c for c, m in _diags(target, src) if "the engine of" in m] == ["IT309"]


def test_a_read_cluster_is_there_only_once_created() -> None:
    src = ('data "ovh_cloud_project_database" "pg" {\n  service_name = "x"\n'
           '  engine = "postgresql"\n  id = "abc"\n}\n')
    r = translate({"main.tf": src}, "eks")
    said = [(d.code, d.message, d.hint) for d in r.diagnostics if "reads an existing" in d.message]
    assert said == [("IT305", f"data.{PG} reads an existing OVH postgresql cluster; there is no "
                     "AWS cluster to read until one is created",
                     "once migrated, read it with data.aws_db_instance")]
