"""AKS review of corpus outputs: what `terraform apply` refused (repeated names, versions)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from iac_translate.compiler.api import TranslateOptions, translate

TARGETS = Path(__file__).resolve().parent.parent / "targets"

# A gateway and a load balancer repeated by count/for_each, neither OVH resource naming its
# Azure counterparts (the public IP, an unnamed load balancer): every instance used to get
# the same literal name, and Azure refuses the second resource of a name in a group.
REPEATED = '''
resource "ovh_cloud_project_network_private" "net" {
  service_name = "x"
  name         = "net"
  regions      = ["GRA11"]
}
resource "ovh_cloud_project_network_private_subnet" "sub" {
  service_name = "x"
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  start        = "10.0.0.10"
  end          = "10.0.0.200"
  network      = "10.0.0.0/24"
}
resource "ovh_cloud_project_gateway" "gw" {
  count        = 2
  service_name = "x"
  name         = "gw-${count.index}"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.id
  subnet_id    = ovh_cloud_project_network_private_subnet.sub.id
}
resource "ovh_cloud_project_loadbalancer" "lb" {
  for_each     = toset(["a", "b"])
  service_name = "x"
  region_name  = "GRA11"
  flavor_id    = "small"
  network = {
    private = {
      network = {
        id        = ovh_cloud_project_network_private.net.id
        subnet_id = ovh_cloud_project_network_private_subnet.sub.id
      }
    }
  }
  listeners = [{ port = 80, protocol = "http" }]
}
'''


def _block(text: str, rtype: str, label: str) -> str:
    m = re.search(rf'resource "{rtype}" "{label}" {{\n(.*?)\n}}', text, re.S)
    assert m, f"{rtype}.{label} not emitted"
    return m.group(1)


def _name(block: str) -> str:
    m = re.search(r"^  name\s+=\s+(.+)$", block, re.M)
    assert m, block
    return m.group(1)


def test_repeated_resources_get_a_name_per_instance() -> None:
    out = translate({"main.tf": REPEATED}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    pip = _block(text, "azurerm_public_ip", "gw")
    assert "count " in pip and _name(pip) == '"pip-gw-${count.index}"'
    lb = _block(text, "azurerm_lb", "lb")
    assert "for_each " in lb and _name(lb) == '"lb-${each.key}"'
    # the NAT gateway keeps the OVH name, already per instance
    assert _name(_block(text, "azurerm_nat_gateway", "gw")) == '"gw-${count.index}"'


def test_a_single_resource_keeps_its_literal_name() -> None:
    single = REPEATED.replace("  count        = 2\n", "").replace("${count.index}", "0") \
        .replace('  for_each     = toset(["a", "b"])\n', "")
    text = "\n".join(translate({"main.tf": single}, "aks", TranslateOptions()).files.values())
    # (the NAT gateway's public IP is named after the gateway's own name)
    assert _name(_block(text, "azurerm_public_ip", "gw")) == '"pip-gw-0"'
    assert _name(_block(text, "azurerm_lb", "lb")) == '"lb"'


def test_the_oldest_minor_has_not_reached_its_end_of_life() -> None:
    # AKS release calendar (MicrosoftDocs/azure-aks-docs supported-kubernetes-versions.md,
    # ms.date 08/05/2026): the end of life of each minor, the last day of the month.
    end_of_life = {"1.33": "2026-07", "1.34": "2026-11", "1.35": "2027-03",
                   "1.36": "2027-06", "1.37": "2027-10"}
    k = json.loads((TARGETS / "aks" / "kube.json").read_text())["cluster"]["kubernetes"]
    as_of = k["as_of"][:7]
    assert end_of_life[k["oldest"]] >= as_of
    older = [v for v in end_of_life if tuple(map(int, v.split("."))) <
             tuple(map(int, k["oldest"].split(".")))]
    assert all(end_of_life[v] < as_of for v in older)


# yomovh/tf-at-ovhcloud simple_http_lb's shape: members repeated with count, and the VIP
# published by a floating IP association (written anew here).
OCTAVIA = '''
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  name       = "sub"
  network_id = openstack_networking_network_v2.net.id
  cidr       = "10.1.0.0/24"
}
resource "openstack_compute_instance_v2" "web" {
  count       = 2
  name        = "web-${count.index}"
  flavor_name = "b2-7"
  image_name  = "Ubuntu 22.04"
  network {
    name = openstack_networking_network_v2.net.name
  }
}
resource "openstack_lb_loadbalancer_v2" "front" {
  name          = "front"
  vip_subnet_id = openstack_networking_subnet_v2.sub.id
}
resource "openstack_lb_listener_v2" "http" {
  protocol        = "TCP"
  protocol_port   = 80
  loadbalancer_id = openstack_lb_loadbalancer_v2.front.id
}
resource "openstack_lb_pool_v2" "pool" {
  protocol    = "TCP"
  lb_method   = "ROUND_ROBIN"
  listener_id = openstack_lb_listener_v2.http.id
}
resource "openstack_lb_member_v2" "member" {
  count         = 2
  pool_id       = openstack_lb_pool_v2.pool.id
  address       = openstack_compute_instance_v2.web[count.index].access_ip_v4
  protocol_port = 8080
}
resource "openstack_networking_floatingip_v2" "vip" {
  pool = "Ext-Net"
}
resource "openstack_networking_floatingip_associate_v2" "vip" {
  floating_ip = openstack_networking_floatingip_v2.vip.address
  port_id     = openstack_lb_loadbalancer_v2.front.vip_port_id
}
output "lb_ip" {
  value = openstack_networking_floatingip_v2.vip.address
}
output "lb_vip" {
  value = openstack_lb_loadbalancer_v2.front.vip_address
}
'''


def test_octavia_members_keep_their_count_and_the_vip_its_floating_ip() -> None:
    out = translate({"main.tf": OCTAVIA}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    addr = _block(text, "azurerm_lb_backend_address_pool_address", "front_0")
    # (count.index outside a counted resource fails at plan)
    assert "count " in addr and "[count.index]" in addr
    assert _name(addr) == '"front-0-${count.index}"'
    lb = _block(text, "azurerm_lb", "front")
    assert "public_ip_address_id = azurerm_public_ip.vip.id" in lb
    # one public address: the floating IP's, which the outputs read
    assert text.count('resource "azurerm_public_ip"') == 1
    assert re.search(r'output "lb_ip" {\n\s+value\s+= azurerm_public_ip\.vip\.ip_address', text)
    assert re.search(r'output "lb_vip" {\n\s+value\s+= azurerm_public_ip\.vip\.ip_address', text)


def test_a_linux_vm_name_with_underscores_is_made_a_computer_name() -> None:
    # azurerm assumes computer_name = name, and a Linux host name has no underscore
    src = '''
resource "openstack_compute_instance_v2" "web" {
  name        = "tf_at_ovh_web"
  flavor_name = "b2-7"
  image_name  = "Ubuntu 22.04"
}
'''
    out = translate({"main.tf": src}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    name = _name(_block(text, "azurerm_linux_virtual_machine", "web")).strip('"')
    assert re.fullmatch(r"[a-z0-9]([-a-z0-9]*[a-z0-9])?", name), name
    assert any(d.code == "IT324" and "azurerm_linux_virtual_machine.web.name" in d.message
               for d in out.diagnostics)


# mastodon/terraform-ovh-s3's shape: the bucket is an aws_s3_bucket on OVH's S3 endpoint and
# an OVH user's policy names it (written anew here).
S3_POLICY = '''
provider "aws" {
  region                      = "gra"
  skip_credentials_validation = true
  skip_region_validation      = true
  skip_requesting_account_id  = true
  endpoints {
    s3 = "https://s3.gra.io.cloud.ovh.net"
  }
}
resource "aws_s3_bucket" "media" {
  bucket = "media-files"
}
resource "ovh_cloud_project_user" "reader" {
  service_name = "x"
  description  = "reader"
  role_name    = "objectstore_operator"
}
resource "ovh_cloud_project_user_s3_policy" "reader" {
  service_name = "x"
  user_id      = ovh_cloud_project_user.reader.id
  policy = jsonencode({
    "Statement" : [{
      "Effect" : "Allow",
      "Action" : ["s3:GetObject", "s3:ListBucket"],
      "Resource" : ["arn:aws:s3:::${aws_s3_bucket.media.bucket}",
                    "arn:aws:s3:::${aws_s3_bucket.media.bucket}/*"]
    }]
  })
}
'''


def test_an_s3_policy_on_an_aws_s3_bucket_grants_a_role_on_its_container() -> None:
    out = translate({"main.tf": S3_POLICY}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    assert re.search(r'scope\s+= azurerm_storage_container\.media\.\w+\n\s+role_definition_name'
                     r'\s+= "Storage Blob Data Reader"', text), text
    assert not [d for d in out.diagnostics if d.code == "IT338" and "reader" in d.message]


def test_a_database_named_from_its_label_is_reported_as_a_global_name() -> None:
    src = '''
resource "ovh_cloud_project_database" "postgresql" {
  service_name = "x"
  engine       = "postgresql"
  version      = "16"
  plan         = "essential"
  flavor       = "db1-4"
  nodes {
    region = "GRA"
  }
}
'''
    out = translate({"main.tf": src}, "aks", TranslateOptions())
    text = "\n".join(out.files.values())
    assert _name(_block(text, "azurerm_postgresql_flexible_server", "postgresql")) == \
        '"postgresql"'
    assert any(d.code == "IT308" and "unique across Azure" in d.message and
               "ovh_cloud_project_database.postgresql" in d.message for d in out.diagnostics)


def test_ovh_resolver_is_left_out_of_the_vnet_dns_servers() -> None:
    base = '''
resource "openstack_networking_network_v2" "net" {
  name = "net"
}
resource "openstack_networking_subnet_v2" "sub" {
  name            = "sub"
  network_id      = openstack_networking_network_v2.net.id
  cidr            = "10.2.0.0/24"
  dns_nameservers = [SERVERS]
}
'''
    only = translate({"main.tf": base.replace("SERVERS", '"213.186.33.99"')}, "aks",
                     TranslateOptions())
    text = "\n".join(only.files.values())
    assert "dns_servers" not in _block(text, "azurerm_virtual_network", "net")
    assert any(d.code == "IT302" and "213.186.33.99" in d.message for d in only.diagnostics)
    mixed = translate({"main.tf": base.replace("SERVERS", '"213.186.33.99", "1.1.1.1"')},
                      "aks", TranslateOptions())
    vnet = _block("\n".join(mixed.files.values()), "azurerm_virtual_network", "net")
    assert re.search(r'dns_servers\s+= \["1\.1\.1\.1"\]', vnet), vnet


def test_a_nat_gateway_ip_follows_a_computed_gateway_name() -> None:
    # MJUi/ovh_platform_sources names its gateway "${terraform.workspace}-gateway": one
    # literal pip-gateway for every workspace collided
    src = REPEATED.replace("  count        = 2\n", "").replace(
        '"gw-${count.index}"', '"${terraform.workspace}-gateway"')
    text = "\n".join(translate({"main.tf": src}, "aks", TranslateOptions()).files.values())
    assert _name(_block(text, "azurerm_public_ip", "gw")) == (
        'trim(substr(replace(lower("pip-${terraform.workspace}-gateway"), "/[^a-z0-9_.-]/", "-"), '
        '0, 80), "-")')


def test_a_public_load_balancer_says_its_frontend_needs_an_nsg() -> None:
    # members in security groups of their own: their NSG is not the translation's to open
    # (members in none get one: tests/test_aks_lb_backends.py)
    grouped = OCTAVIA.replace('  name        = "web-${count.index}"\n',
                              '  name        = "web-${count.index}"\n'
                              '  security_groups = ["default"]\n', 1)
    assert grouped != OCTAVIA
    out = translate({"main.tf": grouped}, "aks", TranslateOptions())
    assert any(d.code == "IT301" and "closed until a network security group" in d.message
               and "port 80" in d.message for d in out.diagnostics)
    opened = translate({"main.tf": OCTAVIA}, "aks", TranslateOptions())
    assert "azurerm_network_security_group" in "\n".join(opened.files.values())
    assert not any("closed until a network security group" in d.message
                   for d in opened.diagnostics)
    private = OCTAVIA[:OCTAVIA.index('resource "openstack_networking_floatingip_v2"')]
    quiet = translate({"main.tf": private}, "aks", TranslateOptions())
    assert not any("closed until a network security group" in d.message
                   for d in quiet.diagnostics)


def test_vm_companion_names_are_one_template_and_per_instance() -> None:
    src = '''
variable "env" {
  type = string
}
resource "openstack_compute_instance_v2" "named" {
  name        = "${var.env}-backend"
  flavor_name = "b2-7"
  image_name  = "Ubuntu 22.04"
}
resource "openstack_compute_instance_v2" "unnamed" {
  count       = 2
  flavor_name = "b2-7"
  image_name  = "Ubuntu 22.04"
}
'''
    text = "\n".join(translate({"main.tf": src}, "aks", TranslateOptions()).files.values())
    assert _name(_block(text, "azurerm_network_interface", "named")) == (
        'trim(substr(replace(lower("${var.env}-backend-nic"), "/[^a-z0-9_.-]/", "-"), 0, 80), '
        '"-")')
    assert "${count.index}" in _name(_block(text, "azurerm_linux_virtual_machine", "unnamed"))


def test_a_computed_storage_account_name_is_wrapped_once() -> None:
    src = S3_POLICY.replace('bucket = "media-files"', 'bucket = var.bucket') + '''
variable "bucket" {
  type = string
}
'''
    text = "\n".join(translate({"main.tf": src}, "aks", TranslateOptions()).files.values())
    name = _name(_block(text, "azurerm_storage_account", "media"))
    assert name.count("replace(") == 1 and "var.bucket" in name, name
