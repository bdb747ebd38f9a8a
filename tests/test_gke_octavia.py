"""OpenStack Octavia load balancers on GKE: read as OVH's load balancer (read_octavia), one
located TODO(IT305) naming the listeners and members; the parts are reported with it."""

from __future__ import annotations

from iac_translate.compiler.api import translate

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
resource "openstack_lb_member_v2" "m1" {
  pool_id       = openstack_lb_pool_v2.pool.id
  address       = "10.0.0.10"
  protocol_port = 8080
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
'''

PARTS = ("openstack_lb_listener_v2.http", "openstack_lb_pool_v2.pool",
         "openstack_lb_member_v2.m1", "openstack_lb_monitor_v2.hc",
         "openstack_networking_floatingip_associate_v2.a")


def test_octavia_is_one_todo_with_its_listeners_and_members() -> None:
    r = translate({"main.tf": SRC}, "gke")
    main = r.files["main.tf"]
    assert "# TODO(IT305): openstack_lb_loadbalancer_v2.lb (Octavia load balancer; " \
        "listener http/80 -> 10.0.0.10:8080) is not translated." in main
    lb = [d for d in r.diagnostics if d.code == "IT305" and
          d.message.startswith("openstack_lb_loadbalancer_v2.lb ")]
    assert len(lb) == 1 and "no single GKE resource" in lb[0].message
    assert lb[0].hint == "listener http/80 -> 10.0.0.10:8080"


def test_octavia_parts_are_reported_with_their_load_balancer() -> None:
    r = translate({"main.tf": SRC}, "gke")
    for part in PARTS:
        said = [d for d in r.diagnostics if d.message.startswith(part + " ")]
        assert any(d.code == "IT305" and "openstack_lb_loadbalancer_v2.lb" in d.message
                   for d in said), part
        assert not any("no GKE translation" in d.message for d in said), part
    # an argument no part of the spec reads is still reported where it is written
    assert any(d.code == "IT302" and "connection_limit" in d.message for d in r.diagnostics)


def test_a_listener_of_no_translated_load_balancer_stays_an_openstack_todo() -> None:
    r = translate({"main.tf": SRC}, "gke")
    assert any(d.code == "IT305" and d.message.startswith("openstack_lb_listener_v2.orphan ")
               and "no GKE translation" in d.message for d in r.diagnostics)
