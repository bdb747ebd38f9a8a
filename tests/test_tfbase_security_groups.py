"""OVH's OpenStack security groups and rules (targets/tfbase/security_groups.py) on aks and
scaleway: one reading of the groups an instance names, of a rule's group and port range."""

from __future__ import annotations

import pytest
from iac_translate.compiler.api import translate

GROUPS = '''
variable "lo" {
  type = number
}
resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}
resource "openstack_networking_secgroup_rule_v2" "range" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  port_range_min    = 1000
  port_range_max    = 2000
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_networking_secgroup_rule_v2" "computed" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = var.lo
  port_range_max    = 9000
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_networking_secgroup_rule_v2" "orphan" {
  direction         = "ingress"
  ethertype         = "IPv4"
  security_group_id = "abc"
}
resource "openstack_compute_instance_v2" "vm" {
  name            = "vm"
  flavor_name     = "b3-8"
  image_name      = "Debian 12"
  region          = "GRA11"
  security_groups = ["default", "web", "nope"]
  network {
    name = "Ext-Net"
  }
}
'''
VM = "openstack_compute_instance_v2.vm"
TARGETS = ("aks", "scaleway")


def _run(target: str) -> tuple[str, list[tuple[str, str]]]:
    r = translate({"main.tf": GROUPS}, target)
    return "\n".join(r.files.values()), [(d.code, d.message) for d in r.diagnostics]


@pytest.mark.parametrize("target", TARGETS)
def test_the_groups_an_instance_names_are_found_said_or_asked_for(target: str) -> None:
    _, diags = _run(target)
    said = [(c, m) for c, m in diags if m.startswith(("OpenStack's `default` group of "
                                                        f"{VM}", "security group `"))]
    assert [c for c, _ in said] == ["IT301", "IT308"], said
    assert f"security group `nope` of {VM} is not declared here; " in said[1][1]
    assert not [m for _, m in diags if "`web`" in m]  # found by its name: nothing to say


@pytest.mark.parametrize("target", TARGETS)
def test_a_rule_of_a_group_not_declared_here_is_not_translated(target: str) -> None:
    _, diags = _run(target)
    assert ("IT338", "openstack_networking_secgroup_rule_v2.orphan is not translated: its "
            "security group is not declared in this module") in diags
    assert not [m for _, m in diags if "rule_v2.orphan" in m and "`" in m]  # all of it read


@pytest.mark.parametrize("target", TARGETS)
def test_a_port_range_is_literal_when_both_ends_are(target: str) -> None:
    out, _ = _run(target)
    assert '"1000-2000"' in out
    assert '"${var.lo}-${9000}"' in out
