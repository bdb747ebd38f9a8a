terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack", version = "~> 1.54" }
  }
}

provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = "SBG5"
}

resource "openstack_networking_network_v2" "app" {
  name = "app"
}

resource "openstack_networking_subnet_v2" "app" {
  name       = "app"
  network_id = openstack_networking_network_v2.app.id
  cidr       = "192.168.10.0/24"
  region     = "SBG5"
}

resource "openstack_networking_secgroup_v2" "front" {
  name        = "front"
  description = "public web tier"
}

resource "openstack_networking_secgroup_v2" "back" {
  name                 = "back"
  description          = "application tier, no default egress"
  delete_default_rules = true
}

resource "openstack_networking_secgroup_rule_v2" "web_ports" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 8000
  port_range_max    = 8099
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.front.id
}

resource "openstack_networking_secgroup_rule_v2" "ping" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "icmp"
  remote_ip_prefix  = "198.51.100.0/24"
  security_group_id = openstack_networking_secgroup_v2.front.id
}

resource "openstack_networking_secgroup_rule_v2" "from_front" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "udp"
  remote_group_id   = openstack_networking_secgroup_v2.front.id
  security_group_id = openstack_networking_secgroup_v2.back.id
}

resource "openstack_networking_secgroup_rule_v2" "out_v6" {
  direction         = "egress"
  ethertype         = "IPv6"
  protocol          = "tcp"
  port_range_min    = 443
  port_range_max    = 443
  security_group_id = openstack_networking_secgroup_v2.back.id
}

resource "openstack_compute_instance_v2" "front" {
  name            = "front"
  flavor_name     = "b3-16"
  image_name      = "Debian 12"
  security_groups = [openstack_networking_secgroup_v2.front.name, "default"]
  user_data       = file("${path.module}/cloud-init.yaml")

  network {
    name = "Ext-Net"
  }
}

resource "openstack_compute_instance_v2" "back" {
  name            = "back"
  flavor_name     = "c3-8"
  image_name      = "Rocky Linux 9"
  security_groups = [openstack_networking_secgroup_v2.back.name]

  network {
    uuid = openstack_networking_network_v2.app.id
  }
}
