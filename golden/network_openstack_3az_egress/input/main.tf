terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack", version = "~> 2.1" }
    ovh       = { source = "ovh/ovh", version = "~> 2.19" }
  }
}

variable "service_name" {
  type = string
}

variable "openstack_region" {
  type    = string
  default = "EU-WEST-PAR"
}

provider "openstack" {
  auth_url = "https://auth.cloud.ovh.net/v3"
  region   = var.openstack_region
}

data "openstack_networking_network_v2" "ext" {
  name = "Ext-Net"
}

resource "openstack_networking_network_v2" "apps" {
  name           = "apps-net"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "apps" {
  name       = "apps-subnet"
  network_id = openstack_networking_network_v2.apps.id
  region     = var.openstack_region
  cidr       = "10.60.0.0/22"
}

resource "openstack_networking_router_v2" "apps" {
  name                = "apps-router"
  external_network_id = data.openstack_networking_network_v2.ext.id
}

resource "openstack_networking_router_interface_v2" "apps" {
  router_id = openstack_networking_router_v2.apps.id
  subnet_id = openstack_networking_subnet_v2.apps.id
}

resource "openstack_networking_subnet_v2" "mgmt" {
  name       = "mgmt-subnet"
  network_id = openstack_networking_network_v2.apps.id
  region     = var.openstack_region
  cidr       = "10.60.8.0/28"
}

resource "openstack_networking_router_v2" "mgmt" {
  name                = "mgmt-router"
  external_network_id = data.openstack_networking_network_v2.ext.id
}

resource "openstack_networking_router_interface_v2" "mgmt" {
  router_id = openstack_networking_router_v2.mgmt.id
  subnet_id = openstack_networking_subnet_v2.mgmt.id
}

resource "ovh_cloud_project_kube" "apps" {
  service_name       = var.service_name
  name               = "apps"
  region             = "EU-WEST-PAR"
  private_network_id = openstack_networking_network_v2.apps.id
  nodes_subnet_id    = openstack_networking_subnet_v2.apps.id
  depends_on         = [openstack_networking_router_interface_v2.apps]
}

resource "ovh_cloud_project_kube_nodepool" "zone_c" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.apps.id
  name               = "pool-c"
  flavor_name        = "b3-8"
  desired_nodes      = 2
  availability_zones = ["eu-west-par-c"]
}

output "router_ip" {
  value = openstack_networking_router_v2.apps.external_fixed_ip[0].ip_address
}

output "egress_ips" {
  value = openstack_networking_router_v2.apps.external_fixed_ip[*].ip_address
}
