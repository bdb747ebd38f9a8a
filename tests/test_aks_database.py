"""AKS lowering of managed databases: Flexible Server, its parts, the engines reported."""

from __future__ import annotations

import re

from iac_translate.compiler.api import TranslateOptions, translate


def _run(tf: str) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "aks", TranslateOptions())
    return "\n".join(result.files.values()), [(d.code, f"{d.message} {d.hint}")
                                              for d in result.diagnostics]


def _block(text: str, type_: str, name: str) -> str:
    m = re.search(rf'^resource "{type_}" "{name}" {{\n(.*?)^}}', text, re.M | re.S)
    assert m, f"no {type_}.{name} in:\n{text}"
    return m.group(1)


def _db(engine: str, version: str, plan: str = "essential", flavor: str = "db1-7",
        nodes: int = 1, extra: str = "") -> str:
    body = "".join('  nodes {\n    region = "GRA"\n  }\n' for _ in range(nodes))
    return f'''
resource "ovh_cloud_project_database" "orders" {{
  service_name = "x"
  engine       = "{engine}"
  version      = "{version}"
  plan         = "{plan}"
  flavor       = "{flavor}"
{body}{extra}}}
'''


def test_postgresql_server_sku_storage_step_and_ha_from_the_tables() -> None:
    out, diags = _run(_db("postgresql", "16", "business", "db1-15", 2, "  disk_size = 160\n"))
    srv = _block(out, "azurerm_postgresql_flexible_server", "orders")
    assert re.search(r'sku_name\s+= "GP_Standard_D4ds_v5"', srv)
    assert re.search(r"storage_mb\s+= 262144", srv)  # 160 GB -> the 256 GiB step
    assert 'mode = "ZoneRedundant"' in srv
    assert "administrator_password" in srv and "random_password.orders_admin.result" in srv
    assert any(c == "IT301" and "256 GiB" in m for c, m in diags)


def test_burstable_sku_keeps_no_standby_and_says_so() -> None:
    out, diags = _run(_db("mysql", "8", "business", "db1-4", 2))
    srv = _block(out, "azurerm_mysql_flexible_server", "orders")
    assert "high_availability" not in srv
    assert re.search(r'version\s+= "8.0.21"', srv)
    assert any(c == "IT301" and "burstable" in m for c, m in diags)


def test_allowed_cidrs_become_firewall_rules_with_address_ranges() -> None:
    extra = ('  ip_restrictions {\n    ip = "203.0.113.0/28"\n    description = "office"\n'
             '  }\n')
    out, _ = _run(_db("postgresql", "15", extra=extra))
    rule = _block(out, "azurerm_postgresql_flexible_server_firewall_rule", "orders")
    assert '"203.0.113.0"' in rule and '"203.0.113.15"' in rule
    assert 'name             = "office"' in rule


def test_users_are_sql_with_their_password_generated() -> None:
    tf = _db("postgresql", "16") + '''
resource "ovh_cloud_project_database_postgresql_user" "app" {
  service_name = "x"
  cluster_id   = ovh_cloud_project_database.orders.id
  name         = "app"
}
output "pw" {
  value     = ovh_cloud_project_database_postgresql_user.app.password
  sensitive = true
}
'''
    out, diags = _run(tf)
    assert 'resource "random_password" "app_user"' in out
    assert "value     = random_password.app_user.result" in out
    assert any(c == "IT338" and "CREATE ROLE app WITH LOGIN" in m for c, m in diags)


def test_engine_without_an_azure_service_is_reported_with_the_alternative() -> None:
    out, diags = _run(_db("opensearch", "2"))
    assert "azurerm_" not in out.replace("azurerm_resource_group", "")
    assert any(c == "IT338" and "no managed opensearch" in m for c, m in diags)


def test_valkey_becomes_a_redis_cache_sized_by_the_flavor_class() -> None:
    out, diags = _run(_db("valkey", "8.0", "business", "db2-7", 2))
    cache = _block(out, "azurerm_redis_cache", "orders")
    assert re.search(r'family\s+= "C"', cache) and re.search(r"capacity\s+= 4", cache)
    assert re.search(r'sku_name\s+= "Standard"', cache)
    assert "non_ssl_port_enabled          = false" in cache
    assert any(c == "IT301" and "Redis 6" in m for c, m in diags)


def test_a_premium_class_raises_the_plan_to_premium() -> None:
    out, diags = _run(_db("valkey", "8.0", "essential", "db2-60"))
    cache = _block(out, "azurerm_redis_cache", "orders")
    assert re.search(r'sku_name\s+= "Premium"', cache) and re.search(r'family\s+= "P"', cache)
    assert any(c == "IT301" and "Premium, not the Basic" in m for c, m in diags)


def test_kafka_becomes_an_event_hubs_namespace_and_topics_event_hubs() -> None:
    tf = _db("kafka", "3.8", "business", "db1-7", 3) + '''
resource "ovh_cloud_project_database_kafka_topic" "t" {
  service_name    = "x"
  cluster_id      = ovh_cloud_project_database.orders.id
  name            = "t"
  partitions      = 64
  retention_hours = 720
}
output "host" {
  value = ovh_cloud_project_database.orders.endpoints[0].domain
}
'''
    out, diags = _run(tf)
    ns = _block(out, "azurerm_eventhub_namespace", "orders")
    assert re.search(r'sku = "Standard"', ns)
    hub = _block(out, "azurerm_eventhub", "t")
    assert re.search(r"partition_count\s+= 32", hub)  # Standard's maximum
    assert re.search(r"message_retention\s+= 7", hub)
    assert ".servicebus.windows.net" in out.split('output "host"')[1]
    assert any(c == "IT301" and "32" in m for c, m in diags)


def test_mongodb_becomes_a_vcore_cluster_with_its_srv_uri() -> None:
    tf = _db("mongodb", "7.0", "production", "db2-15", 3) + '''
output "uri" {
  value = ovh_cloud_project_database.orders.endpoints[0].uri
}
'''
    out, diags = _run(tf)
    mc = _block(out, "azurerm_mongo_cluster", "orders")
    assert re.search(r'compute_tier\s+= "M40"', mc)
    assert re.search(r'high_availability_mode = "ZoneRedundantPreferred"', mc)
    assert "mongodb+srv://${azurerm_mongo_cluster.orders.name}.global." in out
    assert any(c == "IT301" and "wire protocol" in m for c, m in diags)


def test_ha_server_ignores_the_zones_a_failover_swaps() -> None:
    out, _ = _run(_db("postgresql", "16", "business", "db1-15", 2))
    srv = _block(out, "azurerm_postgresql_flexible_server", "orders")
    assert "ignore_changes = [zone, high_availability[0].standby_availability_zone]" in srv


def test_removed_ip_restriction_of_a_cache_is_reported_not_a_wrong_type() -> None:
    tf = _db("valkey", "8.0") + '''
resource "ovh_cloud_project_database_ip_restriction" "office" {
  service_name = "x"
  engine       = "valkey"
  cluster_id   = ovh_cloud_project_database.orders.id
  ip           = "198.51.100.0/24"
}
'''
    out, diags = _run(tf)
    assert "azurerm_redis_cache_firewall_rule" not in out
    assert any(c == "IT338" and "ip_restriction.office" in m for c, m in diags)
