terraform {
  required_providers {
    openstack = {
      source = "terraform-provider-openstack/openstack"
    }
  }
}

provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = "GRA11"
}

resource "openstack_networking_network_v2" "app" {
  name = "app"
}

resource "openstack_networking_subnet_v2" "app" {
  name       = "app"
  network_id = openstack_networking_network_v2.app.id
  cidr       = "10.10.0.0/24"
}

resource "openstack_networking_secgroup_v2" "web" {
  name        = "web"
  description = "HTTPS from anywhere"
}

resource "openstack_networking_secgroup_rule_v2" "https" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 443
  port_range_max    = 443
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.web.id
}

resource "openstack_networking_port_v2" "web" {
  name               = "web-port"
  network_id         = openstack_networking_network_v2.app.id
  admin_state_up     = true
  security_group_ids = [openstack_networking_secgroup_v2.web.id]

  fixed_ip {
    subnet_id  = openstack_networking_subnet_v2.app.id
    ip_address = "10.10.0.140"
  }
}

resource "openstack_networking_floatingip_v2" "web" {
  pool = "Ext-Net"
}

resource "openstack_compute_instance_v2" "web" {
  name        = "web"
  image_name  = "Ubuntu 24.04"
  flavor_name = "b3-8"

  network {
    port = openstack_networking_port_v2.web.id
  }
}

resource "openstack_networking_floatingip_associate_v2" "web" {
  floating_ip = openstack_networking_floatingip_v2.web.address
  port_id     = openstack_networking_port_v2.web.id
}

resource "openstack_networking_floatingip_v2" "bastion" {
  pool = "Ext-Net"
}

resource "openstack_compute_instance_v2" "bastion" {
  name            = "bastion"
  image_name      = "Debian 12"
  flavor_name     = "d2-2"
  security_groups = ["default"]

  network {
    uuid = openstack_networking_network_v2.app.id
  }
}

resource "openstack_compute_floatingip_associate_v2" "bastion" {
  floating_ip = openstack_networking_floatingip_v2.bastion.address
  instance_id = openstack_compute_instance_v2.bastion.id
}

resource "openstack_networking_port_v2" "spare" {
  name       = "spare"
  network_id = openstack_networking_network_v2.app.id
}
