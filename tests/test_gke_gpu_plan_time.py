"""GKE node pools whose machine type is known only at plan time: a dynamic guest_accelerator
block with the NVIDIA driver when the type is a GPU one (targets/gke/nodepool_gpu.py)."""

from __future__ import annotations

import re
from pathlib import Path

from iac_translate.compiler.api import translate
from iac_translate.targets.mapping import load_tables

GOLDEN = Path(__file__).parent.parent / "golden"
MODULE = "terraform/platform/modules/cluster/"

POOL = '''
resource "ovh_cloud_project_kube" "k" {
  service_name = "x"
  name         = "k"
  region       = "GRA11"
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  %(meta)s
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = %(flavor)s
  desired_nodes = 1
}
'''


def _pool(flavor: str, meta: str = "") -> tuple[str, str, list[str]]:
    r = translate({"main.tf": POOL % {"flavor": flavor, "meta": meta}}, "gke")
    main = r.files["main.tf"]
    start = main.index('resource "google_container_node_pool" "p"')
    return main[start:main.index("\n}\n", start)], r.files.get("gke_scaffold.tf", ""), [
        d.message for d in r.diagnostics if d.code == "IT301" and "plan time" in d.message]


def test_a_plan_time_machine_type_gets_the_gpus_and_driver_of_a_gpu_type() -> None:
    r = translate(GOLDEN / "estate_gpu_flavor_module_variable" / "input", "gke")
    tf = r.files[MODULE + "main.tf"]
    assert re.search(
        r'dynamic "guest_accelerator" \{\n\s+for_each = contains\(keys\(local\.gke_gpu_machines'
        r'\), var\.gpu_flavor\) \? \[local\.gke_gpu_machines\[var\.gpu_flavor\]\] : \[\]\n\n'
        r'\s+content \{\n\s+count = guest_accelerator\.value\.count\n'
        r'\s+type  = guest_accelerator\.value\.type\n\n'
        r'\s+gpu_driver_installation_config \{\n\s+gpu_driver_version = "LATEST"', tf), tf
    # the map has every GPU machine type of the table, with its accelerator and count
    scaffold = r.files[MODULE + "gke_scaffold.tf"]
    rows = dict((m[0], (m[1], int(m[2]))) for m in re.findall(
        r'"([a-z0-9-]+)" += \{ type = "([a-z0-9-]+)", count = (\d+) \}', scaffold))
    machines = load_tables("gke").machine_types["machine_types"]
    assert rows == {k: (v["gpu"]["accelerator"], v["gpu"]["count"])
                    for k, v in machines.items() if v.get("gpu")}
    assert "g2-standard-32" in rows  # what the variable's default (l4-90) maps to
    said = [d for d in r.diagnostics if d.code == "IT301" and "plan time" in d.message]
    assert len(said) == 1 and said[0].severity.value == "warning"
    assert "gpu_driver_installation_config LATEST" in said[0].message
    assert "t1-45" in said[0].message  # N1 with attached GPUs: said, not added


def test_the_map_is_written_once_per_module() -> None:
    src = POOL % {"flavor": "var.f", "meta": ""}
    src += src.replace('"p"', '"q"').split('resource "ovh_cloud_project_kube" "k"')[0]
    src += ('resource "ovh_cloud_project_kube_nodepool" "q" {\n  kube_id = '
            'ovh_cloud_project_kube.k.id\n  name = "q"\n  flavor_name = var.f\n'
            '  desired_nodes = 1\n}\nvariable "f" {\n  type = string\n}\n')
    r = translate({"main.tf": src}, "gke")
    assert r.files["main.tf"].count('dynamic "guest_accelerator"') == 2
    assert r.files["gke_scaffold.tf"].count("gke_gpu_machines = {") == 1


def test_a_known_gpu_flavor_keeps_its_static_block() -> None:
    block, scaffold, said = _pool('"l4-90"')
    assert 'dynamic "guest_accelerator"' not in block and "gke_gpu_machines" not in scaffold
    assert re.search(r'guest_accelerator \{\n\s+count = 1\n\s+type\s+= "nvidia-l4"\n\n'
                     r'\s+gpu_driver_installation_config \{\n\s+gpu_driver_version = "LATEST"',
                     block), block
    assert not said


def test_a_literal_for_each_of_cpu_flavors_gets_no_gpu_block() -> None:
    meta = 'for_each = { a = { flavor = "b3-8" }, b = { flavor = "b3-16" } }'
    block, scaffold, said = _pool("each.value.flavor", meta)
    assert "machine_type" in block and "guest_accelerator" not in block, block
    assert "gke_gpu_machines" not in scaffold and not said
    # one GPU flavor among them: the block, per instance
    block, scaffold, said = _pool("each.value.flavor", meta.replace('"b3-16"', '"l4-90"'))
    assert 'dynamic "guest_accelerator"' in block and "gke_gpu_machines" in scaffold, block
    assert said
