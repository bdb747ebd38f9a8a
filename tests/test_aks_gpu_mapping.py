"""AKS GPU mapping: OVH's V100 and V100S flavors map to a size Azure still offers (NCv3, the
V100 sizes, retired on 30 September 2025), saying that the GPU model changes (IT311)."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate
from iac_translate.targets.fit import fit_machine
from iac_translate.targets.mapping import load_tables

RETIRED = re.compile(r"^Standard_NC(6|12|24)s_v3$")  # NCv3
POOL = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "%s"
  desired_nodes = 1
}
'''


def test_every_ovh_gpu_flavor_fits_a_size_of_the_table_none_of_them_retired() -> None:
    t = load_tables("aks")
    sizes = t.machine_types["machine_types"]
    assert not [s for s in sizes if RETIRED.match(s)]
    flavors = {k: v for k, v in t.ovh_flavors["instance"].items() if v.get("gpu")}
    assert [k for k, v in flavors.items() if v["gpu"]["model"] in ("V100", "V100S")]
    for name, flavor in flavors.items():
        fit = fit_machine(flavor, t)
        assert fit is not None and fit.machine_type in sizes, name
        if flavor["gpu"]["model"] in ("V100", "V100S"):
            # NC A100 v4, the successor Azure names, with NCv3's GPU count and no less memory
            assert fit.machine_type.endswith("ads_A100_v4"), (name, fit.machine_type)
            assert fit.gpu_count == flavor["gpu"]["count"], name
            gpu = sizes[fit.machine_type]["gpu"]
            assert gpu["memory_gb"] >= flavor["gpu"]["memory_gb"], name
            assert "ncv3-nc6s-nc12s-nc24s-retirement" in fit.note, name


def test_a_v100s_pool_runs_on_nc_a100_v4_and_says_the_gpu_model_changes() -> None:
    r = translate({"main.tf": POOL % "t2-90"}, "aks")
    tf = r.files["main.tf"]
    assert re.search(r'vm_size += "Standard_NC48ads_A100_v4"', tf), tf
    assert "_v3" not in tf
    said = [d for d in r.diagnostics if d.code == "IT311"]
    assert said and "2x V100S" in said[0].message and "2x A100-80" in said[0].message, said
    assert "retired NCv3" in said[0].hint, said[0].hint
