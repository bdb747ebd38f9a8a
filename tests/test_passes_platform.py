"""The platform readers: OVH provider block, OVH S3 state backend, kube provider auth."""

from __future__ import annotations

import re
from pathlib import Path

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import platform as P
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
terraform {
  backend "s3" {
    bucket = "state"
    key    = "prod/terraform.tfstate"
    region = "gra"
    endpoints = { s3 = "https://s3.gra.io.cloud.ovh.net" }
    skip_credentials_validation = true
    use_path_style = true
    encrypt = true
    mystery = 1
  }
}
provider "ovh" {
  alias              = "us"
  endpoint           = "ovh-us"
  application_key    = var.ak
  nonsense           = 2
}
provider "ovh" {
  endpoint = var.endpoint
}
resource "ovh_cloud_project_kube" "k" {
  name = "k"
}
locals {
  kc = ovh_cloud_project_kube.k.kubeconfig_attributes[0]
}
provider "kubernetes" {
  host               = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
  client_certificate = base64decode(local.kc.client_certificate)
  client_key         = base64decode(ovh_cloud_project_kube.k.kubeconfig_attributes[0].client_key)
}
provider "helm" {
  kubernetes {
    client_key = base64decode(local.kc.client_key)
  }
}
provider "kubernetes" {
  alias       = "other"
  config_path = "~/.kube/config"
  client_key  = file("key.pem")
}
provider "aws" {
  region = "eu-west-1"
}
'''


def _ctx() -> tuple[Ctx, N.Model]:
    sink = Sink()
    model = source_model({"main.tf": SRC}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, model


def _nodes(model: N.Model, cls: type) -> list:
    return [n for m in model.modules for n in m.nodes if isinstance(n, cls)]


def test_ovh_provider_realm_alias_dropped_and_unknown() -> None:
    _, model = _ctx()
    first, second = (P.read_provider(p) for p in _nodes(model, N.Provider) if p.name == "ovh")
    assert first.realm is P.Realm.US and E.str_value(first.alias) == "us"
    assert [d.name for d in first.dropped] == ["application_key"]
    assert "credential" in first.dropped[0].reason
    assert [k for k, _ in first.unknown] == ["nonsense"]
    # a variable endpoint: the realm is not known at translation time
    assert second.realm is P.Realm.CUSTOM and second.alias is None
    assert P.realm_note(first) == "OVHcloud US"


def test_backend_on_ovh() -> None:
    ctx, model = _ctx()
    settings = _nodes(model, N.TerraformSettings)[0]
    seq = settings.arg("backend")
    assert isinstance(seq, E.BlockSeq) and isinstance(seq.items[0], E.Object)
    b = P.read_backend(ctx, seq.items[0])
    assert b is not None
    assert E.str_value(b.bucket) == "state" and b.key == "prod/terraform.tfstate"
    assert b.key_prefix == "prod/terraform"
    assert b.location.geo is not None and b.location.geo.metro == "GRA"
    assert [k for k, _ in b.kept] == ["encrypt"]
    assert {d.name for d in b.dropped} == {"endpoints", "skip_credentials_validation",
                                           "use_path_style"}
    assert [k for k, _ in b.unknown] == ["mystery"]


def test_backend_elsewhere_is_not_read() -> None:
    ctx, _ = _ctx()
    other = E.Object(((E.Var("bucket"), E.Literal("b")),
                      (E.Var("endpoint"), E.Literal("https://minio.example.com"))),
                     labels=("s3",))
    assert P.read_backend(ctx, other) is None
    gcs = E.Object(((E.Var("bucket"), E.Literal("s3.gra.io.cloud.ovh.net")),), labels=("gcs",))
    assert not P.is_ovh_backend(gcs)


def test_kube_auth_direct_through_local_and_nested() -> None:
    ctx, model = _ctx()
    kube, helm, other = (P.read_kube_auth(ctx, model, p) for p in _nodes(model, N.Provider)
                         if p.name in P.KUBE_PROVIDERS)
    assert kube is not None and kube.top == ("client_certificate", "client_key")
    assert kube.cluster is not None and kube.cluster.name == "k"
    assert helm is not None and helm.top == () and helm.nested == ("client_key",)
    assert helm.reads_cluster
    # a key read from a file is not the OVH cluster's: left as written
    assert other is not None and not other.reads_cluster and other.cluster is None
    aws = next(p for p in _nodes(model, N.Provider) if p.name == "aws")
    assert P.read_kube_auth(ctx, model, aws) is None


def _reference_provider_args() -> set[str]:
    """The ovh provider's arguments as the README of its inputs lists them (§1.1 table)."""
    doc = Path("/work/shared/reference/ovh-inputs.md")
    if not doc.exists():
        return set()
    section = doc.read_text().split("### 1.1", 1)[1].split("###", 1)[0]
    return {a for line in section.splitlines() if line.startswith("| `")
            for a in re.findall(r"`([a-z_]+)`", line.split("|")[1])}


# The ovh provider's configuration schema (terraform-provider-ovh ovh/provider.go, v2.19):
# the code table must name each one, so a new argument is never dropped without a reason.
OVH_PROVIDER_ARGS = {"endpoint", "application_key", "application_secret", "consumer_key",
                     "client_id", "client_secret", "access_token", "user_agent_extra",
                     "http_headers", "api_rate_limit", "ignore_init_error", "alias"}


def test_fields_cover_every_provider_argument() -> None:
    table = P.fields()
    assert OVH_PROVIDER_ARGS | _reference_provider_args() <= set(table["provider.ovh"])
    for section in table.values():
        for name, entry in section.items():
            assert set(entry) in ({"to"}, {"ovh_only"}), name
            assert all(isinstance(v, str) and v for v in entry.values()), name


def test_fields_cover_the_golden_backends() -> None:
    """Every argument of an OVH S3 backend in the golden inputs has an entry."""
    table = P.fields()["backend.s3"]
    seen: set[str] = set()
    for tf in Path(__file__).parent.parent.joinpath("golden").glob("*/input/**/*.tf"):
        text = tf.read_text()
        for block in re.findall(r'backend "s3" \{(.*?)\n  \}', text, re.S):
            if "ovh" in block:
                seen |= set(re.findall(r"^\s{4}([a-z_]+)\s*=", block, re.M))
    assert seen and seen <= set(table)
