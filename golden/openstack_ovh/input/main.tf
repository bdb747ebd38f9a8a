terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack", version = "~> 1.54" }
  }
}

provider "openstack" {
  auth_url    = "https://auth.cloud.ovh.net/v3"
  domain_name = "default"
  region      = "GRA11"
}

data "openstack_networking_network_v2" "ext" {
  name = "Ext-Net"
}

resource "openstack_networking_network_v2" "private" {
  name           = "private"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "private" {
  name        = "private"
  network_id  = openstack_networking_network_v2.private.id
  cidr        = "10.0.1.0/24"
  region      = "GRA11"
  ip_version  = 4
  enable_dhcp = true
}

resource "openstack_networking_router_v2" "gw" {
  name                = "gw"
  region              = "GRA11"
  external_network_id = data.openstack_networking_network_v2.ext.id
}

resource "openstack_networking_router_interface_v2" "gw" {
  router_id = openstack_networking_router_v2.gw.id
  subnet_id = openstack_networking_subnet_v2.private.id
}

resource "openstack_networking_secgroup_v2" "web" {
  name        = "web"
  description = "web servers"
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

resource "openstack_compute_keypair_v2" "me" {
  name       = "me"
  public_key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleExampleExampleExampleExample me"
}

resource "openstack_compute_instance_v2" "web" {
  name            = "web"
  flavor_name     = "b3-8"
  image_name      = "Ubuntu 22.04"
  key_pair        = openstack_compute_keypair_v2.me.name
  security_groups = [openstack_networking_secgroup_v2.web.name]
  region          = "GRA11"

  network {
    name = "Ext-Net"
  }
  network {
    uuid = openstack_networking_network_v2.private.id
  }

  lifecycle {
    ignore_changes = [image_name, key_pair]
  }
}

resource "openstack_blockstorage_volume_v3" "data" {
  name   = "data"
  size   = 20
  region = "GRA11"
}

resource "openstack_compute_volume_attach_v2" "data" {
  instance_id = openstack_compute_instance_v2.web.id
  volume_id   = openstack_blockstorage_volume_v3.data.id
}

resource "openstack_lb_loadbalancer_v2" "lb" {
  vip_subnet_id = openstack_networking_subnet_v2.private.id
}

output "ip" {
  value = openstack_compute_instance_v2.web.access_ip_v4
}

resource "openstack_networking_floatingip_v2" "web" {
  pool = "Ext-Net"
}

output "public_ip" {
  value = openstack_networking_floatingip_v2.web.address
}

output "key_name" {
  value = openstack_compute_keypair_v2.me.name
}

data "openstack_networking_network_v2" "shared" {
  name   = "shared-private"
  region = "GRA11"
}

output "shared_network" {
  value = data.openstack_networking_network_v2.shared.id
}
