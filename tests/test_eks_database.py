"""EKS lowering of managed databases: windows, multi-AZ intent, zones, users, repeated clusters."""

from __future__ import annotations

import re

from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.passes.database import DatabaseSpec, Engine, Nodes, Plan
from iac_translate.compiler.passes.database_settings import AllowList, Config, TimeOfDay
from iac_translate.compiler.passes.machine import MachineSpec
from iac_translate.compiler.passes.reader import Value
from iac_translate.targets.eks import database_net as net


def _run(tf: str, **options: object) -> tuple[str, list[tuple[str, str]]]:
    result = translate({"main.tf": tf}, "eks", TranslateOptions(**options))  # type: ignore[arg-type]
    return "\n".join(result.files.values()), [(d.code, d.message) for d in result.diagnostics]


def _spec(backup: str | None, maint: str | None) -> DatabaseSpec:
    return DatabaseSpec(Engine(None), Value(None), Plan(None), Nodes(), MachineSpec(None), None,
                        None, AllowList(), TimeOfDay(None, backup), TimeOfDay(None, maint), (),
                        None, None, None, Config(), Value(None))


def test_windows_are_aws_shaped_and_never_overlap() -> None:
    assert net.windows(_spec("03:30", "04:30"), 30, 30) == (
        "03:30-04:00", "sun:04:30-sun:05:00", False)
    # 04:10 falls inside the backup window: maintenance starts when the backup ends
    assert net.windows(_spec("04:00", "04:10"), 30, 30) == (
        "04:00-04:30", "sun:04:30-sun:05:00", True)
    # a window crossing midnight wraps the day (and Sunday to Monday)
    assert net.window(TimeOfDay(None, "23:45"), 60, "sun") == "sun:23:45-mon:00:45"
    assert net.window(TimeOfDay(None, "23:45"), 60) == "23:45-00:45"
    assert net.window(TimeOfDay(None, None), 30) is None


PG = '''
variable "plan" {
  default = "essential"
}
resource "ovh_cloud_project_database" "pg" {
  engine  = "postgresql"
  version = "17"
  plan    = var.plan
  flavor  = "db1-7"
  disk_size = 10
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_database" "a" {
  engine     = "postgresql"
  cluster_id = ovh_cloud_project_database.pg.id
  name       = "alpha"
}
resource "ovh_cloud_project_database_database" "b" {
  engine     = "postgresql"
  cluster_id = ovh_cloud_project_database.pg.id
  name       = "beta"
}
'''


def test_rds_plan_through_a_variable_first_database_and_minimum_disk() -> None:
    out, diags = _run(PG)
    # a plan in a variable is decided at plan time, whatever its default says
    assert 'multi_az               = contains(["advanced", "business", "enterprise", ' \
        '"production"], var.plan)' in out
    assert 'db_name           = "alpha"' in out and '"beta"' not in out
    assert ("IT338", "ovh_cloud_project_database_database.b is not translated: RDS creates "
            "one database only (db_name, given to another database of this instance or none)"
            ) in diags
    assert "allocated_storage = 20" in out  # gp3 needs 20 GiB
    assert any(c == "IT301" and "raised" in m for c, m in diags)
    assert "manage_master_user_password = true" in out
    assert "  password " not in out  # never a password literal


def test_no_deletion_protection_option_reaches_rds() -> None:
    out, _ = _run(PG, deletion_protection=False)
    assert "deletion_protection         = false" in out
    assert "skip_final_snapshot         = false" in out  # a final snapshot still


KAFKA = '''
resource "ovh_cloud_project_database" "k" {
  engine  = "kafka"
  version = "3.7"
  plan    = "business"
  flavor  = "db1-4"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}
'''


NODE = '''  nodes {
    region = "GRA"
  }
'''


def test_msk_brokers_are_a_multiple_of_the_zones_and_need_iam() -> None:
    out, diags = _run(KAFKA)
    assert "number_of_broker_nodes = 4" in out  # 4 nodes over 2 zones
    assert "client_subnets  = slice(data.aws_subnets.default.ids, 0, 2)" in out
    assert "iam = true" in out and "unauthenticated = false" in out
    assert "from_port         = 9098" not in out  # no allow-list: no rule at all
    assert not any(c == "IT301" and "brokers over" in m for c, m in diags)
    out3, diags3 = _run(KAFKA.replace('''  nodes {
    region = "GRA"
  }
}''', "}"))
    assert "number_of_broker_nodes = 3" in out3
    assert "slice(data.aws_subnets.default.ids, 0, 3)" in out3
    assert not any(c == "IT301" and "brokers over" in m for c, m in diags3)
    out1, diags1 = _run(KAFKA.replace(NODE * 3 + "}", "}"))
    assert "number_of_broker_nodes = 2" in out1
    assert any(c == "IT301" and "1 Kafka node(s) become 2 MSK brokers" in m for c, m in diags1)


