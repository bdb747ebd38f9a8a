"""Terraform frontend: positions, block kinds, OVH argument checks, .tf.json, modules."""

from __future__ import annotations

from pathlib import Path

import pytest
from iac_translate.compiler.diagnostics import Sink
from iac_translate.compiler.frontends import loader
from iac_translate.compiler.ir import nodes as N


def model(files: dict[str, str]) -> tuple[N.Model, Sink]:
    sink = Sink()
    dirs = sorted({f.rsplit("/", 1)[0] if "/" in f else "" for f in files})
    return loader.build_model(loader.Sources(files), dirs[:1], sink), sink


# (source, line, column) as HashiCorp's parser reports them.
SYNTAX_ERRORS = [
    ('a = "x\n', 1, 7),
    ("a = [1, 2\n", 1, 5),
    ('resource "x" "y" {\n  a = 1\n', 1, 18),
    ("a = 1 +\n", 1, 8),
    ("a = { b = 1 c = 2 }\n", 1, 13),
    ("a = <<EOT\nno end\n", 3, 1),
    ('a = "${var.x"\n', 1, 14),
    ("a = f(1,,2)\n", 1, 9),
    ("= 1\n", 1, 1),
]


@pytest.mark.parametrize("src,line,col", SYNTAX_ERRORS)
def test_syntax_errors_are_located(src: str, line: int, col: int) -> None:
    _, sink = model({"main.tf": src})
    errors = [d for d in sink.sorted() if d.code.startswith("IT1")]
    assert errors, src
    assert (errors[0].span.line, errors[0].span.column) == (line, col), errors[0]


def test_every_block_kind_becomes_a_node() -> None:
    src = '''
terraform {
  required_providers {
    ovh = { source = "ovh/ovh" }
  }
}
provider "ovh" {}
variable "v" {}
locals { x = 1 }
data "ovh_cloud_project_regions" "r" {}
resource "ovh_cloud_project_kube" "k" {
  region = "GRA11"
}
module "m" {
  source = "git::https://example.org/m.git"
}
output "o" {
  value = 1
}
moved {
  from = a.b
  to   = a.c
}
import {
  to = ovh_cloud_project_kube.k
  id = "x"
}
check "c" {
  assert {
    condition     = true
    error_message = "x"
  }
}
removed {
  from = a.d
}
'''
    m, sink = model({"main.tf": src})
    kinds = [type(n).__name__ for n in m.modules[0].nodes]
    assert kinds == ["TerraformSettings", "Provider", "Variable", "Locals", "Lookup", "Cluster",
                     "ModuleCall", "Output", "MetaBlock", "MetaBlock", "MetaBlock", "MetaBlock"]
    assert not sink.has_errors


def test_spans_are_relative_and_exact() -> None:
    src = 'resource "ovh_cloud_project_kube" "k" {\n  region = "GRA11"\n}\n'
    m, _ = model({"net/main.tf": src})
    node = m.modules[0].nodes[0]
    assert str(node.span) == "net/main.tf:1:1"
    assert str(node.arg("region").span) == "net/main.tf:2:12"


def test_unknown_argument_did_you_mean_and_computed_argument() -> None:
    src = ('resource "ovh_cloud_project_kube_nodepool" "p" {\n  kube_id = "x"\n'
           '  flavour_name = "b3-8"\n  status = "READY"\n}\n')
    _, sink = model({"main.tf": src})
    msgs = {(d.code, d.span.line, d.hint) for d in sink.sorted()}
    assert ("IT202", 3, "did you mean `flavor_name`?") in msgs
    assert any(d.code == "IT202" and "computed" in d.message for d in sink.sorted())
    assert any(d.code == "IT208" and "flavor_name" in d.message for d in sink.sorted())


def test_removed_and_alias_types() -> None:
    src = ('resource "ovh_cloud_project_database_ip_restriction" "r" {\n  engine = "mysql"\n'
           '  cluster_id = "c"\n  ip = "1.2.3.4/32"\n}\n'
           'resource "ovh_cloud_managed_kubernetes" "k" {\n  region = "GRA11"\n}\n')
    m, sink = model({"main.tf": src})
    kinds = [(type(n).__name__, getattr(n, "canonical_type", "")) for n in m.modules[0].nodes]
    assert kinds == [("DatabaseIpRestriction", "ovh_cloud_project_database_ip_restriction"),
                     ("Cluster", "ovh_cloud_project_kube")]
    assert [d.code for d in sink.sorted()] == ["IT203"]


def test_json_syntax_matches_native_syntax() -> None:
    native = ('variable "n" {\n  type = number\n  default = 2\n}\n'
              'resource "ovh_cloud_project_kube" "k" {\n  region = "GRA11"\n'
              '  name = "${var.n}-x"\n}\n')
    js = ('{"variable": {"n": {"type": "number", "default": 2}},\n'
          ' "resource": {"ovh_cloud_project_kube": {"k": {"region": "GRA11", '
          '"name": "${var.n}-x"}}}}\n')
    a, _ = model({"main.tf": native})
    b, _ = model({"main.tf.json": js})
    assert [(type(n), n.labels, n.args) for n in a.modules[0].nodes] == \
        [(type(n), n.labels, n.args) for n in b.modules[0].nodes]


def test_local_modules_are_read_and_remote_ones_are_not(tmp_path: Path) -> None:
    (tmp_path / "modules" / "pool").mkdir(parents=True)
    (tmp_path / "main.tf").write_text('module "p" {\n  source = "./modules/pool"\n}\n'
                                      'module "r" {\n  source = "terraform-aws-modules/x/y"\n}\n')
    (tmp_path / "modules" / "pool" / "main.tf").write_text('variable "x" {}\n')
    sink = Sink()
    sources, roots = loader.collect([tmp_path], sink)
    m = loader.build_model(sources, roots, sink)
    assert [mod.path for mod in m.modules] == ["", "modules/pool"]
    calls = [n for n in m.modules[0].nodes if isinstance(n, N.ModuleCall)]
    assert [c.local_path for c in calls] == ["modules/pool", None]


def test_crlf_and_bom_are_accepted() -> None:
    src = 'resource "ovh_cloud_project_kube" "k" {\n  region = "GRA11"\n}\n'
    plain, _ = model({"main.tf": src})
    windows, sink = model({"main.tf": "\ufeff" + src.replace("\n", "\r\n")})
    assert not sink.has_errors
    assert [(n.labels, n.args) for n in windows.modules[0].nodes] == \
        [(n.labels, n.args) for n in plain.modules[0].nodes]


@pytest.mark.parametrize("src, col", [
    ('resource "ovh_cloud_project_gateway" "gw - x" {\n}\n', 38),
    ('resource "ovh cloud" "gw" {\n}\n', 10),
    ('variable "1st" {\n}\n', 10),
    ('output "-x" {\n  value = 1\n}\n', 8),
    ('module "a b" {\n  source = "./m"\n}\n', 8),
])
def test_a_name_terraform_rejects_is_an_error_at_its_label(src: str, col: int) -> None:
    # Found by the fuzzer: `gateway- - -` made addresses that re-parse as 60 unary minuses.
    m, sink = model({"main.tf": src})
    assert not m.modules[0].nodes
    got = [(d.code, d.span.line, d.span.column) for d in sink.sorted()]
    assert ("IT104", 1, col) in got


def test_names_with_dashes_and_underscores_are_valid() -> None:
    src = 'resource "ovh_cloud_project_gateway" "_gw-1" {\n}\nvariable "my-var_2" {\n}\n'
    _, sink = model({"main.tf": src})
    assert not [d for d in sink.sorted() if d.code == "IT104"]
