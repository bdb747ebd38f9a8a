"""Scaleway managed-database rules: HA on PLAY2 types, 3-node MongoDB on PLAY2, private ACLs."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.api import TranslateOptions, translate
from test_scaleway_database import _block, _db, _run

TABLE = json.loads((Path(__file__).resolve().parent.parent / "targets" / "scaleway" /
                    "databases.json").read_text(encoding="utf-8"))


def _codes(diags: list[tuple[str, str]], code: str, text: str) -> list[str]:
    return [m for c, m in diags if c == code and text in m]


def test_the_ha_table_names_node_types_it_has() -> None:
    classes = TABLE["instance_classes"]
    rdb = TABLE["services"]["rdb"]["ha"]
    assert rdb["unverified"] and all(t in classes["rdb"] for t in rdb["unverified"])
    # the replacement is a dedicated (non-burstable) type that holds every unverified one
    instead = classes["rdb"][rdb["instead"]]
    assert not instead.get("burstable")
    for t in rdb["unverified"]:
        assert instead["vcpu"] >= classes["rdb"][t]["vcpu"]
        assert instead["ram_gb"] >= classes["rdb"][t]["ram_gb"]
    mongo = TABLE["services"]["mongodb"]["ha"]
    assert mongo["unverified"] and all(t in classes["mongodb"] for t in mongo["unverified"])
    assert "instead" not in mongo  # kept and said: no type is documented with 3 nodes either


def test_business_plan_on_a_play2_fit_keeps_ha_on_the_production_type() -> None:
    out, diags = _run(_db("postgresql", "16", "business", "db1-4", 2))
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert 'node_type         = "DB-PRO2-XXS"' in inst
    assert "is_ha_cluster     = true" in inst
    (msg,) = _codes(diags, "IT308", "DB-PLAY2-NANO")
    assert "business plan" in msg and "DB-PRO2-XXS" in msg


def test_enterprise_plan_on_pico_moves_too() -> None:
    out, diags = _run(_db("mysql", "8", "enterprise", "db2-2", 2))
    assert 'node_type         = "DB-PRO2-XXS"' in _block(out, "scaleway_rdb_instance", "d")
    assert _codes(diags, "IT308", "DB-PLAY2-PICO")


def test_a_standalone_play2_instance_is_left_alone() -> None:
    out, diags = _run(_db("postgresql", "16", "essential", "db1-4"))
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert 'node_type         = "DB-PLAY2-NANO"' in inst
    assert "is_ha_cluster     = false" in inst
    assert not _codes(diags, "IT308", "PLAY2")


def test_a_plan_from_a_variable_picks_the_type_with_ha() -> None:
    tf = 'variable "plan" {\n  type = string\n}\n' + _db("postgresql", "16", "x", "db1-4")
    tf = tf.replace('plan         = "x"', "plan         = var.plan")
    out, diags = _run(tf)
    inst = _block(out, "scaleway_rdb_instance", "d")
    ha = 'contains(["advanced", "business", "enterprise", "production"], var.plan)'
    assert f'node_type         = {ha} ? "DB-PRO2-XXS" : "DB-PLAY2-NANO"' in inst
    assert f"is_ha_cluster     = {ha}" in inst
    assert _codes(diags, "IT308", "while is_ha_cluster is true")


def test_a_flavor_from_a_variable_is_checked_at_plan_time() -> None:
    tf = ('variable "flavor" {\n  type    = string\n  default = "db1-4"\n}\n'
          + _db("postgresql", "16", "business", "x", 2))
    out, _ = _run(tf.replace('flavor       = "x"', "flavor       = var.flavor"))
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert ('node_type         = contains(["DB-PLAY2-NANO", "DB-PLAY2-PICO"], '
            'upper(var.flavor)) ? "DB-PRO2-XXS" : var.flavor') in inst


def test_a_verified_play2_type_can_be_taken_out_of_the_rule() -> None:
    """Once `scw rdb node-type list` shows HA on PLAY2, --mapping empties the list."""
    opts = TranslateOptions(mapping_overrides={"scaleway/databases.json": {
        "services": {"rdb": {"ha": {"unverified": []}}}}})
    result = translate({"main.tf": _db("postgresql", "16", "business", "db1-4", 2)},
                       "scaleway", opts)
    out = "\n".join(result.files.values())
    assert 'node_type         = "DB-PLAY2-NANO"' in _block(out, "scaleway_rdb_instance", "d")
    assert not any(d.code == "IT308" and "PLAY2" in d.message for d in result.diagnostics)


def test_a_three_node_mongodb_on_play2_is_kept_and_said() -> None:
    out, diags = _run(_db("mongodb", "7.0", "business", "db2-4", 3))
    inst = _block(out, "scaleway_mongodb_instance", "d")
    assert 'node_type                    = "MGDB-PLAY2-NANO"' in inst
    assert "node_number                  = 3" in inst
    (msg,) = _codes(diags, "IT308", "3-node replica set")
    assert "MGDB-PLAY2-NANO" in msg


def test_a_single_node_or_dedicated_mongodb_says_nothing() -> None:
    _, diags = _run(_db("mongodb", "7.0", "essential", "db2-4"))
    assert not _codes(diags, "IT308", "replica set")
    _, diags = _run(_db("mongodb", "7.0", "business", "db1-15", 3))
    assert not _codes(diags, "IT308", "replica set")


PRIVATE = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "backend"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.0.0.0/24"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  dhcp         = true
}
'''
NODE = '''  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.sub.id
  }
'''
ALLOW = '''  ip_restrictions {
    ip = "10.0.0.0/26"
  }
'''
RULE = '''
resource "ovh_cloud_project_database_ip_restriction" "batch" {
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.d.id
  ip           = "10.0.0.64/26"
}
'''


def test_a_private_only_instance_gets_no_acl() -> None:
    out, diags = _run(PRIVATE + _db("postgresql", "16", nodes=0, extra=NODE + ALLOW) + RULE)
    assert 'resource "scaleway_rdb_acl"' not in out
    assert "private_network {" in _block(out, "scaleway_rdb_instance", "d")
    (msg,) = _codes(diags, "IT302", "allow-list of ovh_cloud_project_database.d")
    assert "its ip_restrictions" in msg and "ip_restriction.batch" in msg
    assert _codes(diags, "IT310", "ovh_cloud_project_database_ip_restriction.batch")
    assert not [c for c, _ in diags if c == "IT338"]


def test_a_private_only_instance_with_no_list_says_nothing_of_acls() -> None:
    _, diags = _run(PRIVATE + _db("postgresql", "16", nodes=0, extra=NODE))
    assert not _codes(diags, "IT302", "allow-list")


def test_a_public_instance_keeps_its_acl() -> None:
    out, diags = _run(_db("postgresql", "16", extra=ALLOW))
    assert 'ip = "10.0.0.0/26"' in _block(out, "scaleway_rdb_acl", "d")
    assert not _codes(diags, "IT302", "allow-list")


def test_a_caller_network_may_be_public_so_the_acl_stays() -> None:
    """network_id from a variable may be null (OVH's public endpoint): the ACL still counts."""
    node = '''  nodes {
    region     = "GRA"
    network_id = var.net
  }
'''
    tf = 'variable "net" {\n  type = string\n}\n' + _db("postgresql", "16", nodes=0,
                                                          extra=node + ALLOW)
    out, _ = _run(tf)
    assert 'resource "scaleway_rdb_acl" "d"' in out
