"""Repeated (count) OpenStack groups, rules, instances and volumes keep their instance keys."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

TF = '''
resource "openstack_networking_secgroup_v2" "g" {
  count = 2
  name  = "g-${count.index}"
}
resource "openstack_networking_secgroup_rule_v2" "r" {
  count             = 2
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  security_group_id = openstack_networking_secgroup_v2.g[count.index].id
}
resource "openstack_blockstorage_volume_v3" "v" {
  count  = 2
  name   = "v"
  size   = 10
  region = "GRA11"
}
resource "openstack_compute_instance_v2" "vm" {
  count           = 2
  name            = "vm"
  flavor_name     = "b3-8"
  image_name      = "Debian 12"
  region          = "GRA11"
  security_groups = [openstack_networking_secgroup_v2.g[0].name]
}
resource "openstack_compute_volume_attach_v2" "a" {
  count       = 2
  instance_id = openstack_compute_instance_v2.vm[count.index].id
  volume_id   = openstack_blockstorage_volume_v3.v[count.index].id
}
'''


def test_references_to_repeated_blocks_name_an_instance() -> None:
    text = "\n".join(translate({"main.tf": TF}, "eks", TranslateOptions()).files.values())
    assert "vpc_security_group_ids = [aws_security_group.g[0].id]" in text
    # the rule, and the default egress rules repeated with their group
    assert text.count("security_group_id = aws_security_group.g[count.index].id") == 3
    assert "aws_security_group.g.id" not in text
    # instances of one resource share its subnet, so the first one's zone is theirs
    assert "availability_zone = aws_instance.vm[0].availability_zone" in text
