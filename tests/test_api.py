"""Library API: in-memory sources, results as data, no printing, coded failures."""

from __future__ import annotations

import re

from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, available_targets, translate

KUBE = '''
resource "ovh_cloud_project_kube" "k" {
  name   = "k"
  region = "SBG5"
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  kube_id       = ovh_cloud_project_kube.k.id
  flavor_name   = "c3-8"
  desired_nodes = 2
}
output "endpoint" {
  value = ovh_cloud_project_kube.k.kubeconfig_attributes[0].host
}
'''


def test_in_memory_translation_returns_files_and_diagnostics(capsys) -> None:  # type: ignore[no-untyped-def]
    result = translate({"main.tf": KUBE}, "gke")
    assert capsys.readouterr() == ("", "")  # the library never prints
    main = result.files["main.tf"]
    assert re.search(r'location +\= "europe-west3"', main)
    assert re.search(r'machine_type += "c3-highcpu-4"', main)
    assert 'value = "https://${google_container_cluster.k.endpoint}"' in main
    assert re.search(r"cluster += google_container_cluster.k.id", main)
    assert not result.has_errors
    assert [d.code for d in result.diagnostics if d.code == "IT306"]


def test_unknown_target_is_a_diagnostic() -> None:
    result = translate({"main.tf": KUBE}, "nope")
    assert not result.files and result.diagnostics[0].code == "IT005"
    assert "gke" in available_targets()


def test_mapping_override_replaces_an_entry() -> None:
    opts = TranslateOptions(mapping_overrides={"gke/regions.json": {"families": {"SBG": {
        "region": "europe-west9", "zones": ["europe-west9-b"]}}}})
    main = translate({"main.tf": KUBE}, "gke", opts).files["main.tf"]
    assert '"europe-west9"' in main and '"europe-west9-b"' in main


def test_unknown_region_and_flavor_leave_located_placeholders() -> None:
    src = KUBE.replace("SBG5", "XX1").replace("c3-8", "zz9-99")
    result = translate({"main.tf": src}, "gke")
    out = "\n".join(result.files.values())
    assert "TODO(" not in out
    asked_for(out, "region XX1")
    asked_for(out, "flavor zz9-99")
    codes = {(d.code, d.span.line) for d in result.diagnostics if d.span}
    assert ("IT304", 4) in codes and ("IT303", 8) in codes


def test_unresolved_attribute_becomes_a_located_todo() -> None:
    src = KUBE + 'output "nodes" {\n  value = ovh_cloud_project_kube.k.nodes_url\n}\n'
    result = translate({"main.tf": src}, "gke")
    # an output that is nothing else is null, with the TODO saying what it was (IT384)
    assert "# TODO(IT206): ovh_cloud_project_kube.k.nodes_url: no value on the target" in \
        result.files["main.tf"]
    assert any(d.code == "IT206" and d.span and d.span.line == 15 for d in result.diagnostics)


def test_internal_errors_are_coded_not_raised(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from iac_translate.targets.gke import kube

    def boom(*a, **k):  # type: ignore[no-untyped-def]
        raise RuntimeError("synthetic")
    monkeypatch.setattr(kube, "lower_cluster", boom)
    from iac_translate.targets.gke.target import GkeTarget
    monkeypatch.setitem(GkeTarget.LOWER, "Cluster", boom)
    result = translate({"main.tf": KUBE}, "gke")
    assert not result.files
    assert result.diagnostics[-1].code == "IT901"
    assert "please report" in result.diagnostics[-1].message
