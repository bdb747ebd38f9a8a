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
  name         = "mks_3az"
  vlan_id      = 30
  regions      = ["GRA11"]
}

resource "ovh_cloud_project_network_private_subnet" "net" {
  service_name = var.service_name
  network_id   = ovh_cloud_project_network_private.net.id
  region       = "GRA11"
  network      = "10.30.0.0/24"
  start        = "10.30.0.10"
  end          = "10.30.0.250"
  dhcp         = true
}

resource "ovh_cloud_project_gateway" "my_gateway" {
  service_name = var.service_name
  name         = "My Gateway"
  model        = "s"
  region       = "GRA11"
  network_id   = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
  subnet_id    = ovh_cloud_project_network_private_subnet.net.id
}

resource "ovh_cloud_project_kube" "my_cluster" {
  service_name       = var.service_name
  name               = "my_kube_cluster_for_the_production_environment"
  region             = "GRA11"
  private_network_id = ovh_cloud_project_network_private.net.regions_openstack_ids["GRA11"]
}

resource "ovh_cloud_project_user" "user" {
  service_name = var.service_name
  description  = "object storage user"
  role_name    = "objectstore_operator"
}

resource "ovh_cloud_project_storage" "backups" {
  service_name = var.service_name
  region_name  = "GRA"
  name         = "Google_Backups"
}
