"""Scaleway RDB engine from a variable: a default no Scaleway engine matches is reported."""

from __future__ import annotations

from test_scaleway_database import _run

TF = '''
variable "release" {
  type    = string
  default = "%s"
}
resource "ovh_cloud_project_database" "d" {
  service_name = "x"
  engine       = "mysql"
  version      = var.release
  plan         = "essential"
  flavor       = "db1-7"
  nodes {
    region = "GRA"
  }
}
'''


def test_an_unmapped_default_is_reported_not_said_mapped() -> None:
    """engine = "5.7" fails at apply; the IT301 must not claim the default is mapped."""
    _, diags = _run(TF % "5.7")
    assert any(c == "IT308" and "`5.7`" in m and "fails at apply" in m for c, m in diags)
    assert not any("a default is mapped so" in m for _, m in diags)


def test_a_mapped_default_stays_quiet() -> None:
    _, diags = _run(TF % "8")
    assert any("a default is mapped so" in m for _, m in diags)
    assert not any("fails at apply" in m for _, m in diags)
