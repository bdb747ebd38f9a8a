"""The data-move runbook for EKS: aws s3 sync, crane to ECR, dumps to RDS, kubeconfig."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.report import build
from iac_translate.compiler.report_render import as_dict
from iac_translate.compiler.runbook import steps
from jsonschema import Draft202012Validator

SCHEMA = json.loads(Path(__file__).parent.parent.joinpath(
    "compiler", "report.schema.json").read_text(encoding="utf-8"))
SRC = {"main.tf": '''
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = "media"
}
resource "ovh_cloud_project_containerregistry" "r" {
  service_name = "p"
  region       = "GRA"
  name         = "apps"
}
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
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


def test_eks_steps() -> None:
    kinds = {s.kind: s for s in steps(source_model(SRC, Sink()), "eks")}
    assert set(kinds) == {"bucket", "registry", "database", "cluster"}
    bucket = kinds["bucket"].commands
    assert "aws s3 sync s3://media ./media --profile ovh --endpoint-url " \
           "https://s3.gra.io.cloud.ovh.net" in bucket
    assert "aws s3 sync ./media s3://media --region $AWS_REGION" in bucket
    assert not any("rclone" in c or "gcs" in c for c in bucket)
    reg = " ".join(kinds["registry"].commands)
    assert "aws ecr get-login-password" in reg and "crane copy --all-tags" in reg
    assert "dkr.ecr.$AWS_REGION.amazonaws.com/apps/$repo" in reg
    db = kinds["database"]
    assert db.commands[0].startswith("pg_dump --format=custom") and "RDS" in db.notes
    assert kinds["cluster"].commands[0] == "aws eks update-kubeconfig --name prod " \
                                           "--region $AWS_REGION"
    # the GKE runbook is unchanged: no cluster step, GCS and Artifact Registry
    gke = {s.kind: s for s in steps(source_model(SRC, Sink()))}
    assert "cluster" not in gke and any("gcs:media" in c for c in gke["bucket"].commands)


def test_eks_report_carries_the_aws_runbook() -> None:
    rep, _ = build(SRC, "eks")
    assert rep.target == "eks"
    assert any("aws s3 sync" in c for s in rep.runbook for c in s.commands)
    assert not list(Draft202012Validator(SCHEMA).iter_errors(as_dict(rep)))
