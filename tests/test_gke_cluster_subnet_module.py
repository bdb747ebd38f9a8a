"""GKE clusters whose network comes from a child module that also outputs its subnet."""

from __future__ import annotations

from iac_translate.compiler.api import translate

_NET_MODULE = '''
variable "region" {
  type = string
}
resource "ovh_cloud_project_network_private" "net" {
  service_name = "0123456789abcdef0123456789abcdef"
  name         = "net"
  regions      = [var.region]
}
resource "ovh_cloud_project_network_private_subnet" "nodes" {
  service_name = "0123456789abcdef0123456789abcdef"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = var.region
  start        = "10.0.0.2"
  end          = "10.0.255.254"
  network      = "10.0.0.0/16"
  dhcp         = true
}
output "openstack_network_id" {
  value = ovh_cloud_project_network_private.net.regions_openstack_ids[var.region]
}
output "subnet_cidr" {
  value = ovh_cloud_project_network_private_subnet.nodes.network
}
%s
'''

_ROOT = '''
module "network" {
  source = "./modules/network"
  region = "GRA11"
}
resource "ovh_cloud_project_kube" "k" {
  service_name       = "0123456789abcdef0123456789abcdef"
  name               = "k"
  region             = "GRA11"
  private_network_id = module.network.openstack_network_id
}
'''

_SUBNET_OUTPUT = '''output "subnet_id" {
  value = ovh_cloud_project_network_private_subnet.nodes.id
}'''


def _cluster(files: dict[str, str]) -> str:
    text = files["main.tf"]
    return text[text.index('"google_container_cluster" "k"'):].split("\n}\n", 1)[0]


def test_cluster_subnetwork_is_the_network_modules_subnet_output() -> None:
    # howling-trader: `private_network_id = module.network.openstack_network_id` and the
    # module outputs its nodes subnet: GKE got a TODO(IT206) string as subnetwork.
    r = translate({"main.tf": _ROOT, "modules/network/main.tf": _NET_MODULE % _SUBNET_OUTPUT},
                  "gke")
    cluster = _cluster(r.files)
    assert "subnetwork               = module.network.subnet_id" in cluster
    assert "TODO" not in cluster
    assert not [d for d in r.diagnostics if d.code == "IT206"]
    # the ranges the cluster names are on that subnet, in the child module
    child = r.files["modules/network/main.tf"]
    assert 'range_name    = "k-pods"' in child and 'range_name    = "k-services"' in child


def test_no_subnet_output_of_the_right_kind_keeps_the_diagnostic() -> None:
    # `subnet_cidr` reads the subnet too, but it is a range, not a subnetwork.
    r = translate({"main.tf": _ROOT, "modules/network/main.tf": _NET_MODULE % ""}, "gke")
    assert "module.network.subnet_cidr" not in _cluster(r.files)
    assert [d for d in r.diagnostics if d.code == "IT206" and "subnet" in d.message]
