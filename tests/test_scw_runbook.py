"""The data-move runbook for Scaleway: aws s3 sync, crane to rg.<region>.scw.cloud, dumps, scw."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.api import source_model, translate
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.report import build
from iac_translate.compiler.report_render import as_dict
from iac_translate.compiler.runbook import steps
from iac_translate.compiler.target_data import target_name
from jsonschema import Draft202012Validator

SCHEMA = json.loads(Path(__file__).parent.parent.joinpath(
    "compiler", "report.schema.json").read_text(encoding="utf-8"))
SRC = {"main.tf": '''
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = "Media_Files"
}
resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "p"
  region       = "GRA"
  name         = "apps_registry"
}
resource "ovh_cloud_project_database" "my_db" {
  service_name = "p"
  engine       = "mongodb"
  version      = "7.0"
  plan         = "discovery"
  flavor       = "db2-2"
  description  = "main"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "prod"
  region       = "GRA11"
}
'''}


def test_scaleway_steps() -> None:
    kinds = {s.kind: s for s in steps(source_model(SRC, Sink()), "scaleway")}
    assert set(kinds) == {"bucket", "registry", "database", "cluster"}
    bucket = kinds["bucket"].commands
    assert "aws s3 sync s3://Media_Files ./Media_Files --profile ovh --endpoint-url " \
           "https://s3.gra.io.cloud.ovh.net" in bucket
    # the bucket is written under the name Scaleway accepts (targets/scaleway/naming.json)
    assert "aws s3 sync ./Media_Files s3://media-files --profile scw --endpoint-url " \
           "https://s3.$SCW_REGION.scw.cloud" in bucket
    assert not any("gcs" in c or "amazonaws" in c for c in bucket)
    assert not any("SECRET_KEY " in c and "$" not in c for c in bucket)  # names, never values
    reg = " ".join(kinds["registry"].commands)
    assert "rg.$SCW_REGION.scw.cloud/apps-registry/$repo" in reg and "-u nologin" in reg
    db = kinds["database"]
    assert db.commands[0].startswith("mongodump --uri=$OVH_DB_URI --archive=my-db.archive")
    assert "scaleway_mongodb_instance.my_db.public_network[0]" in db.notes
    assert "tls=true" in db.notes
    cluster = kinds["cluster"].commands
    assert "scaleway_k8s_cluster.k.id" in cluster[0]
    assert cluster[1] == "scw k8s kubeconfig install $CLUSTER_ID region=$SCW_REGION"


def test_the_runbook_names_what_the_translation_writes() -> None:
    """The names the runbook computes from naming.json are the ones the output holds."""
    files = translate(SRC, "scaleway").files["main.tf"]
    for arg, name in (("scaleway_object_bucket.name", "Media_Files"),
                      ("scaleway_registry_namespace.name", "apps_registry"),
                      ("scaleway_mongodb_instance.name", "my_db")):
        assert f'"{target_name("scaleway", arg, name)}"' in files, (arg, name)


def test_eks_names_come_from_its_naming_table() -> None:
    from iac_translate.targets.eks.common import aws_name
    for label in ("db", "my_db", "MyDB", "_x", "a__b", "pg-main_2"):
        assert target_name("eks", "aws_db_instance.identifier", label) == aws_name(label)
    assert target_name("eks", "no_such.argument", "A_b") == "A_b"


def test_scaleway_report_carries_the_scaleway_runbook() -> None:
    rep, _ = build(SRC, "scaleway")
    assert rep.target == "scaleway"
    assert any("scw.cloud" in c for s in rep.runbook for c in s.commands)
    assert not any("gcloud" in c or "gcs:" in c for s in rep.runbook for c in s.commands)
    assert not list(Draft202012Validator(SCHEMA).iter_errors(as_dict(rep)))
