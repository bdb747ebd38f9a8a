"""Regions a target has none for (IT364, the region table's reason) and hard-coded OVH S3
endpoints (the target's endpoint of the same region, or the gateway variable, IT365)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
from asked_for import asked_for
from iac_translate.compiler.api import TranslateOptions, translate
from iac_translate.compiler.codes import CODES, Severity
from iac_translate.compiler.diagnostics import Diagnostic
from iac_translate.targets.mapping import load_tables
from iac_translate.targets.tfbase.context import Ctx
from iac_translate.targets.tfbase.fitmap import region_mapper, unavailable_region

TARGETS = Path(__file__).resolve().parent.parent / "targets"

KUBE = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "apps"
  region       = "%s"
}
'''
ENDPOINTS = '''
resource "ovh_cloud_project_storage" "b" {
  service_name = "x"
  region_name  = "WAW"
  name         = "b"
}
locals {
  sbg   = "https://s3.sbg.io.cloud.ovh.net/"
  waw   = "https://s3.waw.perf.cloud.ovh.net"
  sgp   = "https://s3.sgp.io.cloud.ovh.net"
  built = "https://s3.${lower(ovh_cloud_project_storage.b.region_name)}.io.cloud.ovh.net"
}
output "all" {
  value = [local.sbg, local.waw, local.sgp, local.built]
}
'''


def _run(src: str, target: str,
         overrides: dict[str, Any] | None = None) -> tuple[str, list[Diagnostic]]:
    r = translate({"main.tf": src}, target, TranslateOptions(mapping_overrides=overrides or {}))
    return "\n".join(r.files.values()), list(r.diagnostics)


def _code(text: str) -> str:
    """The output without its comments (which may name the OVH resource a block comes from)."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _ctx(target: str) -> Ctx:
    from iac_translate.compiler.diagnostics import Sink
    from iac_translate.compiler.ir import nodes as N
    return Ctx(N.Model(()), load_tables(target), Sink(), target, words={"cloud": "Scaleway"})


def test_a_region_outside_europe_is_an_error_with_the_tables_reason() -> None:
    text, diags = _run(KUBE % "BHS5", "scaleway")
    found = [d for d in diags if d.code == "IT364"]
    assert len(found) == 1 and found[0].severity is Severity.ERROR
    assert CODES["IT364"].severity is Severity.ERROR
    note = json.loads((TARGETS / "scaleway" / "regions.json").read_text())["families"]["BHS"]
    assert note["note"] in found[0].message and "`BHS5`" in found[0].message
    # the nearest regions and the consent the move needs, from the table's alternatives
    assert "nl-ams (Amsterdam" in found[0].hint and "consent" in found[0].hint
    assert found[0].span is not None and found[0].span.line == 5
    asked_for(text, "region BHS5")  # IT383: plan asks for it
    assert not any(d.code == "IT304" for d in diags) and "TODO(IT304)" not in text


def test_every_scaleway_family_without_a_region_says_why_and_what_is_nearest() -> None:
    data = json.loads((TARGETS / "scaleway" / "regions.json").read_text())
    empty = {k: v for k, v in data["families"].items() if v["region"] is None}
    assert {"BHS", "SGP", "SYD", "US-EAST-VA", "US-WEST-OR"} <= set(empty)
    regions = {v["region"] for v in data["families"].values() if v["region"]}
    for fam, entry in empty.items():
        assert "Europe only" in entry["note"], fam
        assert entry["alternatives"] and {a["region"] for a in entry["alternatives"]} <= regions


def test_the_refusal_follows_the_table_on_any_target() -> None:
    # AKS has a region for Gravelines; a table that says it has none is obeyed, reason and all
    override = {"aks/regions.json": {"families": {"GRA": {
        "region": None, "zones": [], "note": "not here for this test",
        "alternatives": [{"region": "westeurope"}]}}}}
    text, diags = _run(KUBE % "GRA11", "aks", override)
    found = [d for d in diags if d.code == "IT364"]
    assert len(found) == 1 and "not here for this test" in found[0].message
    assert "westeurope" in found[0].hint and "TODO(" not in text
    # the resource group's location held the placeholder first: the cluster reads it too
    assert re.search(r"location\s+= var\.resource_group_location\n", text), text
    assert any(d.code == "IT383" and "region GRA11" in d.message for d in diags)
    # and a table giving Scaleway a region for BHS (the owner's consent) maps it
    consent = {"scaleway/regions.json": {"families": {"BHS": {
        "region": "nl-ams", "zones": ["nl-ams-1"], "note": "moved with consent"}}}}
    text, diags = _run(KUBE % "BHS5", "scaleway", consent)
    assert not any(d.code == "IT364" for d in diags) and '"nl-ams"' in text


