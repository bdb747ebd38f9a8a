"""The neutral database model: clusters (engine, tier, nodes, size, access) and their parts."""

from __future__ import annotations

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import database as D
from iac_translate.compiler.passes import database_parts as P
from iac_translate.compiler.passes import fields
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "flavor" {
  default = "db1-15"
}
variable "plan" {
  type = string
}
variable "allowed" {
  type = list(string)
}
variable "net" {
  type = string
}
locals {
  version = "16"
}
resource "ovh_cloud_project_network_private" "net" {
  name = "n"
}
resource "ovh_cloud_project_database" "pg" {
  engine              = "postgresql"
  version             = local.version
  plan                = "business"
  flavor              = var.flavor
  disk_size           = 160
  backup_time         = "03:30:00"
  maintenance_time    = "4:30"
  backup_regions      = ["GRA", "SBG"]
  deletion_protection = true
  nodes {
    region = "GRA"
  }
  nodes {
    region     = "GRA"
    network_id = ovh_cloud_project_network_private.net.id
  }
  ip_restrictions {
    ip          = "10.0.0.0/16"
    description = "nodes"
  }
  dynamic "ip_restrictions" {
    for_each = var.allowed
    content {
      ip = ip_restrictions.value
    }
  }
  advanced_configuration = {
    "pg.max_connections" = "200"
    "plain"              = "x"
  }
}
resource "ovh_cloud_project_database" "cache" {
  engine  = "redis"
  version = "7.2"
  plan    = var.plan
  flavor  = "zz-1"
  dynamic "nodes" {
    for_each = ["GRA", "SBG"]
    content {
      region     = nodes.value
      network_id = var.net
    }
  }
  advanced_configuration = var.plan
}
resource "ovh_cloud_project_database" "guess" {
  engine  = var.plan
  version = "8"
  plan    = "Enterprise"
  flavor  = "db1-7"
  nodes {
    region = "GRA"
  }
}
resource "ovh_cloud_project_database_mysql_user" "u" {
  cluster_id = ovh_cloud_project_database.guess.id
  name       = "app"
}
resource "ovh_cloud_project_database_postgresql_user" "pgu" {
  cluster_id = ovh_cloud_project_database.pg.id
  name       = "orders_app"
  roles      = ["replication", var.plan]
}
resource "ovh_cloud_project_database_valkey_user" "vu" {
  cluster_id = ovh_cloud_project_database.cache.id
  name       = "reader"
  categories = ["+@read"]
  keys       = ["cache:*"]
}
resource "ovh_cloud_project_database_database" "db" {
  engine     = "postgresql"
  cluster_id = ovh_cloud_project_database.pg.id
  name       = "orders"
}
resource "ovh_cloud_project_database_kafka_topic" "t" {
  cluster_id      = ovh_cloud_project_database.pg.id
  name            = "events"
  partitions      = 3
  replication     = 2
  retention_hours = 48
}
resource "ovh_cloud_project_database_kafka_acl" "a" {
  cluster_id = ovh_cloud_project_database.pg.id
  username   = "app"
  topic      = "events*"
  permission = "readwrite"
}
resource "ovh_cloud_project_database_kafka_schemaregistryacl" "s" {
  cluster_id = ovh_cloud_project_database.pg.id
  username   = "app"
  resource   = "Subject:events"
  permission = "schema_registry_read"
}
resource "ovh_cloud_project_database_ip_restriction" "r" {
  for_each   = toset(var.allowed)
  engine     = "postgresql"
  cluster_id = ovh_cloud_project_database.pg.id
  ip         = each.value
}
resource "ovh_cloud_project_database_integration" "i" {
  engine                 = "postgresql"
  cluster_id             = ovh_cloud_project_database.pg.id
  source_service_id      = "a"
  destination_service_id = "b"
}
'''


def _ctx() -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    model = source_model({"main.tf": SRC}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {n.name: n for n in ctx.nodes.values()}


def _db(name: str) -> D.DatabaseSpec:
    ctx, n = _ctx()
    return D.read_database(ctx, n[name], list(n.values()))


def test_literal_cluster_through_local_and_variable_default() -> None:
    s = _db("pg")
    assert (s.engine.name, s.engine.written, s.engine.inferred_by) == ("postgresql",
                                                                      "postgresql", None)
    assert s.version.text == "16" and E.str_value(s.version.source) is None  # local.version
    assert s.plan.tier is D.Tier.BUSINESS and s.plan.ha and s.plan.nominal_nodes == 2
    assert (s.machine.flavor, s.machine.vcpu, s.machine.ram_gb) == ("db1-15", 4, 15.0)
    assert s.disk_gb == 160.0 and s.deletion_protection is True
    assert s.backup_time.hhmm == "03:30" and s.backup_time.hour == 3
    assert s.maintenance_time.hhmm is None and s.maintenance_time.source is not None
    assert [loc.geo.metro for loc in s.backup_regions if loc.geo] == ["GRA", "SBG"]


def test_nodes_network_and_access() -> None:
    s = _db("pg")
    assert s.nodes.count == 2 and s.nodes.dynamic is None
    assert s.nodes.first is not None and s.nodes.first.location.geo is not None
    assert not s.nodes.items[0].private and s.nodes.items[1].private
    assert s.ha and s.public  # the first node decides, as OVH places the endpoint
    assert [e.cidr for e in s.allow.entries] == ["10.0.0.0/16"]
    assert len(s.allow.dynamic) == 1 and s.allow.dynamic[0].iterator == "ip_restrictions"
    assert [(c.prefix, c.name) for c in s.config.entries] == [("pg", "max_connections"),
                                                              ("", "plain")]
    assert not s.config.computed


def test_computed_plan_dynamic_nodes_and_redis_alias() -> None:
    s = _db("cache")
    assert (s.engine.name, s.engine.written) == ("valkey", "redis")
    assert s.plan.tier is None and s.plan.text is None and s.plan.source is not None
    assert s.nodes.dynamic is not None and s.nodes.count == 1
    first = s.nodes.first
    assert first is not None and first.location.text is None and first.location.source
    assert first.network is not None and not first.private  # a caller's variable
    assert not s.machine.known and s.machine.flavor == "zz-1"
    assert s.config.computed and s.disk_gb is None and s.deletion_protection is None
    assert s.allow.empty


def test_engine_given_away_by_a_typed_user_and_plan_case() -> None:
    s = _db("guess")
    assert s.engine.name == "mysql" and s.engine.inferred_by is not None
    assert s.engine.inferred_by.name == "u"
    assert s.plan.tier is D.Tier.ENTERPRISE and s.nodes.count == 1 and s.ha
    ctx, n = _ctx()
    assert D.read_engine(ctx, n["guess"], ()).name is None  # nobody says


def test_parts() -> None:
    ctx, n = _ctx()
    u = P.read_user(ctx, n["pgu"])
    assert u.part.engine == "postgresql" and u.roles == ("replication",)
    assert isinstance(u.roles_source, E.Tuple) and len(u.roles_source.items) == 2
    assert ctx.resolve(u.part.cluster, "") is n["pg"]
    v = P.read_user(ctx, n["vu"])
    assert v.part.engine == "valkey" and not v.valkey.empty and v.valkey.commands is None
    db = P.read_db(ctx, n["db"])
    assert db.name.text == "orders" and db.part.engine == "postgresql"
    t = P.read_topic(ctx, n["t"])
    assert t.retention_ms == 48 * 3600000 and t.part.engine == "kafka"
    a = P.read_acl(ctx, n["a"])
    assert a.permission is P.Permission.READWRITE and not a.schema_registry
    s = P.read_acl(ctx, n["s"])
    assert s.permission is P.Permission.READ and s.schema_registry
    assert E.str_value(s.pattern) == "Subject:events"
    r = P.read_ip_restriction(ctx, n["r"])
    assert r.repeat is not None and r.ip is not None and r.part.engine == "postgresql"
    x = P.read_extra(ctx, n["i"])
    assert x.type == "ovh_cloud_project_database_integration"


# -- every OVH argument of the family has one neutral destination or an OVH-only reason ------

_KINDS = {"Database": D.DatabaseSpec, "DatabaseDb": P.DatabaseDbSpec,
          "DatabaseUser": P.UserSpec, "DatabaseTopic": P.TopicSpec, "DatabaseAcl": P.AclSpec,
          "DatabaseIpRestriction": P.IpRestrictionSpec, "DatabaseExtra": P.ExtraSpec}
# Spec names are checked for every family in tests/test_passes_fields.py.
_FIELDS = {"resources": fields.resources_table("database"),
           "data_sources": fields.data_sources("database")}


def _schema_args(t: str, mode: str) -> set[str]:
    sch = ovh_types.type_schema(t, mode) or {}
    out = set(sch.get("args", {}))
    for b, bs in sch.get("blocks", {}).items():
        out.add(b)
        if b != "timeouts":
            out |= {f"{b}.{a}" for a in bs.get("args", {})}
    return out


def test_fields_cover_every_schema_argument() -> None:
    types = [(t, "managed") for t, c in ovh_types.RESOURCE_CONCEPT.items()
             if c.KIND in _KINDS] + [("ovh_cloud_project_database", "data")]
    for t, mode in types:
        key = ("data." if mode == "data" else "") + t
        table = _FIELDS["data_sources" if mode == "data" else "resources"]
        assert t in table, f"{key} missing from fields_database.json"
        have = set(table[t])
        missing = _schema_args(t, mode) - have
        assert not missing, f"{key}: {sorted(missing)} missing from fields_database.json"
        stale = have - _schema_args(t, mode)
        assert not stale, f"{key}: {sorted(stale)} are not arguments of the OVH schema"
