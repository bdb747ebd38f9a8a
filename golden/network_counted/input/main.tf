terraform {
  required_providers {
    openstack = { source = "terraform-provider-openstack/openstack" }
  }
}

provider "openstack" {
  region = "GRA9"
}

variable "zones" {
  type = map(object({ cidr = string }))
  default = {
    front = { cidr = "10.40.0.0/24" }
    back  = { cidr = "10.41.0.0/24" }
  }
}

# One network per zone, each with its subnet and an interface on one shared router.
resource "openstack_networking_network_v2" "zone" {
  for_each = var.zones
  name     = "zone-${each.key}"
}

resource "openstack_networking_subnet_v2" "zone" {
  for_each   = var.zones
  name       = "zone-${each.key}"
  network_id = openstack_networking_network_v2.zone[each.key].id
  cidr       = each.value.cidr
}

resource "openstack_networking_router_v2" "edge" {
  name = "edge"
}

resource "openstack_networking_router_interface_v2" "zone" {
  for_each  = var.zones
  router_id = openstack_networking_router_v2.edge.id
  subnet_id = openstack_networking_subnet_v2.zone[each.key].id
}

# Counted networks with a subnet each, no router.
resource "openstack_networking_network_v2" "lab" {
  count = 2
  name  = "lab-${count.index}"
}

resource "openstack_networking_subnet_v2" "lab" {
  count      = 2
  name       = "lab-${count.index}"
  network_id = openstack_networking_network_v2.lab[count.index].id
  cidr       = "10.5${count.index}.0.0/24"
}
