variable "region_code" {
  type = string
}

variable "cidr" {
  type = string
}

resource "openstack_networking_network_v2" "edge" {
  name   = "edge"
  region = var.region_code
}

resource "openstack_networking_subnet_v2" "edge" {
  name       = "edge"
  network_id = openstack_networking_network_v2.edge.id
  cidr       = var.cidr
  region     = var.region_code
}
