"""OpenStack Octavia load balancers on GKE: read as OVH's load balancer (read_octavia) and
lowered to a regional passthrough Network Load Balancer; the parts are translated with it."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from iac_translate.compiler.diagnostics import Diagnostic

SRC = '''
provider "openstack" {
  region = "GRA11"
}
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.0.0.0/24"
}
resource "openstack_compute_instance_v2" "web" {
  count       = var.n
  name        = "web-${count.index}"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
  region      = "GRA11"
  network {
    uuid = openstack_networking_network_v2.net.id
  }
}
variable "n" {
  default = 2
}
resource "openstack_lb_loadbalancer_v2" "lb" {
  name          = "web"
  vip_subnet_id = openstack_networking_subnet_v2.sub.id
}
resource "openstack_lb_listener_v2" "http" {
  loadbalancer_id  = openstack_lb_loadbalancer_v2.lb.id
  protocol         = "HTTP"
  protocol_port    = 80
  connection_limit = 100
}
resource "openstack_lb_pool_v2" "pool" {
  listener_id = openstack_lb_listener_v2.http.id
  protocol    = "HTTP"
  lb_method   = "ROUND_ROBIN"
}
resource "openstack_lb_member_v2" "m" {
  count         = var.n
  pool_id       = openstack_lb_pool_v2.pool.id
  address       = openstack_compute_instance_v2.web[count.index].access_ip_v4
  protocol_port = 80
}
resource "openstack_lb_member_v2" "literal" {
  pool_id       = openstack_lb_pool_v2.pool.id
  address       = "10.0.0.10"
  protocol_port = 80
}
resource "openstack_lb_monitor_v2" "hc" {
  pool_id     = openstack_lb_pool_v2.pool.id
  type        = "HTTP"
  delay       = 5
  timeout     = 3
  max_retries = 3
  url_path    = "/healthz"
}
resource "openstack_networking_floatingip_v2" "fip" {
  pool = "Ext-Net"
}
resource "openstack_networking_floatingip_associate_v2" "a" {
  floating_ip = openstack_networking_floatingip_v2.fip.address
  port_id     = openstack_lb_loadbalancer_v2.lb.vip_port_id
}
resource "openstack_lb_listener_v2" "orphan" {
  loadbalancer_id = "0b1c6f5e-4d3a-4b7e-9c2d-1a2b3c4d5e6f"
  protocol        = "TCP"
  protocol_port   = 22
}
output "vip" {
  value = openstack_lb_loadbalancer_v2.lb.vip_address
}
'''

PARTS = ("openstack_lb_listener_v2.http", "openstack_lb_pool_v2.pool",
         "openstack_lb_member_v2.m", "openstack_lb_monitor_v2.hc",
         "openstack_networking_floatingip_associate_v2.a")


def _main() -> tuple[str, list[Diagnostic]]:
    r = translate({"main.tf": SRC}, "gke")
    return r.files["main.tf"], list(r.diagnostics)


def test_octavia_becomes_a_passthrough_load_balancer_on_the_floating_ip() -> None:
    main, diags = _main()
    assert "TODO(IT305): openstack_lb_loadbalancer_v2" not in main
    # the associated floating IP's address fronts it: no second address
    assert 'resource "google_compute_address" "lb"' not in main
    assert "ip_address            = google_compute_address.fip.address" in main
    assert 'load_balancing_scheme = "EXTERNAL"' in main
    assert 'ports                 = ["80"]' in main
    assert "backend_service       = google_compute_region_backend_service.lb.id" in main
    assert "request_path = \"/healthz\"" in main
    assert not [d for d in diags if d.code == "IT305"
                and d.message.startswith("openstack_lb_loadbalancer_v2.lb ")]


def test_counted_members_of_counted_instances_are_one_instance_group() -> None:
    main, diags = _main()
    assert 'resource "google_compute_instance_group" "web"' in main
    assert "instances = google_compute_instance.web[*].self_link" in main
    assert "group          = google_compute_instance_group.web.self_link" in main
    assert 'balancing_mode = "CONNECTION"' in main
    # a literal address is no VM: said, and no backend made of it
    assert any(d.code == "IT308" and '"10.0.0.10"' in d.message for d in diags)


def test_the_firewall_admits_probers_and_clients_on_the_backends_network() -> None:
    main, _ = _main()
    fw = main.split('resource "google_compute_firewall" "lb"')[1].split("\n}\n")[0]
    for cidr in ("35.191.0.0/16", "130.211.0.0/22", "209.85.152.0/22", "0.0.0.0/0"):
        assert f'"{cidr}"' in fw
    assert "network   = google_compute_subnetwork.sub.network" in fw


def test_vip_references_read_the_address() -> None:
    main, _ = _main()
    assert "value = google_compute_address.fip.address" in main


def test_octavia_parts_are_translated_with_their_load_balancer() -> None:
    _, diags = _main()
    for part in PARTS:
        said = [d for d in diags if d.message.startswith(part + " ")]
        assert any(d.code == "IT306" and "openstack_lb_loadbalancer_v2.lb" in d.message
                   for d in said), part
        assert not any(d.code == "IT305" for d in said), part
    # an argument no part of the spec reads is still reported where it is written
    assert any(d.code == "IT302" and "connection_limit" in d.message for d in diags)


def test_a_listener_of_no_translated_load_balancer_stays_an_openstack_todo() -> None:
    _, diags = _main()
    assert any(d.code == "IT305" and d.message.startswith("openstack_lb_listener_v2.orphan ")
               and "no GKE translation" in d.message for d in diags)


def test_backends_of_one_security_group_are_the_firewall_targets() -> None:
    src = SRC.replace('  image_name  = "Debian 12"\n', '  image_name  = "Debian 12"\n'
                      '  security_groups = [openstack_networking_secgroup_v2.web.name]\n', 1)
    src += 'resource "openstack_networking_secgroup_v2" "web" {\n  name = "web"\n}\n'
    main = translate({"main.tf": src}, "gke").files["main.tf"]
    fw = main.split('resource "google_compute_firewall" "lb"')[1].split("\n}\n")[0]
    assert 'target_tags = ["web"]' in fw