def test_region_mapper_refuses_through_the_mapping_notes() -> None:
    ctx = _ctx("scaleway")
    assert region_mapper(ctx, "GRA") == "fr-par" and ("region", "GRA") not in ctx.mapping_notes
    assert region_mapper(ctx, "US-EAST-VA") == "TODO(IT364): region US-EAST-VA"
    code, why, hint = ctx.mapping_notes[("region", "US-EAST-VA")]
    assert code == "IT364" and "North America" in why and "fr-par (Paris" in hint
    assert region_mapper(ctx, "XYZ9") is None  # unknown: IT304 is the caller's
    assert unavailable_region(ctx, "XYZ9") is None and unavailable_region(ctx, "SBG") is None


def test_scaleway_endpoints_follow_their_region() -> None:
    text, diags = _run(ENDPOINTS, "scaleway")
    assert 'sbg   = "https://s3.fr-par.scw.cloud"' in text
    assert 'waw   = "https://s3.pl-waw.scw.cloud"' in text
    assert 'built = "https://s3.${lower(scaleway_object_bucket.b.region)}.scw.cloud"' in text
    assert f"sgp   = var.{asked_for(text, 'S3 endpoint of region sgp')}" in text
    assert "ovh.net" not in _code(text) and "ovh_cloud_project_storage" not in _code(text)
    assert [d.span.line for d in diags if d.code == "IT364"] == [10]
    assert sum(d.code == "IT301" and "S3 endpoint" in d.message for d in diags) == 3


def test_the_endpoint_pattern_is_data() -> None:
    over = {"scaleway/regions.json": {"s3_endpoint": "https://{region}.s3.example.test"}}
    text, _ = _run(ENDPOINTS, "scaleway", over)
    assert '"https://fr-par.s3.example.test"' in text and "scw.cloud" not in text


def test_aks_endpoints_become_the_gateway_variable() -> None:
    text, diags = _run(ENDPOINTS, "aks")
    assert "ovh.net" not in _code(text) and "ovh_cloud_project_storage" not in _code(text)
    assert text.count("= var.s3_gateway_endpoint") == 4
    assert text.count('variable "s3_gateway_endpoint"') == 1
    var = text[text.index('variable "s3_gateway_endpoint"'):]
    assert "default" not in var[:var.index("}")]
    found = [d for d in diags if d.code == "IT365"]
    assert len(found) == 4 and all(d.severity is Severity.WARNING for d in found)
    assert not any(d.code == "IT309" and "S3 endpoint" in d.message for d in diags)


def test_an_existing_gateway_variable_is_read_not_declared_again() -> None:
    src = ENDPOINTS + 'variable "s3_gateway_endpoint" {\n  type = string\n}\n'
    text, _ = _run(src, "aks")
    assert text.count('variable "s3_gateway_endpoint"') == 1


def test_region_schema_takes_the_endpoint_pattern_with_its_region() -> None:
    schema = json.loads((TARGETS / "schemas" / "target_regions.schema.json").read_text())
    check = jsonschema.Draft202012Validator(schema)
    for target in ("aks", "eks", "gke", "scaleway"):
        check.validate(json.loads((TARGETS / target / "regions.json").read_text()))
    data = json.loads((TARGETS / "scaleway" / "regions.json").read_text())
    assert list(check.iter_errors({**data, "s3_endpoint": "https://s3.scw.cloud"}))


def test_a_variable_default_is_dropped_not_made_another_variable() -> None:
    src = ('variable "s3" {\n  type    = string\n'
           '  default = "https://s3.gra.io.cloud.ovh.net"\n}\n'
           'output "e" {\n  value = var.s3\n}\n')
    text, diags = _run(src, "aks")
    # the variable is the user's input already: without its OVH default it is required
    # (IT383), instead of holding a placeholder plan would send to the cloud
    assert re.search(r'(?ms)^variable "s3" \{\n  type = string\n\}', text), text
    assert "TODO(" not in text
    assert "s3_gateway_endpoint" not in text  # a default cannot read a variable
    assert [d.code for d in diags if "S3 endpoint" in d.message] == ["IT365"]
    assert [d.span.line for d in diags if d.code == "IT383" and d.span and
            "variable `s3` has no default" in d.message] == [3]
    text, _ = _run(src, "scaleway")
    assert 'default = "https://s3.fr-par.scw.cloud"' in text
