"""EKS lowering of OVH load balancers: an existing floating IP on a network load balancer."""

from __future__ import annotations

from iac_translate.compiler.api import TranslateOptions, translate

TF = '''
resource "ovh_cloud_project_network_private" "lb" {
  service_name = "x"
  name         = "lb-net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet_v2" "lb" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.lb.regions_openstack_ids["GRA11"]
  region       = "GRA11"
  cidr         = "10.77.0.0/24"
}
resource "ovh_cloud_project_loadbalancer" "nlb" {
  service_name = "x"
  region_name  = "GRA11"
  name         = "nlb"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.lb.regions_openstack_ids["GRA11"]
        subnet_id = ovh_cloud_project_network_private_subnet_v2.lb.id
      }
      floating_ip = { id = "fip-123" }
    }
  }
  listeners = [{ port = 443, protocol = "tcp", allowed_cidrs = ["1.2.3.0/24", "5.6.7.0/24"] }]
}
'''


def test_floating_ip_is_the_first_zones_mapping_and_cidrs_are_one_rule_each() -> None:
    text = "\n".join(translate({"main.tf": TF}, "eks", TranslateOptions()).files.values())
    lb = text.split('resource "aws_lb" "nlb"')[1].split("\n}\n")[0]
    assert lb.count("subnet_mapping {") == 2
    first, second = lb.split("subnet_mapping {")[1:]
    assert "aws_subnet.lb_public_a.id" in first and 'allocation_id = "fip-123"' in first
    assert "aws_subnet.lb_public_b.id" in second and "allocation_id" not in second
    assert 'load_balancer_type         = "network"' in lb or '"network"' in lb
    rule = text.split('resource "aws_vpc_security_group_ingress_rule" "nlb_lb_443"')[1]
    assert "toset([" in rule.split("}")[0] and "each.value" in rule.split("}")[0]
