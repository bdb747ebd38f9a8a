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

locals {
  region = "EU-WEST-PAR"
  zones  = ["eu-west-par-a", "eu-west-par-b", "eu-west-par-c"]
}

resource "ovh_cloud_project_network_private" "par" {
  service_name = var.service_name
  name         = "par-net"
  vlan_id      = 300
  regions      = [local.region]
}

resource "ovh_cloud_project_network_private_subnet" "par" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.par.id
  region       = local.region
  network      = "10.30.0.0/16"
  start        = "10.30.0.10"
  end          = "10.30.255.250"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "par" {
  service_name = var.service_name
  name         = "par-gateway"
  model        = "s"
  region       = local.region
  network_id   = ovh_cloud_project_network_private.par.regions_openstack_ids[local.region]
  subnet_id    = ovh_cloud_project_network_private_subnet.par.id
}

resource "ovh_cloud_project_kube" "par" {
  service_name       = var.service_name
  name               = "par-3az"
  region             = local.region
  plan               = "standard"
  private_network_id = ovh_cloud_project_network_private.par.regions_openstack_ids[local.region]
  nodes_subnet_id    = ovh_cloud_project_network_private_subnet.par.id

  private_network_configuration {
    default_vrack_gateway              = ""
    private_network_routing_as_default = true
  }

  depends_on = [ovh_cloud_project_gateway.par]
}

resource "ovh_cloud_project_kube_nodepool" "zone_a" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.par.id
  name               = "pool-a"
  flavor_name        = "b3-16"
  desired_nodes      = 2
  availability_zones = ["eu-west-par-a"]
}

resource "ovh_cloud_project_kube_nodepool" "zone_b" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.par.id
  name               = "pool-b"
  flavor_name        = "b3-16"
  desired_nodes      = 2
  availability_zones = ["eu-west-par-b"]
}

resource "ovh_cloud_project_kube_nodepool" "zone_c" {
  service_name       = var.service_name
  kube_id            = ovh_cloud_project_kube.par.id
  name               = "pool-c"
  flavor_name        = "b3-16"
  desired_nodes      = 2
  availability_zones = [local.zones[2]]
}
