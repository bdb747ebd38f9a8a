"""OVH S3 endpoints in values (targets/tfbase/endpoint.py): replaced where the target has an
S3-compatible endpoint, a reported placeholder (never silently kept) where it has none."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SRC = '''
variable "ep" {
  type    = string
  default = "https://s3.gra.io.cloud.ovh.net"
}
output "ep" {
  value = var.ep
}
'''


def test_replaced_by_a_placeholder_without_an_s3_endpoint() -> None:
    """AKS (Blob has no S3 API): never the OVH endpoint kept; a variable default cannot read
    the gateway variable, so the variable loses its default (IT365, then IT383: plan asks
    for it), reported where written."""
    r = translate({"main.tf": SRC}, "aks")
    assert "ovh.net" not in r.files["main.tf"]
    assert 'variable "ep" {\n  type = string\n}' in r.files["main.tf"]
    d = [d for d in r.diagnostics if d.span and d.span.line == 4]
    assert sorted(x.code for x in d) == ["IT365", "IT383"]
    assert "Azure has no S3-compatible endpoint" in d[0].message


def test_replaced_with_an_s3_endpoint() -> None:
    r = translate({"main.tf": SRC}, "gke")
    assert "s3.gra.io.cloud.ovh.net" not in r.files["main.tf"]
    assert [d.code for d in r.diagnostics if d.span and d.span.line == 4] == ["IT301"]
