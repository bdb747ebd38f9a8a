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

variable "node_pools" {
  description = "Node pools keyed by pool name"
  type = map(object({
    flavor    = string
    min_nodes = number
    max_nodes = number
    autoscale = bool
  }))
  default = {
    general = {
      flavor    = "b3-16"
      min_nodes = 2
      max_nodes = 6
      autoscale = true
    }
    memory = {
      flavor    = "r3-32"
      min_nodes = 1
      max_nodes = 3
      autoscale = true
    }
    batch = {
      flavor    = "c3-8"
      min_nodes = 1
      max_nodes = 1
      autoscale = false
    }
  }
}

resource "ovh_cloud_project_kube" "main" {
  service_name = var.service_name
  name         = "main"
  region       = "GRA11"
}

resource "ovh_cloud_project_kube_nodepool" "pool" {
  for_each = var.node_pools

  service_name  = var.service_name
  kube_id       = ovh_cloud_project_kube.main.id
  name          = "${each.key}-pool"
  flavor_name   = each.value.flavor
  autoscale     = each.value.autoscale
  min_nodes     = each.value.min_nodes
  max_nodes     = each.value.max_nodes
  desired_nodes = each.value.min_nodes

  template {
    metadata {
      labels      = { "pool" = each.key }
      annotations = {}
      finalizers  = []
    }
    spec {
      unschedulable = false
      taints        = []
    }
  }
}

output "node_pool_ids" {
  value = { for name, pool in ovh_cloud_project_kube_nodepool.pool : name => pool.id }
}
