variable "os_tenant_id" {
  type = string
}

variable "os_region" {
  type = string
}

variable "private_wan_cidr" {
  type    = string
  default = "10.40.0.0/24"
}

resource "openstack_networking_network_v2" "wan" {
  name           = "wan-net"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "wan" {
  name        = "wan-subnet"
  network_id  = openstack_networking_network_v2.wan.id
  cidr        = var.private_wan_cidr
  enable_dhcp = true
}

resource "ovh_cloud_project_gateway" "wan" {
  service_name = var.os_tenant_id
  name         = "wan-router"
  model        = "s"
  region       = var.os_region
  network_id   = openstack_networking_network_v2.wan.id
  subnet_id    = openstack_networking_subnet_v2.wan.id
}
