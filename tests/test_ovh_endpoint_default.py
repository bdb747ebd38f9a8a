"""An OVH endpoint held in a variable's default and published by an output (eimis-synapse's
media-repo URL): mapped where the target has a mapping, reported where it has none."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import lint, translate

TF = '''
variable "media_endpoint" {
  type    = string
  default = "%s"
}

resource "ovh_cloud_project_storage" "media" {
  service_name = "b309c78177f1458187add722e8db8dc2"
  region_name  = "GRA"
  name         = "media"
}

output "media_url" {
  value = "https://media.${var.media_endpoint}/"
}
'''


@pytest.mark.parametrize("target,code", [("gke", "IT301"), ("eks", "IT301"),
                                         ("scaleway", "IT301"), ("aks", "IT365")])
def test_an_s3_endpoint_default_is_mapped_and_said(target: str, code: str) -> None:
    result = translate({"main.tf": TF % "https://s3.gra.io.cloud.ovh.net"}, target)
    assert not any("ovh.net" in t for t in result.files.values())
    assert any(d.code == code and d.span and d.span.line == 4 for d in result.diagnostics)


def test_lint_reports_the_default() -> None:
    found = [d for d in lint({"main.tf": TF % "https://gra.ai.cloud.ovh.net"}) if d.code == "IT221"]
    assert [d.span.line for d in found if d.span] == [4]
    assert found[0].message.startswith("the default of variable `media_endpoint` hard-codes")
    out = 'output "api" {\n  value = "https://gra.ai.cloud.ovh.net/v1"\n}\n'
    said = [d.message for d in lint({"main.tf": out}) if d.code == "IT221"]
    assert said == ["output `api` hard-codes the OVHcloud endpoint "
                    "`https://gra.ai.cloud.ovh.net/v1`"]


# No target maps an AI endpoint, a virtual-hosted bucket or an object URL: the value stays
# (no guess) and needs a diagnostic where it is written, as a local's gets (IT309): the
# self-check looks at variable and output blocks too (targets/tfbase/selfcheck.py `_ENDPOINTS`).
@pytest.mark.parametrize("endpoint", ["https://gra.ai.cloud.ovh.net",
                                      "https://media.s3.gra.io.cloud.ovh.net/",
                                      "https://s3.gra.io.cloud.ovh.net/media/index.html"])
def test_an_unmapped_endpoint_default_is_reported(endpoint: str) -> None:
    result = translate({"main.tf": TF % endpoint}, "gke")
    assert endpoint in result.files["main.tf"]  # not rewritten: no mapping exists
    assert any(d.code == "IT309" and d.span and d.span.line == 4 for d in result.diagnostics)


# eimis-synapse (before it moved the scheme into the provider) held the host alone and built
# `https://<bucket>.${var.endpoint}/`: the replacement is a URL, so the output became
# `https://media.https://storage.googleapis.com/`. The form of the source (a host) is kept
# (targets/tfbase/endpoint.replace).
@pytest.mark.parametrize("target", ["gke", "eks", "scaleway"])
def test_a_host_endpoint_is_replaced_by_a_host(target: str) -> None:
    result = translate({"main.tf": TF % "s3.gra.io.cloud.ovh.net"}, target)
    default = result.files["main.tf"].split('variable "media_endpoint"')[1].split("}")[0]
    assert "ovh.net" not in default and "://" not in default, default
