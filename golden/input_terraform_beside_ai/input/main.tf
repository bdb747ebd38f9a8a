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

resource "ovh_cloud_project_kube" "demo" {
  service_name = var.service_name
  name         = "demo-cluster"
  region       = "GRA11"
  version      = "1.31"
}

resource "ovh_cloud_project_kube_nodepool" "default" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.demo.id
  name          = "default-pool"
  flavor_name   = "b3-8"
  desired_nodes = 3
  min_nodes     = 3
  max_nodes     = 3
}
