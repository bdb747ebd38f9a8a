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
    assert 'load_balancer_type         = "network"' in lb
    rule = text.split('resource "aws_vpc_security_group_ingress_rule" "nlb_lb_443"')[1]
    assert "toset([" in rule.split("}")[0] and "each.value" in rule.split("}")[0]


POOLS = '''
resource "ovh_cloud_project_loadbalancer" "web" {
  service_name = "x"
  region_name  = "GRA11"
  name         = "web"
  count        = 2
  network = { private = { network = { id = "net", subnet_id = "sub" }, floating_ip_create = {} } }
  listeners = [
    { port = 443, protocol = "terminated-https", pool = { algorithm = "sourceIP", protocol = "http",
      members = [{ address = "10.0.0.1", protocol_port = 8080, weight = 2 },
                 { address = "10.0.0.2" }],
      health_monitor = { monitor_type = "http", delay = 5, timeout = 3, max_retries = 2,
        http_configuration = { url_path = "/h", expected_codes = "200",
                               http_method = "HEAD" } } } },
    { port = 80, protocol = "http", pool = { algorithm = "leastConnections" } },
  ]
}
'''


def _block(text: str, head: str) -> str:
    return text.split(head)[1].split("\\n}\\n")[0]


def test_pools_become_target_groups_with_stickiness_checks_members_and_a_certificate() -> None:
    result = translate({"main.tf": POOLS}, "eks", TranslateOptions())
    text = "\n".join(result.files.values())
    tg = _block(text, 'resource "aws_lb_target_group" "web_443"')
    assert "count       = 2" in tg and "port        = 8080" in tg
    # AWS names are unique per account and region: each instance's carry its key.
    assert 'name        = "web-${count.index}-443"' in tg
    lb = _block(text, 'resource "aws_lb" "web"')
    assert 'name                       = "web-${count.index}"' in lb
    assert "security_groups            = [aws_security_group.web_lb[count.index].id]" in lb
    assert 'type    = "lb_cookie"' in tg and "enabled = true" in tg
    assert 'path              = "/h"' in tg and "healthy_threshold = 2" in tg
    assert "least_outstanding_requests" in _block(text, 'resource "aws_lb_target_group" "web_80"')
    listener = _block(text, 'resource "aws_lb_listener" "web_443"')
    assert "certificate_arn   = var.web_443_certificate_arn" in listener
    assert "aws_lb_target_group.web_443[count.index].arn" in listener
    assert 'variable "web_443_certificate_arn"' in text
    assert 'resource "aws_lb_target_group_attachment" "web_443_1"' in text
    codes = [(d.code, d.message) for d in result.diagnostics]
    assert any(c == "IT302" and "member weight" in m for c, m in codes)
    assert any(c == "IT302" and "method/version" in m for c, m in codes)
