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

resource "ovh_cloud_project_network_private" "app" {
  service_name = var.service_name
  name         = "app-net"
  vlan_id      = 50
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet_v2" "app" {
  service_name      = var.service_name
  network_id        = ovh_cloud_project_network_private.app.regions_openstack_ids["GRA11"]
  region            = "GRA11"
  name              = "app-subnet"
  cidr              = "10.50.0.0/24"
  dhcp              = true
  enable_gateway_ip = true
  gateway_ip        = "10.50.0.1"
  dns_nameservers   = ["213.186.33.99", "1.1.1.1"]

  use_default_public_dns_resolver = false

  allocation_pools {
    start = "10.50.0.20"
    end   = "10.50.0.120"
  }

  allocation_pools {
    start = "10.50.0.150"
    end   = "10.50.0.250"
  }

  host_route {
    destination = "10.60.0.0/16"
    nexthop     = "10.50.0.254"
  }

  host_route {
    destination = "172.16.0.0/12"
    nexthop     = "10.50.0.253"
  }
}
