"""The neutral readers every family builds on: Value, Location (Geo) and MachineSpec."""

from __future__ import annotations

from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import geo, machine, reader
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "region" {
  default = "GRA11"
}
variable "flavor" {
  type = string
}
locals {
  gpu = "l4-90"
}
resource "ovh_cloud_project_kube_nodepool" "lit" {
  flavor_name = "b3-8"
}
resource "ovh_cloud_project_kube_nodepool" "gpu" {
  flavor_name = local.gpu
}
resource "ovh_cloud_project_kube_nodepool" "computed" {
  flavor_name = var.flavor
}
resource "ovh_cloud_project_kube_nodepool" "unknown" {
  flavor_name = "zz9-999"
}
resource "ovh_cloud_project_kube" "k" {
  region = var.region
}
resource "ovh_cloud_project_kube" "par" {
  region = "eu-west-par"
}
resource "ovh_cloud_project_kube" "nowhere" {
  region = "XX1"
}
resource "ovh_cloud_project_kube" "expr" {
  region = upper(var.region)
}
'''


def _ctx() -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    model = source_model({"main.tf": SRC}, sink)
    ctx = Ctx(model, load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {n.name: n for n in ctx.nodes.values()}


def test_ctx_is_a_reader() -> None:
    ctx, _ = _ctx()
    r: reader.Reader = ctx  # structural: mypy checks it, the call below exercises it
    assert r.ovh_flavors["instance"]["b3-8"]["vcpu"] == 2


def test_machine_literal_local_computed_unknown() -> None:
    ctx, n = _ctx()
    lit = machine.read_machine(ctx, n["lit"], n["lit"].get("flavor_name"))
    assert (lit.flavor, lit.vcpu, lit.ram_gb, lit.gpu) == ("b3-8", 2, 8.0, None)
    gpu = machine.read_machine(ctx, n["gpu"], n["gpu"].get("flavor_name"))
    assert gpu.gpu is not None and gpu.gpu.model == "L4" and gpu.gpu.count == 1
    assert gpu.as_table_row()["gpu"]["model"] == "L4"
    computed = machine.read_machine(ctx, n["computed"], n["computed"].get("flavor_name"))
    assert not computed.known and computed.flavor is None and computed.source is not None
    unknown = machine.read_machine(ctx, n["unknown"], n["unknown"].get("flavor_name"))
    assert unknown.flavor == "zz9-999" and not unknown.known


def test_location_through_default_and_families() -> None:
    ctx, n = _ctx()
    k = geo.read_location(ctx, n["k"], n["k"].get("region"))
    assert k.geo is not None and (k.geo.metro, k.geo.country, k.geo.code) == ("GRA", "FR", "GRA11")
    par = geo.read_location(ctx, n["par"], n["par"].get("region"))
    assert par.geo is not None and par.geo.metro == "EU-WEST-PAR"
    nowhere = geo.read_location(ctx, n["nowhere"], n["nowhere"].get("region"))
    assert nowhere.unknown_code and nowhere.text == "XX1"
    expr = geo.read_location(ctx, n["expr"], n["expr"].get("region"))
    assert expr.geo is None and expr.text is None and expr.source is not None


def test_every_ovh_region_has_a_metro_every_target_table_knows() -> None:
    tables = load_tables("gke")
    metros = {geo.geo_of(code, tables.ovh_regions).metro  # type: ignore[union-attr]
              for code in tables.ovh_regions["regions"]}
    assert metros <= set(tables.regions["families"])


def test_value_helpers() -> None:
    ctx, n = _ctx()
    v = reader.value(ctx, n["k"], n["k"].get("region"))
    assert v.known and v.text == "GRA11" and not v.absent
    from iac_translate.compiler.ir import expr as E
    assert reader.boolean(E.Literal(True)) is True and reader.boolean(E.Literal("false")) is False
    assert reader.number(E.Literal(3)) == 3.0 and reader.number(E.Literal(True)) is None
