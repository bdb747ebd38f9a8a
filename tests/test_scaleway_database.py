"""Scaleway lowering of managed databases: RDB, Redis, MongoDB, Kafka/OpenSearch (beta), parts."""

from __future__ import annotations

import re

from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "scaleway", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, d.message) for d in result.diagnostics]


def _block(text: str, type_: str, name: str) -> str:
    m = re.search(rf'^resource "{type_}" "{name}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, f"no {type_}.{name} in:\n{text}"
    return m.group(1)


def _db(engine: str, version: str, plan: str = "essential", flavor: str = "db1-7",
        nodes: int = 1, extra: str = "") -> str:
    body = "".join('  nodes {\n    region = "GRA"\n  }\n' for _ in range(nodes))
    return f'''
resource "ovh_cloud_project_database" "d" {{
  service_name = "x"
  engine       = "{engine}"
  version      = "{version}"
  plan         = "{plan}"
  flavor       = "{flavor}"
{body}{extra}}}
'''


def test_postgresql_instance_from_the_tables_with_a_generated_password() -> None:
    out, diags = _run(_db("postgresql", "16", "business", "db1-15", 2, '  disk_size = 80\n'))
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert 'engine            = "PostgreSQL-16"' in inst
    assert 'node_type         = "DB-POP2-4C-16G"' in inst
    assert "is_ha_cluster     = true" in inst
    assert "volume_size_in_gb = 80" in inst
    assert "password           = random_password.d_admin.result" in inst
    assert "load_balancer {}" in inst  # no private network: the public endpoint
    assert 'resource "random_password" "d_admin"' in out
    # no allow-list: OVH lets nobody in, Scaleway's default ACL lets everybody: said
    assert any(c == "IT301" and "0.0.0.0/0" in m for c, m in diags)


def test_unknown_flavor_and_version_are_located_todos() -> None:
    out, diags = _run(_db("postgresql", "13", flavor="zz9-1"))
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert f"engine            = var.{asked_for(out, 'database version 13')}" in inst
    assert f"node_type         = var.{asked_for(out, 'database flavor zz9-1')}" in inst
    assert {"IT303", "IT308"} <= {c for c, _ in diags}


def test_enterprise_plan_adds_a_read_replica_and_allow_list_is_one_acl() -> None:
    extra = ('  ip_restrictions {\n    ip = "10.0.0.0/16"\n  }\n'
             '  ip_restrictions {\n    ip = "192.0.2.1/32"\n    description = "vpn"\n  }\n')
    out, _ = _run(_db("mysql", "8", "enterprise", "db1-30", 3, extra))
    assert _block(out, "scaleway_rdb_read_replica", "d")
    acl = _block(out, "scaleway_rdb_acl", "d")
    assert acl.count("acl_rules {") == 2 and '"192.0.2.1/32"' in acl
    assert 'engine            = "MySQL-8"' in _block(out, "scaleway_rdb_instance", "d")


def test_users_databases_and_privileges() -> None:
    tf = _db("postgresql", "16") + '''
resource "ovh_cloud_project_database_database" "app" {
  service_name = "x"
  engine       = "postgresql"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "app"
}
resource "ovh_cloud_project_database_postgresql_user" "u" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "app_user"
}
output "pw" {
  value     = ovh_cloud_project_database_postgresql_user.u.password
  sensitive = true
}
'''
    out, diags = _run(tf)
    assert 'name        = "app"' in _block(out, "scaleway_rdb_database", "app")
    user = _block(out, "scaleway_rdb_user", "u")
    assert "password    = random_password.u_user.result" in user
    priv = _block(out, "scaleway_rdb_privilege", "u_app")
    assert "scaleway_rdb_user.u.name" in priv and "scaleway_rdb_database.app.name" in priv
    assert "value     = scaleway_rdb_user.u.password" in out
    assert not any(c == "IT338" for c, _ in diags)


def test_private_network_from_a_caller_is_private_or_public_by_its_value() -> None:
    tf = '''
variable "net" {
  type    = string
  default = null
}
resource "ovh_cloud_project_database" "d" {
  service_name = "x"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-7"
  nodes {
    region     = "GRA"
    network_id = var.net
  }
}
'''
    out, diags = _run(tf)
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert 'dynamic "load_balancer"' in inst and "var.net == null ? [1] : []" in inst
    assert 'dynamic "private_network"' in inst and "pn_id = private_network.value" in inst
    assert any(c == "IT308" and "Private Network ID" in m for c, m in diags)


def test_valkey_user_becomes_the_cluster_user_and_its_acl_rules_are_reported() -> None:
    tf = _db("valkey", "8.0", flavor="db2-4", extra='  ip_restrictions {\n    ip = '
             '"10.0.0.0/16"\n  }\n') + '''
resource "ovh_cloud_project_database_valkey_user" "s" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "sessions"
  keys         = ["s:*"]
}
'''
    out, diags = _run(tf)
    redis = _block(out, "scaleway_redis_cluster", "d")
    assert 'user_name    = "sessions"' in redis or 'user_name   = "sessions"' in redis
    assert "random_password.s_user.result" in redis and 'zone         = "fr-par-1"' in redis
    assert "acl {" in redis and "tls_enabled = true" in redis
    assert any(c == "IT302" and "`keys`" in m for c, m in diags)


def test_mongodb_nodes_are_one_or_three_and_roles_map() -> None:
    tf = _db("mongodb", "6.0", "business", "db2-15", 2) + '''
resource "ovh_cloud_project_database_mongodb_user" "m" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "app"
  roles        = ["readWrite@shop", "clusterMonitor@admin"]
}
'''
    out, diags = _run(tf)
    inst = _block(out, "scaleway_mongodb_instance", "d")
    assert "node_number                  = 3" in inst and '"7.0"' in inst
    user = _block(out, "scaleway_mongodb_user", "m")
    assert 'role          = "read_write"' in user and '"shop"' in user
    assert any(c == "IT301" and "1 or 3 nodes" in m for c, m in diags)
    assert any(c == "IT302" and "clusterMonitor" in m for c, m in diags)


def test_kafka_and_opensearch_are_beta_services_with_the_alternative() -> None:
    for engine, version, rtype in (("kafka", "3.8", "scaleway_kafka_cluster"),
                                   ("opensearch", "2", "scaleway_opensearch_deployment")):
        out, diags = _run(_db(engine, version, "business", "db1-15", 3))
        assert _block(out, rtype, "d")
        beta = [(c, m) for c, m in diags if "beta" in m]
        assert beta and beta[0][0] == "IT301", diags
    # Scaleway's Kafka API has no public endpoint: a public OVH cluster gets a network
    out, diags = _run(_db("kafka", "3.8", "business", "db1-15", 3))
    kafka = _block(out, "scaleway_kafka_cluster", "d")
    assert "pn_id = scaleway_vpc_private_network.d_kafka.id" in kafka
    assert 'resource "scaleway_vpc_private_network" "d_kafka"' in out
    assert any(c == "IT301" and "Private Networks only" in m for c, m in diags)


def test_an_engine_scaleway_does_not_offer_is_an_error_with_what_to_use() -> None:
    out, diags = _run(_db("cassandra", "4.1"))
    assert "resource \"scaleway" not in out
    err = [m for c, m in diags if c == "IT338"]
    assert err and "cassandra" in err[0]
    assert "K8ssandra" in out  # the placeholder says what to use instead


def test_nodes_on_a_declared_subnet_use_its_private_network() -> None:
    tf = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "n"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.2"
  end          = "10.0.0.254"
  network      = "10.0.0.0/24"
  dhcp         = true
}
resource "ovh_cloud_project_database" "d" {
  service_name = "x"
  engine       = "postgresql"
  version      = "16"
  plan         = "enterprise"
  flavor       = "db1-7"
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
    subnet_id  = ovh_cloud_project_network_private_subnet.sub.id
  }
}
'''
    out, _ = _run(tf)
    inst = _block(out, "scaleway_rdb_instance", "d")
    assert "load_balancer" not in inst
    # the subnet's reference (its own Private Network once the network family lowers it)
    assert "pn_id = ovh_cloud_project_network_private_subnet.sub.id" in inst or \
        "pn_id = scaleway_vpc_private_network.sub.id" in inst
    replica = _block(out, "scaleway_rdb_read_replica", "d")
    assert "private_network_id = " in replica and ".sub.id" in replica


def test_settings_are_the_ones_the_engine_version_accepts() -> None:
    extra = ('  advanced_configuration = {\n    "pg.work_mem" = "64MB"\n'
             '    "pg.shared_buffers" = "1GB"\n    "pglookout.x" = "1"\n  }\n')
    out, diags = _run(_db("postgresql", "16", extra=extra))
    assert 'settings           = { work_mem = "64MB" }' in _block(
        out, "scaleway_rdb_instance", "d")
    assert any(c == "IT302" and "shared_buffers" in m and "PostgreSQL-16" in m
               for c, m in diags)
    assert any(c == "IT302" and "pglookout" in m for c, m in diags)


def test_a_mongodb_logical_database_needs_no_resource() -> None:
    tf = _db("mongodb", "7.0", flavor="db2-15") + '''
resource "ovh_cloud_project_database_database" "shop" {
  service_name = "x"
  engine       = "mongodb"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "shop"
}
'''
    out, diags = _run(tf)
    assert "scaleway_rdb_database" not in out
    assert any(c == "IT310" and "first write" in m for c, m in diags)
    assert not any(c == "IT338" for c, _ in diags)


def test_users_of_two_engines_with_one_label_get_distinct_resources() -> None:
    tf = _db("postgresql", "16") + _db("mongodb", "7.0", flavor="db2-15").replace(
        '"d"', '"m"') + '''
resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.d.id
  name         = "app"
}
resource "ovh_cloud_project_database_mongodb_user" "app" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.m.id
  name         = "app"
  roles        = ["read@x"]
}
'''
    out, _ = _run(tf)
    labels = re.findall(r'^resource "([a-z_]+)" "([a-z_]+)"', out, re.M)
    assert len(labels) == len(set(labels)), labels
    assert ("scaleway_rdb_user", "postgresql_app") in labels
    assert ("scaleway_mongodb_user", "mongodb_app") in labels
