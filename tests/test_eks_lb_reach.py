"""EKS: load-balanced instances admit the load balancer's security group (the VPC default
group they fall into admits only itself), or a warning says they must."""

from __future__ import annotations

from iac_translate.compiler.api import translate
from test_eks_lb_members import _SRC

_GROUP = '''
resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}
resource "openstack_networking_secgroup_rule_v2" "http" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = %s
  port_range_max    = %s
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
'''
_WEB_GROUPS = "security_groups = [openstack_networking_secgroup_v2.web.name]"


def _run(web_meta: str, extra: str = "") -> tuple[str, list[str]]:
    src = _SRC % {"web_meta": web_meta, "member_meta": "", "key": "", "delay": "15"} + extra
    r = translate({"main.tf": src}, "eks")
    return r.files["main.tf"], [f"{d.code} {d.message}" for d in r.diagnostics]


def test_default_group_instances_admit_the_load_balancer() -> None:
    text, diags = _run("")
    assert 'resource "aws_vpc_security_group_ingress_rule" "lb_80_targets"' in text
    assert "security_group_id            = aws_vpc.net.default_security_group_id" in text
    assert "referenced_security_group_id = aws_security_group.lb_lb.id" in text
    assert [d for d in diags if d.startswith("IT301") and "lb_80_targets" in d]


def test_group_open_on_the_port_needs_nothing() -> None:
    text, diags = _run(_WEB_GROUPS, _GROUP % (80, 80))
    assert "lb_80_targets" not in text
    assert not [d for d in diags if "must admit its security group" in d]


def test_group_closed_on_the_port_is_a_warning() -> None:
    text, diags = _run(_WEB_GROUPS, _GROUP % (443, 443))
    assert "lb_80_targets" not in text
    assert [d for d in diags if d.startswith("IT308") and "must admit its security group on "
            "port 80" in d]
