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

variable "hasync_cidr" {
  type    = string
  default = "10.0.254.0/30"
}

resource "openstack_networking_network_v2" "hasync" {
  name           = "fw-hasync-net"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "hasync" {
  name        = "fw-hasync-subnet"
  network_id  = openstack_networking_network_v2.hasync.id
  cidr        = var.hasync_cidr
  enable_dhcp = false
  no_gateway  = true
}

output "hasync_subnet_id" {
  value = openstack_networking_subnet_v2.hasync.id
}
