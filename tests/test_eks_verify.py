"""`verify --target eks`: the AWS blocks are read back and compared with the OVH intent."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from iac_translate.compiler.verify import verify

SRC = {"main.tf": '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "p"
  name         = "prod"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube_nodepool" "pool" {
  service_name  = "p"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "pool"
  flavor_name   = "b3-16"
  desired_nodes = 3
}
resource "ovh_cloud_project_storage" "b" {
  service_name = "p"
  region_name  = "GRA"
  name         = "media"
}
'''}


def _facts(out: dict[str, str]) -> dict[tuple[str, str], str]:
    v = verify(SRC, out, "eks")
    assert not [d for d in v.diagnostics if d.code != "IT353"], v.diagnostics
    return {(r.object.rsplit(".", 1)[-1], r.fact): r.verdict for r in v.rows}


def test_translation_verifies() -> None:
    out = translate(SRC, "eks").files
    facts = _facts(out)
    # the region is the provider's (AWS resources carry none), sizes come from the EKS table
    for key in (("k", "location"), ("pool", "nodes"), ("pool", "vcpu"), ("pool", "ram_gb"),
                ("b", "name"), ("b", "location")):
        assert facts[key] in ("equal", "mapped"), key
    assert "lost" not in facts.values()


def test_a_changed_output_is_found() -> None:
    out = translate(SRC, "eks").files
    tampered = {k: v.replace("desired_size = 3", "desired_size = 1")
                .replace('instance_types  = ["m7i.xlarge"]', 'instance_types  = ["m7i.large"]')
                for k, v in out.items()}
    assert tampered != out
    v = verify(SRC, tampered, "eks")
    lost = {(r.object.rsplit(".", 1)[-1], r.fact) for r in v.lost}
    assert ("pool", "nodes") in lost and ("pool", "vcpu") in lost
