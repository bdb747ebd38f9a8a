"""EKS: Octavia members keep their count/for_each, register private addresses, and the
health check interval exceeds its timeout (AWS refuses it otherwise)."""

from __future__ import annotations

import re

from iac_translate.compiler.api import translate

_SRC = '''
variable "delay" {
  type    = number
  default = 5
}
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  name       = "sub"
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.0.0.0/24"
}
resource "openstack_compute_instance_v2" "web" {
  %(web_meta)s
  name        = "web"
  image_name  = "Ubuntu 22.04"
  flavor_name = "b2-7"
  network {
    name = openstack_networking_network_v2.net.name
  }
}
resource "openstack_lb_loadbalancer_v2" "lb" {
  name          = "lb"
  vip_subnet_id = openstack_networking_subnet_v2.sub.id
}
resource "openstack_lb_listener_v2" "http" {
  protocol        = "HTTP"
  protocol_port   = 80
  loadbalancer_id = openstack_lb_loadbalancer_v2.lb.id
}
resource "openstack_lb_pool_v2" "pool" {
  protocol    = "HTTP"
  lb_method   = "ROUND_ROBIN"
  listener_id = openstack_lb_listener_v2.http.id
}
resource "openstack_lb_monitor_v2" "check" {
  pool_id     = openstack_lb_pool_v2.pool.id
  type        = "HTTP"
  url_path    = "/"
  delay       = %(delay)s
  timeout     = 10
  max_retries = 3
}
resource "openstack_lb_member_v2" "member" {
  %(member_meta)s
  pool_id       = openstack_lb_pool_v2.pool.id
  address       = openstack_compute_instance_v2.web%(key)s.access_ip_v4
  protocol_port = 80
  subnet_id     = openstack_networking_subnet_v2.sub.id
}
'''


def _run(web_meta: str = "count = 2", member_meta: str = "count = 2",
         key: str = "[count.index]", delay: str = "15") -> tuple[str, list[str]]:
    r = translate({"main.tf": _SRC % {"web_meta": web_meta, "member_meta": member_meta,
                                      "key": key, "delay": delay}}, "eks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


def _block(text: str, type_: str, label: str) -> str:
    m = re.search(rf'resource "{type_}" "{label}" \{{\n(.*?)\n\}}', text, re.S)
    assert m is not None, text
    return m.group(1)


def test_counted_member_attachment_is_counted_and_private() -> None:
    text, diags = _run()
    att = _block(text, "aws_lb_target_group_attachment", "lb_80_0")
    assert att.splitlines()[0].strip() == "count            = 2"
    assert "target_id        = aws_instance.web[count.index].private_ip" in att
    assert not [d for d in diags if d.startswith("IT381")]
    assert [d for d in diags if d.startswith("IT306") and "private address" in d]


def test_for_each_member_attachment_is_for_each() -> None:
    text, _ = _run('for_each = toset(["a", "b"])', 'for_each = toset(["a", "b"])',
                   "[each.key]")
    att = _block(text, "aws_lb_target_group_attachment", "lb_80_0")
    assert 'for_each         = toset(["a", "b"])' in att
    assert "aws_instance.web[each.key].private_ip" in att


def test_single_member_stays_single() -> None:
    text, _ = _run("", "", "")
    att = _block(text, "aws_lb_target_group_attachment", "lb_80_0")
    assert "count" not in att and "for_each" not in att
    assert "target_id        = aws_instance.web.private_ip" in att


def test_interval_not_above_timeout_is_raised() -> None:
    text, diags = _run(delay="5")
    tg = _block(text, "aws_lb_target_group", "lb_80")
    assert re.search(r"interval\s+= 11\n", tg) and re.search(r"timeout\s+= 10\n", tg)
    assert [d for d in diags if d.startswith("IT301") and "every 11s" in d]


def test_interval_from_a_variable_is_written_as_it_is() -> None:
    # (its value is not known at translation)
    text, diags = _run(delay="var.delay")
    tg = _block(text, "aws_lb_target_group", "lb_80")
    assert "interval          = var.delay" in tg
    assert not [d for d in diags if "requires the interval" in d]


def test_interval_above_timeout_is_kept() -> None:
    text, diags = _run(delay="15")
    tg = _block(text, "aws_lb_target_group", "lb_80")
    assert re.search(r"interval\s+= 15\n", tg)
    assert not [d for d in diags if "every 16s" in d or "requires the interval" in d]
