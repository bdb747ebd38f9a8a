terraform {
  required_providers {
    ovh       = { source = "ovh/ovh", version = "~> 2.19" }
    openstack = { source = "terraform-provider-openstack/openstack", version = "~> 1.54" }
  }
}

provider "ovh" {
  endpoint = "ovh-eu"
}

provider "openstack" {
  auth_url    = "https://auth.cloud.ovh.net/v3"
  domain_name = "default"
  region      = "GRA11"
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "private" {
  service_name = var.service_name
  name         = "ovh-private"
  regions      = ["GRA11"]
  vlan_id      = 10
}

resource "openstack_networking_network_v2" "private" {
  name           = "os-private"
  admin_state_up = true
}

resource "openstack_networking_subnet_v2" "private" {
  name        = "os-private"
  network_id  = openstack_networking_network_v2.private.id
  cidr        = "10.0.1.0/24"
  region      = "GRA11"
  ip_version  = 4
  enable_dhcp = true
}

resource "ovh_cloud_project_instance" "web" {
  service_name   = var.service_name
  region         = "GRA11"
  name           = "web-ovh"
  billing_period = "hourly"

  flavor {
    flavor_id = "b3-8"
  }

  boot_from {
    image_id = "Ubuntu 24.04"
  }

  network {
    public = true
  }
}

resource "openstack_compute_instance_v2" "web" {
  name        = "web-os"
  flavor_name = "b3-8"
  image_name  = "Ubuntu 22.04"
  region      = "GRA11"

  network {
    uuid = openstack_networking_network_v2.private.id
  }

  depends_on = [openstack_networking_subnet_v2.private]
}

output "ovh_web_id" {
  value = ovh_cloud_project_instance.web.id
}

output "os_web_id" {
  value = openstack_compute_instance_v2.web.id
}
