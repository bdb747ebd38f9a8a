terraform {
  required_providers {
    ovh = {
      source  = "ovh/ovh"
      version = "~> 2.19"
    }
  }
}

variable "service_name" {
  type = string
}

resource "ovh_cloud_project_network_private" "backend" {
  service_name = var.service_name
  name         = "backend"
  vlan_id      = 42
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "backend" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.backend.id
  region       = "GRA11"
  start        = "10.42.0.10"
  end          = "10.42.0.200"
  network      = "10.42.0.0/24"
  dhcp         = true
  no_gateway   = false
}

resource "ovh_cloud_project_database" "sessions" {
  service_name = var.service_name
  engine       = "valkey"
  version      = "8.0"
  plan         = "business"
  flavor       = "db2-4"

  nodes {
    region     = "GRA"
    network_id = tolist(ovh_cloud_project_network_private.backend.regions_attributes[*].openstackid)[0]
    subnet_id  = ovh_cloud_project_network_private_subnet.backend.id
  }
  nodes {
    region     = "GRA"
    network_id = tolist(ovh_cloud_project_network_private.backend.regions_attributes[*].openstackid)[0]
    subnet_id  = ovh_cloud_project_network_private_subnet.backend.id
  }
}

resource "ovh_cloud_project_database" "queues" {
  service_name = var.service_name
  engine       = "valkey"
  version      = "8.0"
  plan         = "essential"
  flavor       = "db2-4"

  nodes {
    region     = "GRA"
    network_id = tolist(ovh_cloud_project_network_private.backend.regions_attributes[*].openstackid)[0]
  }
}
