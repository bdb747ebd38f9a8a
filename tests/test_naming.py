"""Names the target accepts: the naming table, the normaliser, the pass over emitted blocks."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from iac_translate.compiler.api import translate
from iac_translate.targets.mapping import data_table
from iac_translate.targets.tfbase import naming

TABLE = data_table("gke/naming.json")
assert TABLE is not None


def style(name: str) -> naming.Style:
    return next(s for s in naming.styles(TABLE).values() if s.name == name)


@pytest.mark.parametrize(("style_name", "raw", "expected"), [
    ("rfc1035", "mks_3az", "mks-3az"),
    ("rfc1035", "my_cluster-pods", "my-cluster-pods"),
    ("rfc1035", "Madrid Network", "madrid-network"),
    ("rfc1035", "<my-imported-gateway>", "my-imported-gateway"),
    ("rfc1035", "3az-net", "n-3az-net"),
    ("rfc1035", "terrformName", "terrformname"),
    ("service_account", "user", "user-sa"),
    ("service_account", "u1", "u1-sa-" + naming._h("u1")),
    ("bucket", "Google_Backups", "gcs_backups"),
    ("bucket", "goog-data", "g--data"),
    ("gke_cluster", "ok-name", "ok-name"),
])
def test_normalise_examples(style_name: str, raw: str, expected: str) -> None:
    s = style(style_name)
    assert s.normalise(raw) == expected
    assert s.valid(s.normalise(raw))


def test_too_long_is_cut_with_a_stable_hash() -> None:
    s = style("gke_cluster")
    raw = "my_kube_cluster_for_the_production_environment"
    out = s.normalise(raw)
    assert len(out) <= 40 and s.valid(out) and out.endswith("-" + naming._h(raw))
    assert out == s.normalise(raw)  # deterministic


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=0, max_size=120), st.sampled_from(sorted({s.name for s in
                                                                    naming.styles(TABLE).values()})))
def test_any_text_becomes_a_valid_name(raw: str, style_name: str) -> None:
    s = style(style_name)
    out = s.normalise(raw)
    assert s.valid(out), (raw, out)
    assert s.normalise(raw) == out


def test_every_field_has_a_style_and_a_source() -> None:
    for path, name in {**TABLE["fields"], **TABLE.get("references", {})}.items():
        assert name in TABLE["styles"], path
    for name, s in TABLE["styles"].items():
        assert s["source"], name
        assert re.compile(s["pattern"]).match("a" * max(s["min"], 3)) or name == "bucket"


TF = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = %s
  regions      = ["GRA11"]
}
'''


def test_literal_name_rewritten_and_reported() -> None:
    r = translate({"main.tf": TF % '"mks_3az"'}, "gke")
    assert 'name                    = "mks-3az"' in r.files["main.tf"]
    d = [d for d in r.diagnostics if d.code == "IT324"]
    assert d and "`mks_3az`" in d[0].message and "`mks-3az`" in d[0].message
    assert (d[0].span.file, d[0].span.line) == ("main.tf", 4)


def test_valid_literal_untouched() -> None:
    r = translate({"main.tf": TF % '"app-net"'}, "gke")
    assert '"app-net"' in r.files["main.tf"]
    assert not [d for d in r.diagnostics if d.code in ("IT324", "IT325")]


def test_computed_name_wrapped_and_reported() -> None:
    src = 'variable "n" {\n  type = string\n}\n' + TF % "var.n"
    r = translate({"main.tf": src}, "gke")
    assert 'trim(substr(replace(lower(var.n), "/[^a-z0-9-]/", "-"), 0, 63), "-")' in \
        r.files["main.tf"]
    assert [d.code for d in r.diagnostics if d.code == "IT325"] == ["IT325"]


def test_secondary_range_and_cluster_reference_agree() -> None:
    src = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_kube" "my_cluster" {
  service_name       = "x"
  name               = "demo"
  region             = "GRA11"
  private_network_id = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
}
'''
    text = "\n".join(translate({"main.tf": src}, "gke").files.values())
    assert "my_cluster-pods" not in text
    names = set(re.findall(r'range_name\s*=\s*"([^"]+)"', text))
    assert names == {"my-cluster-pods", "my-cluster-services"}, names
