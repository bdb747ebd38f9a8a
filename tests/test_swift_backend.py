"""A `backend "swift"` (removed from Terraform in 1.3: `terraform init` fails on it) becomes
the target's state backend on every Terraform target, never the swift block, with IT308
saying the state must be moved by hand and IT302 for each Swift-only argument."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate
from iac_translate.compiler.hcl.parser import parse_body_text
from iac_translate.compiler.ir import expr as E

SWIFT = '''terraform {
  backend "swift" {
    %s
    state_name  = "prod.tfstate"
    region_name = "GRA"
    auth_url    = "https://auth.cloud.ovh.net/v3/"
    password    = "hunter2"
    frobnicate  = true
  }
}
'''
NEW = {"gke": "gcs", "eks": "s3", "scaleway": "s3", "aks": "azurerm"}
BUCKET = {"gke": "bucket", "eks": "bucket", "scaleway": "bucket", "aks": "container_name"}


def _backend(files: dict[str, str]) -> tuple[str, dict[str, str | None]]:
    """The one backend block of the output: its type and its literal arguments."""
    found = []
    for path, text in files.items():
        if path.endswith(".tf"):
            for t in parse_body_text(text, path).blocks("terraform"):
                found += list(t.body.blocks("backend"))
    assert len(found) == 1, found
    return found[0].labels[0], {a.name: E.str_value(a.expr)
                                for a in found[0].body.attributes()}


@pytest.mark.parametrize("target", sorted(NEW))
@pytest.mark.parametrize("container", ['container = "acme-state"', 'path      = "acme-state"'])
def test_swift_becomes_the_target_backend(target: str, container: str) -> None:
    src = SWIFT % container
    r = translate({"main.tf": src}, target)
    assert all('"swift"' not in t for t in r.files.values())
    kind, args = _backend(r.files)
    assert kind == NEW[target]
    assert args[BUCKET[target]] == "acme-state"
    if target != "gke":  # (gcs has a prefix, from the key without .tfstate)
        assert args["key"] == "prod.tfstate"
    moved = [d for d in r.diagnostics if d.code == "IT308" and "swift" in d.message]
    assert len(moved) == 1
    assert (moved[0].span.line, moved[0].span.column) == (2, 3)
    assert "removed from Terraform in 1.3" in moved[0].message
    assert "`acme-state`" in moved[0].message and "`prod.tfstate`" in moved[0].message
    assert "terraform state push" in moved[0].hint
    dropped = {(d.span.line, d.message.split("`")[1]) for d in r.diagnostics
               if d.code == "IT302" and d.message.startswith("backend swift")}
    assert dropped == {(6, "auth_url"), (7, "password"), (8, "frobnicate")}
    assert not any("hunter2" in t for t in r.files.values())


def test_the_default_state_object_is_named() -> None:
    r = translate({"main.tf": 'terraform {\n  backend "swift" {\n    container = "c1"\n  }\n}\n'},
                  "eks")
    moved = [d for d in r.diagnostics if d.code == "IT308" and "swift" in d.message]
    assert len(moved) == 1 and "(object `tfstate.tf`)" in moved[0].message
    assert _backend(r.files) == ("s3", {"bucket": "c1", "key": "terraform.tfstate"})


@pytest.mark.parametrize("target", sorted(NEW))
def test_another_backend_is_kept_as_written(target: str) -> None:
    r = translate({"main.tf": 'terraform {\n  backend "local" {\n    path = "x.tfstate"\n  }\n'
                              '}\n'}, target)
    assert _backend(r.files) == ("local", {"path": "x.tfstate"})
    assert not any("swift" in d.message for d in r.diagnostics)


@pytest.mark.parametrize("target", sorted(NEW))
def test_the_backend_note_does_not_offer_migrate_state(target: str) -> None:
    """The target's backend note says the Swift state moves by hand (IT308): `terraform init
    -migrate-state` would need a Terraform that reads Swift, which none since 1.3 does."""
    r = translate({"main.tf": SWIFT % 'container = "acme-state"'}, target)
    notes = [d.message for d in r.diagnostics if d.code == "IT301" and "backend" in d.message]
    assert notes and all("the Swift backend" in m for m in notes), notes
    assert not any("-migrate-state" in m for m in notes), notes
