"""The generated database password (targets/tfbase/dbpassword.py) on scaleway and aks."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.hcl.printer import to_hcl
from iac_translate.compiler.ir import expr as E
from iac_translate.targets.aks import database_net
from iac_translate.targets.mapping import data_table
from iac_translate.targets.scaleway import database_access
from iac_translate.targets.tfbase import dbpassword

DB = '''
resource "ovh_cloud_project_database" "orders" {
  service_name = "x"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-7"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.orders.id
  name         = "app"
}
'''


@pytest.mark.parametrize("target", ["scaleway", "aks"])
def test_the_password_follows_the_table_and_requires_random(target: str) -> None:
    result = translate({"main.tf": DB}, target, TranslateOptions())
    text = "\n".join(result.files.values())
    m = re.search(r'^resource "random_password" "[^"]+" {\n(.*?)^}', text, re.M | re.S)
    assert m, text
    args = (data_table(f"{target}/databases.json") or {})["password"]["args"]
    for k, v in args.items():
        want = to_hcl(E.Literal(v)) if isinstance(v, (str, bool)) else str(v)
        assert re.search(rf"^\s*{k}\s*=\s*{re.escape(want)}$", m.group(1), re.M), (k, m.group(1))
    assert "hashicorp/random" in text  # the provider it needs is required


def test_the_families_share_it() -> None:
    assert database_net.password is dbpassword.password is database_access.password
    assert database_net.side is dbpassword.side is database_access.side
