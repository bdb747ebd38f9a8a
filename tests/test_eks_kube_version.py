"""EKS cluster versions EKS no longer creates: a literal is raised (IT332), a computed one is
guarded by a precondition (IT333 when its default is already too old)."""

from __future__ import annotations

import json
from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.targets.tfbase import kube_version as KV

PLATFORM = Path(__file__).resolve().parents[1] / "targets" / "eks" / "platform.json"
OLDEST = json.loads(PLATFORM.read_text(encoding="utf-8"))["cluster"]["kubernetes"]["oldest"]

KUBE = '''
variable "kube_version" {
  type    = string
  default = "DEFAULT"
}
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "k"
  region       = "GRA11"
  version      = VERSION
}
'''


def _run(version: str, default: str = "1.34") -> tuple[str, list[str]]:
    src = KUBE.replace("VERSION", version).replace("DEFAULT", default)
    result = translate({"main.tf": src}, target="eks")
    return ("\n".join(result.files.values()),
            [f"{d.code} {d.severity.name} {d.message}" for d in result.diagnostics])


def test_minor_reads_the_ovh_and_patch_forms() -> None:
    assert KV.minor("1.31") == (1, 31) and KV.minor("v1.9.3") == (1, 9)
    assert KV.minor("latest") is None
    assert KV.older("1.9", "1.32") and not KV.older("1.32", "1.32")
    assert not KV.older(None, "1.32") and not KV.older("x", "1.32")


def test_a_literal_version_eks_no_longer_offers_is_raised_with_an_error() -> None:
    out, diags = _run('"1.22"')
    assert f'version  = "{OLDEST}"' in out and '"1.22"' not in out
    it332 = [d for d in diags if d.startswith("IT332")]
    assert len(it332) == 1 and "ERROR" in it332[0] and "1.22" in it332[0], diags
    assert "precondition" not in out


def test_an_offered_literal_version_is_kept() -> None:
    out, diags = _run('"1.34"')
    assert 'version  = "1.34"' in out
    assert not any(d.startswith(("IT332", "IT333")) for d in diags)
    assert "precondition" not in out


def test_a_computed_version_gets_a_precondition() -> None:
    minor = KV.minor(OLDEST)
    assert minor is not None
    out, diags = _run("var.kube_version")
    assert "version  = var.kube_version" in out
    assert (f'condition     = try(tonumber(split(".", var.kube_version)[1]) >= {minor[1]}, '
            "var.kube_version == null)") in out
    assert not any(d.startswith(("IT332", "IT333")) for d in diags), diags
    out, diags = _run("var.kube_version", default="1.27")
    assert "version  = var.kube_version" in out and "precondition" in out
    assert any(d.startswith("IT333 ERROR") and "1.27" in d for d in diags), diags
