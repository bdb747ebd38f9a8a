"""AWS review fixes: a stable subnet from a lookup, a description on every security-group
rule (checkov CKV_AWS_23), a VPC id looked up from a literal subnet id."""

from __future__ import annotations

import re

from asked_for import asked_for
from iac_translate.compiler.api import translate

INSTANCE = '''
resource "ovh_cloud_project_instance" "vm" {
  service_name   = "p"
  region         = "GRA11"
  billing_period = "hourly"
  name           = "vm"
  flavor         = { flavor_id = "b3-8" }
  boot_from      = { image_id = "img" }
  network        = { public = true }
}
'''
RULES = '''
resource "openstack_networking_secgroup_v2" "web" {
  name = "web"
}
resource "openstack_networking_secgroup_rule_v2" "http" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 80
  port_range_max    = 80
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
resource "openstack_networking_secgroup_rule_v2" "ssh" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 22
  port_range_max    = 22
  remote_ip_prefix  = "10.0.0.0/8"
  description       = "admins"
  security_group_id = openstack_networking_secgroup_v2.web.id
}
'''


def _out(src: str) -> str:
    return "\n".join(translate({"main.tf": src}, target="eks").files.values())


def test_an_instance_takes_the_first_sorted_subnet_of_a_lookup() -> None:
    out = _out(INSTANCE)
    assert "subnet_id" in out
    assert "sort(data.aws_subnets.default.ids)[0]" in out
    assert "= data.aws_subnets.default.ids[0]" not in out


def test_every_security_group_rule_has_a_description() -> None:
    out = _out(RULES)
    rules = re.findall(r'resource "aws_vpc_security_group_(?:in|e)gress_rule" "\w+" \{(.*?)\n\}',
                       out, re.S)
    assert len(rules) == 4  # two rules, and the OpenStack default egress (IPv4, IPv6)
    assert all("description" in r for r in rules), rules
    assert 'description       = "admins"' in out
    assert '"OVH rule openstack_networking_secgroup_rule_v2.http"' in out


def _db(network: str, subnet: str) -> tuple[str, list[str]]:
    src = f'''
resource "ovh_cloud_project_database" "db" {{
  service_name = "p"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {{
    region     = "GRA"
    network_id = "{network}"
    subnet_id  = "{subnet}"
  }}
}}
'''
    r = translate({"main.tf": src}, target="eks")
    return "\n".join(r.files.values()), [f"{d.code} {d.message}" for d in r.diagnostics]


def test_a_literal_ovh_network_id_is_no_vpc_id() -> None:
    out, diags = _db("pn-123456_0", "sub")
    assert re.search(rf"vpc_id\s+= var\."
                     rf"{asked_for(out, 'VPC id replacing OVH network pn-123456_0')}\n", out)
    assert '"pn-123456_0"' not in out
    assert any(d.startswith("IT308") and "literal OVH id `pn-123456_0`" in d for d in diags)


def test_an_aws_vpc_id_is_kept() -> None:
    out, diags = _db("vpc-0123456789abcdef0", "subnet-0123456789abcdef0")
    assert 'vpc_id      = "vpc-0123456789abcdef0"' in out
    assert not any("literal OVH id" in d for d in diags)


def test_an_aws_subnet_id_is_looked_up_for_its_vpc() -> None:
    src = '''
resource "ovh_cloud_project_kube" "k" {
  service_name       = "p"
  name               = "k"
  region             = "GRA11"
  private_network_id = "pn-123456_0"
  nodes_subnet_id    = "subnet-0123456789abcdef0"
}
'''
    out = "\n".join(translate({"main.tf": src}, target="eks").files.values())
    assert 'id = "subnet-0123456789abcdef0"' in out and "data.aws_subnet.k_subnet.vpc_id" in out
    assert "TODO(IT308): VPC id" not in out
