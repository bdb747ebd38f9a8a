"""Lint false friends from the public corpus: prose in descriptions, password rotation triggers."""

from __future__ import annotations

from iac_translate.compiler.lint import lint

TF = '''variable "region" {
  description = "S3 location: https://help.ovhcloud.com/csm/s3-location, s3.gra.io.cloud.ovh.net"
  type        = string
  default     = "gra"
}

resource "ovh_cloud_project_database_postgresql_user" "u" {
  cluster_id     = "x"
  name           = "app"
  password_reset = "2024-01-02T11:00:00Z"
}

output "endpoint" {
  description = "the endpoint, https://s3.gra.io.cloud.ovh.net"
  value       = "https://s3.gra.io.cloud.ovh.net"
}
'''


def test_description_and_password_reset_are_not_findings() -> None:
    found = {(d.code, d.span.line) for d in lint({"main.tf": TF}) if d.span}
    assert not any(line in (2, 14) for _, line in found), found  # descriptions
    assert ("IT222", 10) not in found  # a rotation trigger is not a credential
    assert ("IT221", 15) in found  # the same endpoint as a value still is
