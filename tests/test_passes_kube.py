"""The Kubernetes family's neutral readers: clusters, node pools, allow-lists, OIDC."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from iac_translate.compiler.api import source_model
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import ovh_types
from iac_translate.compiler.ir import expr as E
from iac_translate.compiler.ir import nodes as N
from iac_translate.compiler.passes import fields
from iac_translate.compiler.passes import kube as K
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx

SRC = '''
variable "policy" {
  default = "NEVER_UPDATE"
}
variable "flavor" {
  type = string
}
variable "scale" {
  type = bool
}
locals {
  pool_flavor = "l4-90"
}
resource "ovh_cloud_project_kube" "lit" {
  name            = "a"
  region          = "GRA11"
  version         = "1.31"
  plan            = "standard"
  update_policy   = "MINIMAL_DOWNTIME"
  kube_proxy_mode = "ipvs"
  private_network_id = ovh_cloud_project_network_private.n.id
  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }
  customization_apiserver {
    admissionplugins {
      enabled  = ["NodeRestriction"]
      disabled = ["AlwaysPullImages"]
    }
  }
  ip_allocation_policy {
    pods_ipv4_cidr = "10.240.0.0/13"
  }
}
resource "ovh_cloud_project_kube" "var" {
  name          = "b"
  region        = "GRA11"
  update_policy = var.policy
}
resource "ovh_cloud_project_kube" "computed" {
  region        = upper("gra11")
  plan          = var.flavor
  update_policy = upper(var.flavor)
  customization {
    apiserver {
      admissionplugins {
        disabled = ["AlwaysPullImages"]
      }
    }
  }
}
data "ovh_cloud_project_kube" "d" {
  kube_id = "abc"
}
resource "ovh_cloud_project_kube_nodepool" "fixed" {
  kube_id       = ovh_cloud_project_kube.lit.id
  flavor_name   = "b3-8"
  desired_nodes = 3
  anti_affinity = true
  availability_zones = ["eu-west-par-a"]
  template {
    metadata {
      labels = { role = "web" }
    }
    spec {
      taints = [{ key = "dedicated", value = "web", effect = "NoSchedule" },
                { key = "x", effect = var.flavor }]
      unschedulable = false
    }
  }
}
resource "ovh_cloud_project_kube_nodepool" "auto" {
  kube_id     = ovh_cloud_project_kube.lit.id
  flavor_name = local.pool_flavor
  autoscale   = true
  min_nodes   = 0
  max_nodes   = 4
  autoscaling_scale_down_unneeded_time_seconds = 600
  template {
    metadata {
      labels = var.labels
    }
    spec {
      taints = var.taints
    }
  }
}
resource "ovh_cloud_project_kube_nodepool" "switch" {
  kube_id     = ovh_cloud_project_kube.lit.id
  flavor_name = var.flavor
  autoscale   = var.scale
  attach_floating_ips {
    enabled = true
  }
}
resource "ovh_cloud_project_kube_nodepool" "each" {
  for_each    = { a = { flavor = "b3-16" }, b = { flavor = "t2-45" }, c = { flavor = var.flavor } }
  kube_id     = ovh_cloud_project_kube.lit.id
  flavor_name = each.value.flavor
  dynamic "template" {
    for_each = var.template != null ? [var.template] : []
    content {
      metadata {
        labels = template.value.labels
      }
      spec {
        taints = []
      }
    }
  }
}
resource "ovh_cloud_project_kube_iprestrictions" "lit" {
  kube_id = ovh_cloud_project_kube.lit.id
  ips     = ["10.0.0.0/8", var.flavor]
}
resource "ovh_cloud_project_kube_iprestrictions" "computed" {
  kube_id = ovh_cloud_project_kube.lit.id
  ips     = var.cidrs
}
resource "ovh_cloud_project_kube_oidc" "o" {
  kube_id             = ovh_cloud_project_kube.lit.id
  issuer_url          = "https://id.example.org"
  client_id           = "k8s"
  oidc_groups_claim   = ["groups"]
  oidc_signing_algs   = ["RS256"]
}
'''


@pytest.fixture(scope="module")
def model() -> tuple[Ctx, dict[str, N.Resource]]:
    sink = Sink()
    ctx = Ctx(source_model({"main.tf": SRC}, sink), load_tables("gke"), sink, "gke")
    ctx.index()
    return ctx, {f"{n.mode}.{n.type}.{n.name}": n for n in ctx.nodes.values()}


def _node(model: tuple[Ctx, dict[str, N.Resource]], kind: str, name: str) -> N.Resource:
    mode = "data" if kind.startswith("data.") else "managed"
    return model[1][f"{mode}.ovh_cloud_project_{kind.removeprefix('data.')}.{name}"]


def test_cluster_literal(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_cluster(model[0], _node(model, "kube", "lit"))
    assert spec.name.text == "a" and spec.version.text == "1.31"
    assert spec.location.geo is not None and spec.location.geo.metro == "GRA"
    assert spec.control_plane_ha is True
    assert spec.update.policy is K.UpdatePolicy.MINIMAL_DOWNTIME and not spec.update.computed
    assert spec.kube_proxy.mode is K.ProxyMode.IPVS
    assert spec.routing.as_default is True and E.str_value(spec.routing.gateway) == ""
    assert E.traversal(spec.network) is not None
    assert spec.admission.enabled == E.Tuple((E.Literal("NodeRestriction"),))
    assert spec.pods_cidr.text == "10.240.0.0/13" and spec.services_cidr.absent


def test_cluster_variable_default_and_defaults(
        model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_cluster(model[0], _node(model, "kube", "var"))
    assert spec.update.policy is K.UpdatePolicy.NEVER  # through the variable's default
    assert spec.control_plane_ha is False  # no plan: OVH's free plan
    assert spec.kube_proxy.mode is None and spec.kube_proxy.source is None
    assert spec.routing.as_default is None


def test_cluster_computed(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_cluster(model[0], _node(model, "kube", "computed"))
    assert spec.update.computed and spec.update.policy is None
    assert spec.control_plane_ha is None  # plan is a variable without default
    assert spec.location.geo is None and spec.location.source is not None
    # the deprecated `customization { apiserver { ... } }` spelling reads the same
    assert spec.admission.disabled == E.Tuple((E.Literal("AlwaysPullImages"),))
    assert spec.admission.written_as == "customization"


def test_data_cluster(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_cluster(model[0], _node(model, "data.kube", "d"))
    assert E.str_value(spec.lookup_id) == "abc" and spec.name.absent


def test_pool_fixed_literal(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_pool(model[0], _node(model, "kube_nodepool", "fixed"))
    assert spec.machine.flavor == "b3-8" and spec.machine.vcpu == 2
    assert spec.sizing.mode is K.SizingMode.FIXED and spec.sizing.desired == E.Literal(3, "3")
    assert not spec.sizing.scale_down.set
    assert spec.labels.written is K.Written.LITERAL
    assert spec.taints.written is K.Written.LITERAL and len(spec.taints.items) == 2
    first, second = spec.taints.items
    assert first.effect is K.TaintEffect.NO_SCHEDULE and E.str_value(first.value) == "web"
    assert second.effect is None and second.value is None and second.effect_source is not None
    assert spec.anti_affinity == E.Literal(True) and spec.unschedulable == E.Literal(False)
    assert isinstance(spec.zones, E.Tuple)


def test_pool_autoscaled_through_local(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_pool(model[0], _node(model, "kube_nodepool", "auto"))
    assert spec.machine.gpu is not None and spec.machine.gpu.model == "L4"
    assert spec.machine.source is not None  # the local reference is kept
    assert spec.sizing.mode is K.SizingMode.AUTOSCALED
    assert spec.sizing.scale_down.set and spec.sizing.scale_down.utilization is None
    assert spec.labels.written is K.Written.COMPUTED
    assert spec.taints.written is K.Written.COMPUTED and spec.taints.items == ()


def test_pool_computed_switch_and_flavor(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_pool(model[0], _node(model, "kube_nodepool", "switch"))
    assert spec.sizing.mode is K.SizingMode.COMPUTED and spec.sizing.switch is not None
    assert not spec.machine.known and spec.machine.flavor is None
    assert spec.machine.source is not None and spec.candidates == ()
    assert spec.floating_ips is True
    assert spec.labels.written is K.Written.ABSENT


def test_pool_for_each_and_dynamic_template(
        model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_pool(model[0], _node(model, "kube_nodepool", "each"))
    assert not spec.machine.known
    assert [m.flavor for m in spec.candidates] == ["b3-16", "t2-45"]  # c is computed
    assert spec.candidates[1].gpu is not None
    assert spec.dynamic_template
    assert spec.labels.written is K.Written.DYNAMIC and spec.taints.written is K.Written.DYNAMIC


def test_allow_list(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    lit = K.read_allow_list(model[0], _node(model, "kube_iprestrictions", "lit"))
    assert lit.cidrs is not None and len(lit.cidrs) == 2 and lit.cluster is not None
    computed = K.read_allow_list(model[0], _node(model, "kube_iprestrictions", "computed"))
    assert computed.cidrs is None and computed.source is not None


def test_oidc(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    spec = K.read_oidc(model[0], _node(model, "kube_oidc", "o"))
    assert E.str_value(spec.issuer_url) == "https://id.example.org"
    assert isinstance(spec.groups_claim, E.Tuple) and spec.ca_content is None


# -- every argument of every OVH type of the family has a neutral home or a reason -----------
_FAMILY = ("ovh_cloud_project_kube", "ovh_cloud_project_kube_nodepool",
           "ovh_cloud_project_kube_oidc", "ovh_cloud_project_kube_iprestrictions",
           "ovh_cloud_project_kube_log_subscription")


def _leaves(schema: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for name in schema.get("args", {}):
        yield prefix + name
    for name, block in schema.get("blocks", {}).items():
        if block.get("args") or block.get("blocks"):
            yield from _leaves(block, f"{prefix}{name}.")
        else:
            yield prefix + name


def _fields(mode: str = "managed") -> dict[str, dict[str, dict[str, str]]]:
    return fields.section("data_sources" if mode == "data" else "resources", "kube")


def uncovered(table: dict[str, dict[str, str]], schema: dict[str, Any]) -> list[str]:
    def covered(path: str) -> bool:
        parts = path.split(".")
        return any(".".join(parts[:i]) in table for i in range(1, len(parts) + 1))
    return [p for p in _leaves(schema) if not covered(p)]


@pytest.mark.parametrize("type_", _FAMILY)
@pytest.mark.parametrize("mode", ["managed", "data"])
def test_fields_cover_every_schema_argument(type_: str, mode: str) -> None:
    schema = ovh_types.type_schema(type_, mode)
    if schema is None:
        pytest.skip(f"no {mode} {type_} in the OVH schema")
    if mode == "data" and type_ not in ovh_types._DATA_CONCEPTS:
        pytest.skip(f"data {type_} is a lookup, not a concept")
    assert uncovered(_fields(mode)[type_], schema) == []


def test_fields_entries_are_well_formed() -> None:
    for type_, table in (*_fields().items(), *_fields("data").items()):
        assert type_ in _FAMILY
        for path, entry in table.items():
            assert set(entry) in ({"to"}, {"ovh_only"}), (type_, path)
            assert next(iter(entry.values())).strip(), (type_, path)


def test_coverage_check_fails_on_a_missing_argument() -> None:
    schema = ovh_types.type_schema("ovh_cloud_project_kube_nodepool", "managed")
    assert schema is not None
    table = dict(_fields()["ovh_cloud_project_kube_nodepool"])
    del table["monthly_billed"]
    del table["template.spec.taints"]
    assert uncovered(table, schema) == ["monthly_billed", "template.spec.taints"]


def test_plan_unknown_literal(model: tuple[Ctx, dict[str, N.Resource]]) -> None:
    node = _node(model, "kube", "lit")
    other = type(node)(node.span, node.labels, (("plan", E.Literal("essential")),),
                       module=node.module, type=node.type, canonical_type=node.canonical_type)
    assert K.read_cluster(model[0], other).control_plane_ha is None
