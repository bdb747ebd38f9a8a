"""OpenStack Octavia load balancers (loadbalancer, listener, pool, member, monitor resources)
read as OVH's load balancer (compiler/passes/loadbalancer.read_octavia): the same aws_lb."""

from __future__ import annotations

from iac_translate.compiler.api import translate

SRC = '''
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
  loadbalancer_id = openstack_lb_loadbalancer_v2.lb.id
  protocol        = "HTTP"
  protocol_port   = 80
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
output "vip" {
  value = openstack_lb_loadbalancer_v2.lb.vip_address
}
output "port" {
  value = openstack_lb_listener_v2.http.protocol_port
}
'''
PUBLIC = SRC + '''
resource "openstack_networking_floatingip_v2" "fip" {
  pool = "Ext-Net"
}
resource "openstack_networking_floatingip_associate_v2" "a" {
  floating_ip = openstack_networking_floatingip_v2.fip.address
  port_id     = openstack_lb_loadbalancer_v2.lb.vip_port_id
}
'''


def _run(src: str) -> tuple[str, list[str]]:
    r = translate({"main.tf": src}, target="eks")
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def test_octavia_resources_become_one_aws_lb() -> None:
    out, diags = _run(SRC)
    assert 'resource "aws_lb" "lb" {' in out and 'load_balancer_type         = "application"' in out
    assert 'resource "aws_lb_listener" "lb_80" {' in out and "port              = 80" in out
    # pool, member and monitor: the target group, its attachment and its health check
    assert 'load_balancing_algorithm_type = "round_robin"' in out
    assert 'path              = "/healthz"' in out and "healthy_threshold = 3" in out
    assert 'target_id        = "10.0.0.10"' in out and "port             = 8080" in out
    assert "value = aws_lb.lb.dns_name" in out  # vip_address, as OVH's
    assert "value = aws_lb_listener.lb_80.port" in out
    assert "internal                   = true" in out  # no floating IP on its VIP
    assert not any(d.startswith(("IT305", "IT338")) for d in diags), diags
    assert any(d.startswith("IT302") and "`connection_limit` of openstack_lb_listener_v2.http"
               in d for d in diags), diags
    assert any(d.startswith("IT306") and "openstack_lb_member_v2.m1 is part of" in d
               for d in diags)


def test_a_part_of_no_declared_load_balancer_stays_an_it305() -> None:
    src = '''
resource "openstack_lb_pool_v2" "orphan" {
  loadbalancer_id = "9b6b4e2e-0000-0000-0000-000000000000"
  protocol        = "TCP"
  lb_method       = "ROUND_ROBIN"
}
'''
    out, diags = _run(src)
    assert any(d.startswith("IT305") and "openstack_lb_pool_v2.orphan" in d for d in diags)
    assert "aws_lb" not in out


def test_a_floating_ip_on_the_vip_port_makes_it_internet_facing() -> None:
    out, diags = _run(PUBLIC)
    assert "internal                   = false" in out
    assert "subnets                    = [aws_subnet.sub_public_a.id, aws_subnet.sub_public_b.id]" \
        in out
    assert not any(d.startswith(("IT305", "IT338")) and "associate" in d for d in diags), diags
