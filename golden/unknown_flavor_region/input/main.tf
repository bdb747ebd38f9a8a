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

resource "ovh_cloud_project_kube" "nowhere" {
  service_name = var.service_name
  name         = "nowhere"
  region       = "XX1"
}

resource "ovh_cloud_project_kube_nodepool" "odd" {
  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.nowhere.id
  name          = "odd-pool"
  flavor_name   = "zz9-99"
  desired_nodes = 1
}
