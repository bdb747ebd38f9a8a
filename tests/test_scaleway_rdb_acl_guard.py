"""Scaleway RDB ACLs whose rules are all dynamic: created only while a rule exists."""

from __future__ import annotations

from test_scaleway_database import _block, _db, _run

COUNTED = '''
variable "allowed" {
  type    = list(string)
  default = null
}
resource "ovh_cloud_project_database_ip_restriction" "r" {
  count        = var.allowed == null ? 0 : length(var.allowed)
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.d.id
  ip           = var.allowed[count.index]
}
'''


def test_counted_ip_restrictions_make_an_acl_only_when_one_exists() -> None:
    """acl_rules is required: zero dynamic blocks (the module's null default) fails plan."""
    out, diags = _run(_db("postgresql", "16") + COUNTED)
    acl = _block(out, "scaleway_rdb_acl", "d")
    assert acl.lstrip().startswith(
        "count       = (var.allowed == null ? 0 : length(var.allowed)) > 0 ? 1 : 0")
    assert any(c == "IT301" and "may be empty" in m and "0.0.0.0/0" in m for c, m in diags)


def test_dynamic_ip_restrictions_block_is_guarded_too() -> None:
    extra = '''  dynamic "ip_restrictions" {
    for_each = var.cidrs
    content {
      ip = ip_restrictions.value
    }
  }
'''
    tf = 'variable "cidrs" {\n  type = list(string)\n}\n' + _db("mysql", "8", extra=extra)
    acl = _block(_run(tf)[0], "scaleway_rdb_acl", "d")
    assert "count       = length(var.cidrs) > 0 ? 1 : 0" in acl


def test_a_literal_rule_keeps_the_acl_unconditional() -> None:
    literal = COUNTED + '''
resource "ovh_cloud_project_database_ip_restriction" "office" {
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.d.id
  ip           = "198.51.100.0/24"
}
'''
    out, diags = _run(_db("postgresql", "16") + literal)
    assert "count" not in _block(out, "scaleway_rdb_acl", "d")
    assert not any("may be empty" in m for _, m in diags)
