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

variable "existing_kube_id" {
  description = "ID of a cluster created outside this module"
  type        = string
}

data "ovh_cloud_project_regions" "kube" {
  service_name    = var.service_name
  has_services_up = ["kubernetes"]
}

data "ovh_cloud_project_kube" "existing" {
  service_name = var.service_name
  kube_id      = var.existing_kube_id
}

data "ovh_cloud_project_flavors" "gra" {
  service_name = var.service_name
  region       = data.ovh_cloud_project_kube.existing.region
}

locals {
  gpu_flavors = [for f in data.ovh_cloud_project_flavors.gra.flavors : f.name if startswith(f.name, "l40s-") || startswith(f.name, "l4-")]
}

resource "ovh_cloud_project_kube_nodepool" "extra" {
  service_name  = var.service_name
  kube_id       = data.ovh_cloud_project_kube.existing.id
  name          = "extra"
  flavor_name   = "b3-8"
  desired_nodes = 1
}

output "kube_regions" {
  value = data.ovh_cloud_project_regions.kube.names
}

output "existing_cluster" {
  value = {
    name    = data.ovh_cloud_project_kube.existing.name
    region  = data.ovh_cloud_project_kube.existing.region
    version = data.ovh_cloud_project_kube.existing.version
    url     = data.ovh_cloud_project_kube.existing.url
  }
}

output "gpu_flavors" {
  value = local.gpu_flavors
}
