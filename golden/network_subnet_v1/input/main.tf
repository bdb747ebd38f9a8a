terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

variable "service_name" {
  description = "OVHcloud Public Cloud project ID (OpenStack tenant)"
  type        = string
}

resource "ovh_cloud_project_network_private" "backend" {
  service_name = var.service_name
  name         = "backend-net"
  vlan_id      = 42
  regions      = ["GRA11", "SBG5"]
}

resource "ovh_cloud_project_network_private_subnet" "gra" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.backend.id
  region       = "GRA11"
  network      = "192.168.0.0/24"
  start        = "192.168.0.100"
  end          = "192.168.0.200"
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_network_private_subnet" "sbg" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.backend.id
  region       = "SBG5"
  network      = "192.168.1.0/24"
  start        = "192.168.1.100"
  end          = "192.168.1.200"
  dhcp         = false
  no_gateway   = true
}

output "gra_openstack_network_id" {
  value = ovh_cloud_project_network_private.backend.regions_openstack_ids["GRA11"]
}
