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

resource "ovh_cloud_project_network_private" "net" {
  service_name = var.service_name
  name         = "egress-net"
  vlan_id      = 10
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "net" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.10.0.0/24"
  start        = "10.10.0.10"
  end          = "10.10.0.250"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "egress" {
  service_name = var.service_name
  name         = "egress-gateway"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
  subnet_id    = ovh_cloud_project_network_private_subnet.net.id
}

output "gateway_id" {
  value = ovh_cloud_project_gateway.egress.id
}
