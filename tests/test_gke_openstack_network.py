"""GKE lowering of OVH's OpenStack networking from the network specs (native argument names)."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SRC = '''
provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = "GRA11"
}
resource "openstack_networking_network_v2" "n" {
  name           = "n"
  admin_state_up = false
}
resource "openstack_networking_subnet_v2" "s" {
  network_id  = openstack_networking_network_v2.n.id
  cidr        = "10.0.0.0/24"
  ip_version  = 4
  enable_dhcp = false
  allocation_pool {
    start = "10.0.0.10"
    end   = "10.0.0.20"
  }
}
resource "openstack_networking_router_v2" "r" {
  name                = "r"
  external_network_id = "ext"
}
resource "openstack_networking_router_interface_v2" "i" {
  router_id = openstack_networking_router_v2.r.id
  subnet_id = openstack_networking_subnet_v2.s.id
}
'''


def test_openstack_network_on_gke() -> None:
    r = translate({"main.tf": SRC}, "gke")
    main = r.files["main.tf"]
    diags = [(d.code, d.message) for d in r.diagnostics]
    # the router's NAT lists the subnet its interface attaches
    assert "name                    = google_compute_subnetwork.s.id" in main
    assert 'source_subnetwork_ip_ranges_to_nat = "LIST_OF_SUBNETWORKS"' in main
    assert "provider" not in main.split("resource", 1)[1]  # openstack.x is gone
    said = {m.split(" of ")[0] for c, m in diags if c == "IT302"}
    assert {"`enable_dhcp`", "`allocation_pool`", "`admin_state_up`"} <= said
    assert not any("ip_version" in m for _, m in diags)  # 4 is what GCP subnets are
    assert any(c == "IT310" and "openstack_networking_router_interface_v2.i" in m
               for c, m in diags)
