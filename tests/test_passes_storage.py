"""The neutral reading of OVH buckets, lifecycles, S3 users/policies and registries."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import fields
from iac_translate.compiler.passes import lifecycle as L
from iac_translate.compiler.passes import registry as R
from iac_translate.compiler.passes import s3_grants as G
from iac_translate.compiler.passes import storage as S
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "status" {
  default = "Suspended"
}
variable "rules" {
  type = list(any)
}
variable "roles" {
  type = list(string)
}
locals {
  bucket = "acme-data"
  role   = "compute_operator"
}
resource "ovh_cloud_project_storage" "b" {
  name        = local.bucket
  region_name = "GRA"
  versioning  = { status = var.status }
  encryption  = { sse_algorithm = "AES256" }
  object_lock = {
    status = "enabled"
    rule   = { mode = "compliance", period = "P1Y" }
  }
  tags   = { team = "data" }
  limit  = 10
}
resource "ovh_cloud_project_storage" "computed" {
  name        = "x-${local.bucket}"
  region_name = lower("gra")
  versioning  = { status = "enabled" }
  object_lock = { status = "enabled", rule = { mode = "governance", period = "P30D" } }
}
data "ovh_cloud_project_storage" "ext" {
  service_name = "p"
  name         = "existing"
  region_name  = "SBG"
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "lc" {
  container_name = ovh_cloud_project_storage.b.name
  region_name    = "GRA"
  rules = [
    {
      id     = "tmp"
      status = "enabled"
      filter = { prefix = "tmp/", object_size_greater_than = 1024 }
      expiration = { days = 14 }
      transitions = [{ days = 30, storage_class = "STANDARD_IA" }]
      noncurrent_version_expiration = { noncurrent_days = 7, newer_noncurrent_versions = 2 }
      abort_incomplete_multipart_upload = { days_after_initiation = 3 }
    },
    { id = "off", status = "disabled", expiration = { date = "2030-01-01T00:00:00Z" } },
    var.rules[0],
  ]
}
resource "ovh_cloud_project_storage_object_bucket_lifecycle_configuration" "dyn" {
  container_name = "acme-data"
  region_name    = "GRA"
  rules          = var.rules
}
resource "ovh_cloud_project_user" "u" {
  description = "uploader"
  role_name   = "objectstore_operator"
  role_names  = [local.role, "no_such_role"]
}
resource "ovh_cloud_project_user" "dynroles" {
  role_names = var.roles
}
resource "ovh_cloud_project_user_s3_credential" "c" {
  user_id = ovh_cloud_project_user.u.id
}
resource "ovh_cloud_project_user_s3_policy" "p" {
  user_id = ovh_cloud_project_user.u.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "rw"
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "s3:GetObjetc"]
        Resource = ["arn:aws:s3:::${ovh_cloud_project_storage.b.name}",
                    "arn:aws:s3:::${ovh_cloud_project_storage.b.name}/logs/*"]
        Condition = { IpAddress = { "aws:SourceIp" = "203.0.113.0/24" } }
      },
      {
        Effect   = "Deny"
        Action   = "s3:Delete*"
        Resource = "arn:aws:s3:::literal-bucket/*"
      },
    ]
  })
}
resource "ovh_cloud_project_user_s3_policy" "heredoc" {
  user_id = ovh_cloud_project_user.u.id
  policy  = <<EOF
{"Statement": [{"Effect": "Allow", "Action": ["s3:*"],
  "Resource": ["arn:aws:s3:::${local.bucket}/*"], "Principal": {"AWS": ["*"]}}]}
EOF
}
resource "ovh_cloud_project_user_s3_policy" "file" {
  user_id = ovh_cloud_project_user.u.id
  policy  = file("policy.json")
}
data "ovh_cloud_project_capabilities_containerregistry_filter" "small" {
  service_name = "p"
  plan_name    = "SMALL"
  region       = "GRA"
}
resource "ovh_cloud_project_containerregistry" "r" {
  name    = "apps"
  region  = data.ovh_cloud_project_capabilities_containerregistry_filter.small.region
  plan_id = data.ovh_cloud_project_capabilities_containerregistry_filter.small.id
}
resource "ovh_cloud_project_containerregistry" "plain" {
  name    = "plain"
  region  = "DE"
  plan_id = "9f5f5e57-0000-0000-0000-000000000000"
}
resource "ovh_cloud_project_containerregistry_user" "ci" {
  registry_id = ovh_cloud_project_containerregistry.r.id
  email       = "ci@example.org"
  login       = "ci"
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_registry" "ip" {
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = [{ ip_block = "203.0.113.0/24", description = "office" }]
}
resource "ovh_cloud_project_containerregistry_ip_restrictions_management" "mgmt" {
  registry_id     = ovh_cloud_project_containerregistry.r.id
  ip_restrictions = var.rules
}
'''


def _ctx() -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    model = source_model({"main.tf": SRC}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {f"{n.mode}.{n.name}": n for n in ctx.nodes.values()}


def test_bucket_literal_local_variable_and_lock() -> None:
    ctx, n = _ctx()
    b = S.read_bucket(ctx, n["managed.b"])
    assert b.name.text == "acme-data" and b.location.geo is not None
    assert b.location.geo.metro == "GRA" and not b.data
    # A versioning status from a variable: the meaning is unknown, the source is kept.
    assert b.versioning is not None and b.versioning.value is None
    assert E.traversal(b.versioning.source) is not None
    assert b.encryption is not None and b.encryption.provider_managed
    lock = b.object_lock
    assert lock is not None and lock.enabled and lock.mode is S.LockMode.COMPLIANCE
    assert (lock.period, lock.days, lock.years) == ("P1Y", 365, 1)
    assert b.tags is not None and [k for k, _ in b.listing] == ["limit"]


def test_bucket_computed_name_and_region() -> None:
    ctx, n = _ctx()
    b = S.read_bucket(ctx, n["managed.computed"])
    assert not b.name.known and b.name.source is not None
    assert b.location.geo is None and b.location.source is not None
    assert b.versioning is not None and b.versioning.value is S.Versioning.ENABLED
    assert b.object_lock is not None and b.object_lock.mode is S.LockMode.GOVERNANCE
    assert (b.object_lock.days, b.object_lock.years) == (30, None)
    ext = S.read_bucket(ctx, n["data.ext"])
    assert ext.data and ext.name.text == "existing" and ext.location.geo is not None


def test_iso_periods() -> None:
    assert S.iso_days("P2Y") == (730, 2) and S.iso_days("P1M15D") == (45, None)
    assert S.iso_days("30 days") is None and S.iso_days("P") is None


def test_lifecycle_rules() -> None:
    ctx, n = _ctx()
    lc = L.read_lifecycle(ctx, n["managed.lc"])
    assert lc.rules is not None and len(lc.rules) == 2 and len(lc.computed_rules) == 1
    tmp, off = lc.rules
    assert tmp.enabled is True and E.str_value(tmp.filter.prefix) == "tmp/"
    assert tmp.filter.narrows == ("object_size_greater_than",)
    assert tmp.expiration is not None and tmp.expiration.days is not None
    assert [t.storage_class for t in tmp.transitions] == ["STANDARD_IA"]
    assert tmp.noncurrent_expiration is not None
    assert tmp.noncurrent_expiration.newer_versions is not None
    assert tmp.abort_multipart_days is not None
    assert off.enabled is False and off.expiration is not None and off.expiration.date
    dyn = L.read_lifecycle(ctx, n["managed.dyn"])
    assert dyn.rules is None and dyn.rules_source is not None


def test_user_roles_literal_local_unknown_computed() -> None:
    ctx, n = _ctx()
    u = S.read_user(ctx, n["managed.u"])
    assert [(g.ovh, g.role) for g in u.roles] == [
        ("objectstore_operator", S.Role.OBJECT_STORAGE), ("compute_operator", S.Role.COMPUTE),
        ("no_such_role", None)]
    c = S.read_user(ctx, n["managed.dynroles"])
    assert c.roles == () and c.roles_computed is not None
    cred = S.read_credential(ctx, n["managed.c"])
    assert ctx.resolve(cred.user, "") is n["managed.u"]


def test_policy_jsonencode_grants() -> None:
    ctx, n = _ctx()
    p = S.read_policy(ctx, n["managed.p"])
    assert p.policy.readable and p.policy.version == "2012-10-17" and not p.policy.problems
    rw, deny = p.policy.grants
    assert rw.effect == "allow" and rw.sid == "rw"
    assert rw.verbs == {G.Verb.READ, G.Verb.LIST, G.Verb.WRITE}
    assert rw.unknown_actions == ("s3:GetObjetc",) and rw.conditions is not None
    bucket, objects = rw.buckets
    assert not bucket.objects and objects.key == "logs/*"
    assert ctx.resolve(bucket.name, "") is n["managed.b"] and bucket.text is None
    assert deny.effect == "deny" and deny.verbs == {G.Verb.DELETE}
    assert deny.buckets[0].text == "literal-bucket" and deny.buckets[0].key == "*"
    assert not deny.unknown_actions  # a wildcard that matches S3 actions


def test_policy_heredoc_and_computed() -> None:
    ctx, n = _ctx()
    h = S.read_policy(ctx, n["managed.heredoc"]).policy
    assert h.readable and h.document is not None
    (g,) = h.grants
    assert g.verbs == frozenset(G.Verb) and g.principal is not None
    assert E.traversal(g.buckets[0].name) == ("local", [("attr", "bucket")])
    f = S.read_policy(ctx, n["managed.file"]).policy
    assert not f.readable and f.problems and "computed" in f.problems[0].message


@pytest.mark.parametrize("action, verbs", [
    ("s3:GetObject", {G.Verb.READ}), ("s3:ListBucket", {G.Verb.READ, G.Verb.LIST}),
    ("s3:PutObject", {G.Verb.WRITE}), ("s3:PutBucketPolicy", {G.Verb.ADMIN}),
    ("s3:DeleteObjectVersion", {G.Verb.DELETE}), ("*", set(G.Verb))])
def test_verbs(action: str, verbs: set[G.Verb]) -> None:
    assert G.verbs_of(action) == verbs


def test_policy_errors() -> None:
    assert not G.read_policy(None).readable
    bad = G.read_policy(E.Literal('{"Statement": [{"Effect": "Maybe"}]}'))
    assert not bad.readable and "Effect" in bad.problems[0].message
    other = G.read_policy(E.Literal('{"Statement": [{"Effect": "Allow", "Action": "s3:*", '
                                    '"Resource": "arn:aws:iam::1:user/x"}]}'))
    assert other.grants[0].buckets == () and "ARN" in other.problems[0].message
    assert not G.read_policy(E.Literal("not json")).readable


def test_registry_plan_and_region_through_the_filter() -> None:
    ctx, n = _ctx()
    r = R.read_registry(ctx, n["managed.r"])
    assert r.name.text == "apps" and r.plan is R.PlanSize.SMALL
    assert r.location.geo is not None and r.location.geo.metro == "GRA"
    assert E.traversal(r.location.source) is not None  # the reference, as written
    plain = R.read_registry(ctx, n["managed.plain"])
    assert plain.plan is None and plain.plan_source is not None and plain.location.geo
    u = R.read_registry_user(ctx, n["managed.ci"])
    assert u.login.text == "ci" and ctx.resolve(u.registry, "") is n["managed.r"]
    ip = R.read_ip_restriction(ctx, n["managed.ip"])
    assert ip.scope == "registry" and ip.rules is not None
    assert E.str_value(ip.rules[0].cidr) == "203.0.113.0/24"
    mgmt = R.read_ip_restriction(ctx, n["managed.mgmt"])
    assert mgmt.scope == "management" and mgmt.rules is None


KINDS = (N.Registry, N.RegistryUser, N.RegistryIpRestriction, N.RegistryOidc, N.RegistryIam,
         N.Bucket, N.BucketLifecycle, N.ObjectStorageUser, N.ObjectStorageCredential,
         N.ObjectStoragePolicy)


def test_fields_cover_every_schema_argument() -> None:
    table = {s: fields.section(s, "storage") for s in ("resources", "data_sources")}
    schema = ovh_types.schema()
    types = [t for kind in KINDS for t in ovh_types._CONCEPTS[kind]]
    data = [t for t, kind in ovh_types._DATA_CONCEPTS.items() if kind in KINDS]
    missing = []
    for section, names in (("resources", types), ("data_sources", data)):
        for t in names:
            entry = schema[section][t]
            args = set(entry["args"]) | set(entry["blocks"])
            mine = table[section].get(t, {})
            missing += [f"{section}.{t}.{a}" for a in sorted(args - set(mine))]
            assert set(mine) <= args, f"{t}: fields for arguments the schema lacks"
    assert not missing, missing


S3_SRC = '''
provider "aws" {
  alias  = "ovh"
  region = "gra"
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "b" {
  provider            = aws.ovh
  bucket              = "assets"
  object_lock_enabled = true
  force_destroy       = true
}
resource "aws_s3_bucket_versioning" "b" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.b.id
  versioning_configuration {
    status = "Suspended"
  }
}
resource "aws_s3_bucket_lifecycle_configuration" "b" {
  provider = aws.ovh
  bucket   = aws_s3_bucket.b.id
  rule {
    id     = "r"
    status = "Enabled"
    filter {
      tag {
        key   = "kind"
        value = "tmp"
      }
    }
    transition {
      days          = 30
      storage_class = "GLACIER"
    }
    transition {
      days          = 90
      storage_class = "DEEP_ARCHIVE"
    }
    abort_incomplete_multipart_upload {
      days_after_initiation = 2
    }
  }
}
'''


def test_s3_resources_on_ovh_read_as_the_same_specs() -> None:
    sink = Sink()
    model = source_model({"main.tf": S3_SRC}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    n = {f"{x.type}": x for x in ctx.nodes.values()}
    assert n["aws_s3_bucket"].KIND == "S3Bucket"
    b = S.read_s3_bucket(ctx, n["aws_s3_bucket"], E.Literal("gra"))
    assert b.name.text == "assets" and b.location.geo is not None
    assert b.object_lock is not None and b.object_lock.enabled is True
    assert b.force_destroy is not None
    v = S.read_s3_versioning(n["aws_s3_bucket_versioning"])
    assert v is not None and v.value is S.Versioning.SUSPENDED
    rules = n["aws_s3_bucket_lifecycle_configuration"].get("rule")
    assert isinstance(rules, E.BlockSeq) and isinstance(rules.items[0], E.Object)
    rule = L.read_s3_rule(rules.items[0])
    assert rule.enabled is True and [t.storage_class for t in rule.transitions] == [
        "GLACIER", "DEEP_ARCHIVE"]
    assert isinstance(rule.filter.tags, E.Object) and rule.filter.narrows == ("tags",)
    assert rule.abort_multipart_days is not None and rule.abort_source is not None


@pytest.mark.parametrize("principal, public", [
    (E.Literal("*"), True), (E.Object(((E.Var("AWS"), E.Literal("*")),)), True),
    (E.Object(((E.Var("AWS"), E.Tuple((E.Literal("*"),))),)), True),
    (E.Object(((E.Var("AWS"), E.Literal("arn:aws:iam::1:user/x")),)), False), (None, False)])
def test_public_principals(principal: E.Expr | None, public: bool) -> None:
    assert G.is_public(principal) is public
