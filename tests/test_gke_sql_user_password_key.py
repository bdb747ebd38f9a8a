"""GKE: a counted (or for_each) database user reads the random_password of its own instance."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_SRC = '''
variable "users" {
  type    = list(string)
  default = ["app", "ro"]
}
resource "ovh_cloud_project_database" "db" {
  service_name = "p"
  engine       = "mysql"
  version      = "8"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_user" "user" {
  %s
  service_name = "p"
  engine       = "mysql"
  cluster_id   = ovh_cloud_project_database.db.id
  name         = %s
}
output "first_password" {
  value     = %s
  sensitive = true
}
'''


def _main(meta: str, name: str, read: str) -> str:
    return translate({"main.tf": _SRC % (meta, name, read)}, "gke").files["main.tf"]


def test_counted_user_reads_its_password_instance() -> None:
    text = _main("count = length(var.users)", "var.users[count.index]",
                 "ovh_cloud_project_database_user.user[0].password")
    assert "password = random_password.user[count.index].result" in text
    assert "value     = random_password.user[0].result" in text


def test_for_each_user_reads_its_password_instance() -> None:
    text = _main("for_each = toset(var.users)", "each.key",
                 'ovh_cloud_project_database_user.user["app"].password')
    assert "password = random_password.user[each.key].result" in text
    assert 'value     = random_password.user["app"].result' in text


def test_single_user_password_has_no_key() -> None:
    text = _main("", '"app"', "ovh_cloud_project_database_user.user.password")
    assert "password = random_password.user.result" in text
    assert "value     = random_password.user.result" in text
