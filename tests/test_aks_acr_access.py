"""AcrPull for AKS kubelet identities: one per registry x cluster pair in small modules, one
per cluster on the resource group past acr_scope.PAIRS_PER_REGISTRY_MAX pairs (issue 14)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from iac_translate.compiler.api import Result, translate
from iac_translate.targets.aks.acr_scope import PAIRS_PER_REGISTRY_MAX

BENCH = Path(__file__).resolve().parent.parent / "bench"
HEAD = '''variable "service_name" {
  type = string
}
'''


def _registry(name: str, data: bool = False) -> str:
    if data:
        return f'''
data "ovh_cloud_project_containerregistry" "{name}" {{
  service_name = var.service_name
  registry_id  = "{name}-id"
}}
'''
    return f'''
resource "ovh_cloud_project_containerregistry" "{name}" {{
  service_name = var.service_name
  name         = "{name}images"
  region       = "GRA"
}}
'''


def _cluster(name: str, meta: str = "") -> str:
    return f'''
resource "ovh_cloud_project_kube" "{name}" {{
  service_name = var.service_name
  name         = "{name}-mks"
  region       = "GRA11"
{meta}}}
'''


def _module(regs: int, clusters: int, repeated: int = 0, data_regs: int = 0) -> str:
    return HEAD + "".join(_registry(f"r{i}") for i in range(regs)) + \
        "".join(_registry(f"d{i}", data=True) for i in range(data_regs)) + \
        "".join(_cluster(f"k{i}") for i in range(clusters)) + \
        "".join(_cluster(f"n{i}", "  count = 2\n") for i in range(repeated))


def _roles(text: str) -> dict[str, dict[str, str]]:
    """label -> its arguments, of every azurerm_role_assignment in `text`."""
    out = {}
    for label, body in re.findall(r'resource "azurerm_role_assignment" "([^"]+)" \{\n(.*?)\n\}',
                                  text, re.S):
        out[label] = dict(re.findall(r"^\s*(\w+)\s+=\s+(.+)$", body, re.M))
    return out


def _run(files: dict[str, str]) -> tuple[Result, dict[str, dict[str, str]]]:
    result = translate(files, "aks")
    return result, _roles("\n".join(result.files.values()))


def _warnings(result: Result, code: str, text: str) -> list[str]:
    return [d.message for d in result.diagnostics if d.code == code and text in d.message]


def test_five_registries_four_clusters_get_four_group_assignments() -> None:
    result, roles = _run({"main.tf": _module(5, 4)})
    assert 5 * 4 > PAIRS_PER_REGISTRY_MAX
    assert sorted(roles) == [f"k{i}_acr_pull" for i in range(4)]
    for i in range(4):
        role = roles[f"k{i}_acr_pull"]
        assert role["scope"] == "azurerm_resource_group.main.id"
        assert role["role_definition_name"] == '"AcrPull"'
        assert role["principal_id"] == \
            f"azurerm_kubernetes_cluster.k{i}.kubelet_identity[0].object_id"
    (warning,) = _warnings(result, "IT301", "AcrPull granted on the resource group")
    assert "each of the 4 clusters" in warning and "not only these 5" in warning
    assert "20 registry x cluster pairs" in warning and f"the {PAIRS_PER_REGISTRY_MAX}" in warning
    # each registry's own note says where its pulls are granted
    notes = _warnings(result, "IT301", "becomes an Azure Container Registry")
    assert len(notes) == 5 and all("on the resource group)" in n for n in notes), notes


def test_two_registries_two_clusters_stay_per_registry() -> None:
    result, roles = _run({"main.tf": _module(2, 2)})
    assert sorted(roles) == sorted(f"r{r}_pull_k{k}" for r in range(2) for k in range(2))
    for label, role in roles.items():
        assert role["scope"] == f"azurerm_container_registry.{label.split('_')[0]}.id"
        assert role["role_definition_name"] == '"AcrPull"'
    assert not _warnings(result, "IT301", "AcrPull granted on the resource group")
    notes = _warnings(result, "IT301", "becomes an Azure Container Registry")
    assert len(notes) == 2 and all("on this registry)" in n for n in notes), notes


def test_the_threshold_itself_stays_per_registry() -> None:
    _, roles = _run({"main.tf": _module(4, 4)})
    assert 4 * 4 == PAIRS_PER_REGISTRY_MAX
    assert len(roles) == 16 and all(r["scope"].startswith("azurerm_container_registry.")
                                    for r in roles.values())


def test_one_registry_never_widens_to_the_group() -> None:
    """17 clusters of one registry: the group would grant more for as many assignments."""
    _, roles = _run({"main.tf": _module(1, PAIRS_PER_REGISTRY_MAX + 1)})
    assert len(roles) == PAIRS_PER_REGISTRY_MAX + 1
    assert {r["scope"] for r in roles.values()} == {"azurerm_container_registry.r0.id"}


def test_repeated_clusters_count_as_blocks_and_are_reported_once() -> None:
    # 5 registries x (3 + 1 repeated) clusters = 20 blocks' pairs: the group is taken.
    result, roles = _run({"main.tf": _module(5, 3, repeated=1)})
    assert sorted(roles) == [f"k{i}_acr_pull" for i in range(3)]
    repeated = _warnings(result, "IT308", "ovh_cloud_project_kube.n0 is repeated")
    assert len(repeated) == 1 and "resource group" in repeated[0], repeated
    (warning,) = _warnings(result, "IT301", "AcrPull granted on the resource group")
    assert "each of the 3 clusters" in warning and "20 registry x cluster pairs" in warning


def test_data_registries_are_not_counted() -> None:
    """A data source reads a registry: it gets no AcrPull, so it adds no pair."""
    _, roles = _run({"main.tf": _module(2, 4, data_regs=3)})
    assert len(roles) == 8 and all(r["scope"].startswith("azurerm_container_registry.r")
                                   for r in roles.values())


def test_a_child_module_spells_out_the_group_id() -> None:
    root = '''module "apps" {
  source = "./modules/apps"
}
'''
    result, _ = _run({"main.tf": root, "modules/apps/main.tf": _module(5, 4)})
    child = "\n".join(t for p, t in result.files.items() if p.startswith("modules/"))
    roles = _roles(child)
    assert sorted(roles) == [f"k{i}_acr_pull" for i in range(4)]
    assert {r["scope"] for r in roles.values()} == {
        '"/subscriptions/${data.azurerm_client_config.current.subscription_id}'
        '/resourceGroups/${var.resource_group_name}"'}
    assert 'data "azurerm_client_config" "current"' in child
    (warning,) = _warnings(result, "IT301", "AcrPull granted on the resource group")
    assert "`var.resource_group_name`" in warning


def test_bench_role_assignments_grow_like_the_input(tmp_path: Path) -> None:
    """bench/gen_ovh.py puts every stack (a registry, a cluster) in one module: per-registry
    grants grew as the square (8 -> 208 role assignments for 8x the input, 665,858 at
    20,000 resources); now about like the input (8 -> 56)."""
    counts = []
    for n in (40, 320):
        subprocess.run([sys.executable, str(BENCH / "gen_ovh.py"), str(n), str(tmp_path / str(n))],
                       check=True, capture_output=True)
        result = translate([tmp_path / str(n)], "aks")
        counts.append(sum(t.count('resource "azurerm_role_assignment"')
                          for t in result.files.values()))
    assert counts[0] > 0 and counts[1] <= 2 * 8 * counts[0], counts


def test_the_group_grant_is_not_repeated_like_the_first_registry() -> None:
    """The first registry writes the group's assignments: its count is its own (one
    assignment per cluster, not one per registry instance, which Azure would refuse)."""
    text = _module(5, 4).replace('name         = "r0images"',
                                 'count        = 2\n  name         = "r0images-${count.index}"')
    _, roles = _run({"main.tf": text})
    assert sorted(roles) == [f"k{i}_acr_pull" for i in range(4)]
    assert not any("count" in r for r in roles.values()), roles
