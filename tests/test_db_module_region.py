"""EKS, Scaleway: a database in a child module placed by a variable region names it (the
child inherits its caller's provider, which the variable never reaches)."""

from __future__ import annotations

import re

import pytest
from iac_translate.compiler.api import translate

_DB = '''
variable "region" {
  type = string
}
%s
resource "ovh_cloud_project_database" "pg" {
  service_name = "abc"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = %s
  }
}
'''
_ROOT = '''
variable "db_region" {
  type    = string
  default = "GRA"
}
module "db" {
  source = "./modules/db"
  region = var.db_region
}
'''
_INSTANCE = {"eks": "aws_db_instance", "scaleway": "scaleway_rdb_instance"}


def _region(target: str, files: dict[str, str], path: str) -> str | None:
    text = translate(files, target).files[path]
    body = re.search(rf'resource "{_INSTANCE[target]}" "pg" \{{\n(.*?)\n\}}', text, re.S)
    assert body is not None, text
    got = re.search(r"^  region\s+= (.+)$", body.group(1), re.M)
    return got.group(1) if got else None


@pytest.mark.parametrize("target", sorted(_INSTANCE))
def test_child_variable_region_is_the_databases(target: str) -> None:
    files = {"main.tf": _ROOT, "modules/db/main.tf": _DB % ("", "var.region")}
    assert _region(target, files, "modules/db/main.tf") == "var.region"


@pytest.mark.parametrize("target", sorted(_INSTANCE))
def test_root_variable_region_is_the_providers(target: str) -> None:
    # the root's provider takes var.region: the database needs no region of its own
    files = {"main.tf": _DB % ("", "var.region")}
    assert _region(target, files, "main.tf") is None


@pytest.mark.parametrize("target", sorted(_INSTANCE))
def test_child_literal_region_is_inherited_by_the_root(target: str) -> None:
    files = {"main.tf": _ROOT, "modules/db/main.tf": _DB % ("", '"GRA"')}
    assert _region(target, files, "modules/db/main.tf") is None


@pytest.mark.parametrize("target", sorted(_INSTANCE))
def test_child_with_its_own_provider_gives_it_the_region(target: str) -> None:
    files = {"main.tf": _ROOT,
             "modules/db/main.tf": _DB % ('provider "ovh" {\n  endpoint = "ovh-eu"\n}',
                                          "var.region")}
    assert _region(target, files, "modules/db/main.tf") is None
