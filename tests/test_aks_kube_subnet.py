"""AKS: the nodes' subnet from a network module's output, and ranges clear of that subnet."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_NET = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = "0123456789abcdef0123456789abcdef"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "%(prefix)s.0.2"
  end          = "%(prefix)s.255.254"
  network      = "%(prefix)s.0.0/16"
  dhcp         = true
}
output "openstack_network_id" {
  value = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
}
%(outputs)s
'''

_SUBNET_ID = '''output "subnet_id" {
  value = ovh_cloud_project_network_private_subnet.nodes.id
}'''

_ROOT = '''
module "network" {
  source = "./modules/network"
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = "0123456789abcdef0123456789abcdef"
  name               = "k"
  region             = "GRA11"
  private_network_id = module.network.openstack_network_id
}
resource "ovh_cloud_project_kube_nodepool" "p" {
  service_name  = "0123456789abcdef0123456789abcdef"
  kube_id       = ovh_cloud_project_kube.k.id
  name          = "p"
  flavor_name   = "b3-8"
  desired_nodes = 2
}
'''


def _run(prefix: str, outputs: str) -> tuple[list[tuple[str, str]], str]:
    r = translate({"main.tf": _ROOT, "modules/network/main.tf":
                   _NET % {"prefix": prefix, "outputs": outputs}}, "aks")
    return [(d.code, d.message) for d in r.diagnostics], r.files["main.tf"]


def test_nodes_use_the_subnet_the_network_module_outputs() -> None:
    # howling-trader: the cluster names `module.network.openstack_network_id` only; the
    # module outputs its one subnet: AKS put the nodes in a VNet of its own (IT308).
    diags, text = _run("10.40", _SUBNET_ID)
    assert text.count("vnet_subnet_id = module.network.subnet_id") == 1  # the system pool
    assert "vnet_subnet_id = module.network.subnet_id" in text.split(
        '"azurerm_kubernetes_cluster_node_pool" "p"')[1]  # and the OVH pool, as its cluster
    assert "scope                = module.network.subnet_id" in text
    assert not [m for c, m in diags if c == "IT308" and "nodes_subnet_id" in m]
    assert [m for c, m in diags if c == "IT307" and "the network's only subnet" in m]
    assert "service_cidr" not in text  # 10.40.0.0/16 is clear of AKS's defaults


def test_without_an_output_of_the_subnet_id_the_warning_stays() -> None:
    diags, text = _run("10.40", "")
    assert "vnet_subnet_id" not in text
    assert [m for c, m in diags if c == "IT308" and "nodes_subnet_id" in m]


def test_a_subnet_on_aks_default_service_range_moves_the_service_range() -> None:
    # 10.0.0.0/16 is AKS's default service CIDR: the cluster would be refused at create.
    diags, text = _run("10.0", _SUBNET_ID)
    assert 'service_cidr        = "172.16.0.0/16"' in text
    assert 'dns_service_ip      = "172.16.0.10"' in text
    assert "pod_cidr  " not in text
    assert [m for c, m in diags if c == "IT307" and "overlaps AKS's default" in m]


def test_a_subnet_on_aks_default_pod_range_moves_the_pod_range() -> None:
    diags, text = _run("10.244", _SUBNET_ID)
    assert 'pod_cidr            = "192.168.0.0/16"' in text
    assert "service_cidr" not in text
