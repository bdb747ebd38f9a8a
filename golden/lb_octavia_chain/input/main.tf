terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack", version = "~> 2.1" }
  }
}

provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = "GRA11"
}

variable "app_count" {
  type    = number
  default = 3
}

data "openstack_networking_network_v2" "public" {
  name = "Ext-Net"
}

resource "openstack_networking_network_v2" "apps" {
  name = "apps"
}

resource "openstack_networking_subnet_v2" "apps" {
  name       = "apps"
  network_id = openstack_networking_network_v2.apps.id
  cidr       = "192.168.40.0/24"
}

resource "openstack_networking_router_v2" "edge" {
  name                = "edge"
  external_network_id = data.openstack_networking_network_v2.public.id
}

resource "openstack_networking_router_interface_v2" "edge_apps" {
  router_id = openstack_networking_router_v2.edge.id
  subnet_id = openstack_networking_subnet_v2.apps.id
}

resource "openstack_networking_secgroup_v2" "app" {
  name        = "app"
  description = "application servers"
}

resource "openstack_networking_secgroup_rule_v2" "app_9000" {
  direction         = "ingress"
  ethertype         = "IPv4"
  protocol          = "tcp"
  port_range_min    = 9000
  port_range_max    = 9000
  remote_ip_prefix  = "0.0.0.0/0"
  security_group_id = openstack_networking_secgroup_v2.app.id
}

resource "openstack_compute_instance_v2" "app" {
  count       = var.app_count
  name        = "app-${count.index}"
  flavor_name = "b3-8"
  image_name  = "Debian 12"
  region      = "GRA11"

  security_groups = [openstack_networking_secgroup_v2.app.name]

  network {
    uuid = openstack_networking_network_v2.apps.id
  }
}

resource "openstack_lb_loadbalancer_v2" "apps" {
  name          = "apps"
  vip_subnet_id = openstack_networking_subnet_v2.apps.id
}

resource "openstack_lb_listener_v2" "tcp" {
  name            = "apps-tcp"
  loadbalancer_id = openstack_lb_loadbalancer_v2.apps.id
  protocol        = "TCP"
  protocol_port   = 9000
}

resource "openstack_lb_pool_v2" "tcp" {
  name        = "apps-tcp"
  listener_id = openstack_lb_listener_v2.tcp.id
  protocol    = "TCP"
  lb_method   = "SOURCE_IP"
}

resource "openstack_lb_monitor_v2" "tcp" {
  pool_id          = openstack_lb_pool_v2.tcp.id
  type             = "TCP"
  delay            = 6
  timeout          = 2
  max_retries      = 3
  max_retries_down = 2
}

resource "openstack_lb_member_v2" "app" {
  count         = var.app_count
  pool_id       = openstack_lb_pool_v2.tcp.id
  address       = openstack_compute_instance_v2.app[count.index].access_ip_v4
  protocol_port = 9000
  subnet_id     = openstack_networking_subnet_v2.apps.id
}

resource "openstack_networking_floatingip_v2" "apps" {
  pool = "Ext-Net"
}

resource "openstack_networking_floatingip_associate_v2" "apps" {
  floating_ip = openstack_networking_floatingip_v2.apps.address
  port_id     = openstack_lb_loadbalancer_v2.apps.vip_port_id
}

output "public_address" {
  value = openstack_networking_floatingip_v2.apps.address
}