CACHE = '''
variable "keys" {
  type = list(string)
}
resource "ovh_cloud_project_database" "c" {
  engine  = "valkey"
  version = "8.0"
  plan    = "business"
  flavor  = "db1-4"
  nodes {
    region = "GRA"
  }
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_valkey_user" "ro" {
  cluster_id = ovh_cloud_project_database.c.id
  name       = "ro"
  categories = ["+@read"]
}
resource "ovh_cloud_project_database_valkey_user" "computed" {
  cluster_id = ovh_cloud_project_database.c.id
  name       = "computed"
  keys       = var.keys
}
output "ro_password" {
  value     = ovh_cloud_project_database_valkey_user.ro.password
  sensitive = true
}
'''


def test_valkey_users_become_an_elasticache_user_group() -> None:
    out, diags = _run(CACHE)
    assert 'access_string = "on ~* &* +@read"' in out  # OVH defaults: all keys, channels
    assert f"access_string = var.{asked_for(out, 'Valkey ACL string')}" in out
    assert any(c == "IT309" and "`keys`" in m for c, m in diags)
    assert "aws_elasticache_user.c_default.user_id" in out
    assert "user_group_ids             = [aws_elasticache_user_group.c.user_group_id]" in out
    assert "automatic_failover_enabled = true" in out and "num_cache_clusters         = 2" in out
    assert "value     = random_password.ro.result" in out


def test_engines_without_a_managed_service_are_an_error_with_a_placeholder() -> None:
    out, diags = _run('''
resource "ovh_cloud_project_database" "g" {
  engine  = "grafana"
  version = "10"
  plan    = "essential"
  flavor  = "db1-4"
  nodes {
    region = "GRA"
  }
}
''')
    assert "TODO(IT305): ovh_cloud_project_database.g (engine grafana) is not translated" in out
    assert [c for c, _ in diags if c.startswith("IT3")] == ["IT305"]


def test_endpoint_references_read_the_aws_attributes() -> None:
    out, _ = _run(KAFKA + '''
output "host" {
  value = ovh_cloud_project_database.k.endpoints[0].domain
}
output "port" {
  value = ovh_cloud_project_database.k.endpoints[0].port
}
output "uri" {
  value = ovh_cloud_project_database.k.endpoints[0].uri
}
''')
    assert 'split(":", split(",", aws_msk_cluster.k.bootstrap_brokers_sasl_iam)[0])[0]' in out
    assert "value = 9098" in out
    assert 'value = "kafka://${aws_msk_cluster.k.bootstrap_brokers_sasl_iam}"' in out


_PROTECTED = '''
resource "ovh_cloud_project_database" "pg" {
  engine  = "postgresql"
  version = "16"
  plan    = "essential"
  flavor  = "db1-4"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database" "cache" {
  engine  = "valkey"
  version = "8.0"
  plan    = "essential"
  flavor  = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''


def test_deletion_protection_follows_the_hardening_default_and_its_switch() -> None:
    text, diags = _run(_PROTECTED)
    pg = text[text.index('resource "aws_db_instance" "pg"'):]
    assert re.search(r"deletion_protection\s+= true", pg)
    assert ("IT337", "the database ovh_cloud_project_database.pg is protected against deletion "
            "(the target's hardening default)") in diags, diags
    cache = text[text.index('resource "aws_elasticache_replication_group" "cache"'):]
    assert re.search(r'final_snapshot_identifier\s+= "cache-final"', cache)
    text, diags = _run(_PROTECTED, deletion_protection=False)
    pg = text[text.index('resource "aws_db_instance" "pg"'):]
    assert re.search(r"deletion_protection\s+= false", pg)
    assert re.search(r'final_snapshot_identifier\s+= "pg-final"', pg)  # always, before a delete
    cache = text[text.index('resource "aws_elasticache_replication_group" "cache"'):]
    assert "final_snapshot_identifier" not in cache[:cache.index("\n}\n")]
    assert not any(c == "IT337" for c, _ in diags), diags
