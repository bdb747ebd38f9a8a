"""EKS, Scaleway: the companions of a database that names its own region name it too."""

from __future__ import annotations

import gzip
import json
import re

import pytest
from iac_translate.compiler.api import translate
from iac_translate.targets.eks.database import REGIONAL as EKS_REGIONAL
from iac_translate.targets.scaleway.database import REGIONAL as SCW_REGIONAL
from schema.shared_schemas import missing_reason, schema_path

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
_CHILD = '''
variable "region" {
  type = string
}
resource "ovh_cloud_project_database" "pg" {
  service_name = "abc"
  engine       = "postgresql"
  version      = "16"
  plan         = "business"
  flavor       = "db1-4"
  ip_restrictions {
    ip = "10.0.0.0/8"
  }
  nodes {
    region = var.region
  }
}
resource "ovh_cloud_project_database_database" "app" {
  service_name = "abc"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "app"
}
resource "ovh_cloud_project_database_postgresql_user" "u" {
  service_name = "abc"
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "u"
}
resource "ovh_cloud_project_database_postgresql_user" "avn" {
  service_name = "abc"
  cluster_id   = ovh_cloud_project_database.pg.id
  name         = "avnadmin"
}
output "pw" {
  value     = ovh_cloud_project_database_postgresql_user.avn.password
  sensitive = true
}
'''
_WANTED = {
    "eks": ["aws_db_instance", "aws_db_subnet_group", "aws_security_group",
            "aws_vpc_security_group_ingress_rule", "data.aws_secretsmanager_secret_version",
            "data.aws_vpc", "data.aws_subnets"],
    "scaleway": ["scaleway_rdb_instance", "scaleway_rdb_acl", "scaleway_rdb_database",
                 "scaleway_rdb_user", "scaleway_rdb_privilege"]}


def _blocks(text: str) -> list[tuple[str, str]]:
    """(kind, body) of every resource and data block."""
    out = []
    for m in re.finditer(r'^(resource|data) "([a-z0-9_]+)" "[^"]+" \{\n(.*?)\n\}', text,
                         re.S | re.M):
        out.append(((m.group(2) if m.group(1) == "resource" else f"data.{m.group(2)}"),
                    m.group(3)))
    return out


def _child(target: str, child: str) -> str:
    files = translate({"main.tf": _ROOT, "modules/db/main.tf": child}, target).files
    return "\n".join(v for k, v in files.items() if k.startswith("modules/db/"))


@pytest.mark.parametrize("target", sorted(_WANTED))
def test_companions_follow_a_variable_region(target: str) -> None:
    blocks = _blocks(_child(target, _CHILD))
    kinds = {k for k, _ in blocks}
    assert set(_WANTED[target]) <= kinds, kinds
    for kind, body in blocks:
        if kind in _WANTED[target]:
            assert re.search(r"^  region\s+= var\.region$", body, re.M), (kind, body)


def test_eks_shared_default_vpc_is_not_moved() -> None:
    # the database's own default-VPC lookups, not the module's shared one
    text = _child("eks", _CHILD)
    assert 'data "aws_vpc" "pg_default"' in text
    assert "data.aws_vpc.default." not in text and "data.aws_subnets.default." not in text


@pytest.mark.parametrize("target", ["eks"])
def test_literal_child_region_other_than_the_roots(target: str) -> None:
    db = '''
resource "ovh_cloud_project_database" "%s" {
  service_name = "abc"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "%s"
  }
}
'''
    files = translate({"main.tf": db % ("root", "GRA") + 'module "db" {\n  source = '
                       '"./modules/db"\n}\n', "modules/db/main.tf": db % ("pg", "SBG")},
                      target).files
    body = dict(_blocks(files["modules/db/main.tf"]))
    assert 'region            = "eu-central-1"' in body["aws_db_instance"]
    assert 'region     = "eu-central-1"' in body["aws_db_subnet_group"]


@pytest.mark.parametrize(("provider", "regional"), [("aws", EKS_REGIONAL),
                                                    ("scaleway", SCW_REGIONAL)])
def test_regional_types_take_region(provider: str, regional: frozenset[str]) -> None:
    why = missing_reason(provider)
    if why:
        pytest.skip(why)
    schema = json.loads(gzip.decompress(schema_path(provider).read_bytes()))
    for kind in sorted(regional):
        sec, name = ("data_sources", kind[5:]) if kind.startswith("data.") else \
            ("resources", kind)
        assert "region" in schema[sec][name]["attributes"], kind
