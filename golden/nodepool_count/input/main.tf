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

variable "pool_count" {
  type    = number
  default = 3
}

resource "ovh_cloud_project_kube" "shared" {
  service_name = var.service_name
  name         = "shared"
  region       = "SBG5"
}

resource "ovh_cloud_project_kube_nodepool" "worker" {
  count = var.pool_count

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.shared.id
  name          = "worker-${count.index}"
  flavor_name   = "b3-8"
  desired_nodes = 2
  min_nodes     = 1
  max_nodes     = 4
  autoscale     = count.index == 0
}

output "worker_pool_names" {
  value = ovh_cloud_project_kube_nodepool.worker[*].name
}
