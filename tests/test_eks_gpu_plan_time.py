"""EKS node groups whose instance type is known only at plan time: the NVIDIA AMI and the GPU
taint when it is a GPU type (targets/eks/nodegroup.py)."""

from __future__ import annotations

import re
from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.targets.mapping import load_tables

GOLDEN = Path(__file__).parent.parent / "golden"
AMI = (r'ami_type = can\(regex\("([^"]+)", var\.gpu_flavor\)\) \? '
       r'"AL2023_x86_64_NVIDIA" : "AL2023_x86_64_STANDARD"')

POOL = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}
variable "flavor" {
  type = string
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = %(flavor)s
  desired_nodes = 1
%(template)s}
'''
GPU_TAINT = '''  template {
    spec {
      taints = [{ key = "nvidia.com/gpu", value = "true", effect = "NoSchedule" }]
    }
  }
'''


def _group(flavor: str, template: str = "") -> tuple[str, list[str]]:
    r = translate({"main.tf": POOL % {"flavor": flavor, "template": template}}, "eks")
    main = r.files["main.tf"]
    start = main.index('resource "aws_eks_node_group" "p"')
    return main[start:main.index("\n}\n", start)], [
        d.message for d in r.diagnostics if d.code == "IT301"]


def test_a_group_of_a_computed_flavor_gets_the_gpu_ami_and_taint_when_its_type_is_a_gpu_one(
        ) -> None:
    r = translate(GOLDEN / "estate_gpu_flavor_module_variable" / "input", "eks")
    tf = r.files["terraform/platform/modules/cluster/main.tf"]
    m = re.search(AMI, tf)
    assert m is not None, tf
    # the regex (RE2 and Python agree on this one) tells every GPU instance type of the
    # mapping from every other type
    pattern = re.compile(m.group(1))
    machines = load_tables("eks").machine_types["machine_types"]
    for name, spec in machines.items():
        assert bool(pattern.match(name)) == bool(spec.get("gpu")), name
    # the taint block tests the same
    taint = re.escape(m.group(1))
    assert re.search(r'dynamic "taint" \{\n\s+for_each = can\(regex\("' + taint +
                     r'", var\.gpu_flavor\)\) \? \[1\] : \[\]\n\n\s+content \{\n'
                     r'\s+key\s+= "nvidia\.com/gpu"\n\s+value\s+= "true"\n'
                     r'\s+effect = "NO_SCHEDULE"', tf), tf
    assert any(d.code == "IT301" and "known only at plan time: ami_type is "
               "AL2023_x86_64_NVIDIA and the taint nvidia.com/gpu=true:NO_SCHEDULE (which the GPU "
               "pods tolerate) is added when" in d.message for d in r.diagnostics)
    # the GPU pods tolerate it
    assert "key: nvidia.com/gpu\n        operator: Exists" in r.files["kubernetes/llm.yaml"]


def test_a_computed_flavor_with_the_gpu_taint_written_gets_only_the_ami_test() -> None:
    block, said = _group("var.flavor", GPU_TAINT)
    assert 'ami_type = can(regex("^(' in block
    assert block.count("nvidia.com/gpu") == 1, block  # the source's taint, not a second one
    assert [m for m in said if "ami_type is AL2023_x86_64_NVIDIA when" in m], said


def test_a_known_flavor_gets_no_plan_time_test() -> None:
    for flavor, ami in (('"b3-8"', "AL2023_x86_64_STANDARD"), ('"l4-90"', "AL2023_x86_64_NVIDIA")):
        block, said = _group(flavor)
        assert re.search(f'ami_type += "{ami}"', block) and "can(regex" not in block, block
        assert not [m for m in said if "known only at plan time" in m], said
