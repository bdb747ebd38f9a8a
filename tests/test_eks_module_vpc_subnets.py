"""EKS: a cluster whose network is a module's output finds its private subnets with a
data.aws_subnets lookup of that VPC, which waits for the whole module (depends_on): the VPC
id alone would let the lookup run before the module's subnets exist and find none."""

from __future__ import annotations

from pathlib import Path

from iac_translate.compiler.api import translate

CASE = Path(__file__).resolve().parent.parent / "golden" / "kube_network_module_indexed" / "input"


def _scaffold() -> str:
    files = {str(p.relative_to(CASE)): p.read_text(encoding="utf-8")
             for p in CASE.rglob("*.tf")}
    out = translate(files, "eks").files
    return out["eks_scaffold.tf"]


def test_the_subnet_lookup_waits_for_the_module() -> None:
    text = _scaffold()
    edge = text.split('data "aws_subnets" "edge_private" {', 1)[1].split("\n}\n", 1)[0]
    site = text.split('data "aws_subnets" "site_private" {', 1)[1].split("\n}\n", 1)[0]
    assert "depends_on = [module.edge]" in edge, edge
    assert "depends_on = [module.site]" in site, site


def test_a_default_vpc_lookup_has_no_module_to_wait_for() -> None:
    r = translate({"main.tf": 'resource "ovh_cloud_project_kube" "k" {\n  service_name = "x"\n'
                   '  name = "k"\n  region = "GRA11"\n}\n'}, "eks")
    assert "depends_on" not in r.files["eks_scaffold.tf"]
