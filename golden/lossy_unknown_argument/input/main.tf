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

resource "ovh_cloud_project_kube" "typo" {
  service_name = var.service_name
  name         = "typo-cluster"
  regoin       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_kube_nodepool" "typo" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.typo.id
  name          = "typo-pool"
  flavour_name  = "b3-8"
  desired_nodes = 2
}
